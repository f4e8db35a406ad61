/**
 * `StoreController`: subscribes a Lit host to one slice of the chat store and
 * re-renders it only when that slice changes (by reference, or by a given
 * equality). The store can be handed over directly, or it is consumed from
 * `storeContext` (and may arrive, or change, after the host connected).
 *
 * ```ts
 * private readonly unread = new StoreController(this, totalUnread);
 * render() { return html`${this.unread.value}`; }
 * ```
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialChatState } from '../state/store.js';
import type { ChatState, ChatStore, Equality, Selector } from '../state/types.js';
import { storeContext } from './contexts.js';

export interface StoreControllerOptions<T> {
  /** A store to use instead of the one from context. */
  store?: ChatStore;
  /** When the slice counts as changed (default: by reference). */
  equals?: Equality<T>;
}

/** What the selector sees before any store is there: an empty, not-started state. */
const EMPTY_STATE: ChatState = initialChatState();

export class StoreController<T> implements ReactiveController {
  private currentStore: ChatStore | undefined;
  private selector: Selector<T>;
  private readonly equals: Equality<T>;
  private off: (() => void) | null = null;
  private connected = false;
  private current: T;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    selector: Selector<T>,
    options: StoreControllerOptions<T> = {},
  ) {
    this.selector = selector;
    this.equals = options.equals ?? Object.is;
    this.currentStore = options.store;
    this.current = selector(options.store?.getState() ?? EMPTY_STATE);
    host.addController(this);
    if (!options.store) {
      // Registered after this controller, so hostConnected below runs first and the consumer's callback follows.
      new ContextConsumer(host, {
        context: storeContext,
        subscribe: true,
        callback: (store) => {
          this.store = store;
        },
      });
    }
  }

  /** The selected slice (computed from an empty state until a store is there). */
  get value(): T {
    return this.current;
  }

  /** The store in use, to call its actions. */
  get store(): ChatStore | undefined {
    return this.currentStore;
  }

  set store(store: ChatStore | undefined) {
    if (store === this.currentStore) return;
    this.currentStore = store;
    if (this.connected) this.listen();
    this.refresh();
  }

  /** Changes the selector (for example when the host's conversation id changed). */
  setSelector(selector: Selector<T>): void {
    if (selector === this.selector) return;
    this.selector = selector;
    if (this.connected) this.listen();
    this.refresh();
  }

  hostConnected(): void {
    this.connected = true;
    this.listen();
    this.refresh();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.off?.();
    this.off = null;
  }

  private listen(): void {
    this.off?.();
    this.off = null;
    const store = this.currentStore;
    if (!store) return;
    this.off = store.select(this.selector, () => this.refresh(), this.equals);
  }

  /** Recomputes the slice; asks the host to render only when it changed. */
  private refresh(): void {
    const next = this.selector(this.currentStore?.getState() ?? EMPTY_STATE);
    if (this.equals(this.current, next)) return;
    this.current = next;
    this.host.requestUpdate();
  }
}
