/**
 * Keeps a scrolling chat log where the reader wants it: stuck to the bottom
 * while they are there (as rows arrive, images load and sizes are
 * corrected), and on the row they were reading when content is added above.
 *
 * What counts as the reader's own scroll: a wheel, touch, key or pointer
 * press in the last `INTENT_MS`. Only the reader moving up detaches from the
 * bottom; a virtualizer correcting its estimates (it moves `scrollTop` too)
 * and growth below never do.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Within this distance of the bottom the reader counts as "at the bottom" (and the view sticks there). */
export const STICK_PX = 48;
/** Older content loads when the reader gets this close to the top. */
const LOAD_OLDER_PX = 800;
/** How long after a prepend the reader's anchor is held in place while rows get measured. */
const ANCHOR_HOLD_MS = 600;
/** A scroll this soon after a wheel, touch, key or pointer press is the reader's own. */
const INTENT_MS = 800;

interface Anchor {
  key: string;
  /** Distance of the row's top from the scroller's top. */
  offset: number;
  until: number;
}

/** What the log tells the controller, and what it hears back. */
export interface StickToBottomView {
  /** The scrolling element. */
  scroller(): HTMLElement | null;
  /** The rendered rows in order, each with a `data-key`. */
  rows(): Iterable<Element>;
  /** Whether a row may anchor the reader's place (rows that keep their position as content is added above). */
  canAnchor(row: HTMLElement): boolean;
  /** The view stuck to, or came loose from, the bottom. */
  detachedChanged(detached: boolean): void;
  /** The reader reached the bottom. */
  reachedBottom(): void;
  /** The reader scrolled near the top. */
  nearTop(): void;
}

export class StickToBottomController implements ReactiveController {
  #stick = true;
  #lastScrollTop = 0;
  #intentAt = -Infinity;
  #pointerDown = false;
  #anchor: Anchor | null = null;
  #frame = 0;
  // Settle on the next frame, not inside the observer callback, so the
  // scroll it may cause never feeds back into the same observation round.
  readonly #resize =
    typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.scheduleFrame());
  #observed = new WeakSet<Element>();

  constructor(
    host: ReactiveControllerHost,
    private readonly view: StickToBottomView,
  ) {
    host.addController(this);
  }

  /** Whether the view follows the bottom. */
  get stuck(): boolean {
    return this.#stick;
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#observed = new WeakSet();
    cancelAnimationFrame(this.#frame);
  }

  /** Re-settles whenever one of these changes size (observed once each). */
  observe(...elements: Element[]): void {
    for (const element of elements) {
      if (this.#observed.has(element)) continue;
      this.#observed.add(element);
      this.#resize?.observe(element);
    }
  }

  /** Back to following the bottom, dropping any held place (new content, or the reader's own send). */
  follow(): void {
    this.#stick = true;
    this.#anchor = null;
  }

  /** Follows the bottom and goes there now. */
  scrollToLatest(): void {
    this.follow();
    this.scrollToBottom();
  }

  /** Stops following the bottom (the view is about to show something further up). */
  release(): void {
    this.#stick = false;
  }

  /** Holds the row `key` at the top of the view while rows get measured. */
  holdAt(key: string): void {
    this.#anchor = { key, offset: 0, until: performance.now() + ANCHOR_HOLD_MS };
    this.scheduleFrame();
  }

  /**
   * Content is about to be added above: remember the first row on screen
   * and its offset. The layout keeps it in place by itself; this is the
   * safety net that corrects what estimates leave over once the row is
   * measured again.
   */
  keepPlace(): void {
    if (this.#stick) return;
    const scroller = this.view.scroller();
    if (!scroller) return;
    const top = scroller.getBoundingClientRect().top;
    for (const child of this.view.rows()) {
      const element = child as HTMLElement;
      const key = element.dataset['key'];
      if (!key || !this.view.canAnchor(element)) continue;
      const rect = element.getBoundingClientRect();
      if (rect.bottom > top + 1) {
        this.#anchor = { key, offset: rect.top - top, until: performance.now() + ANCHOR_HOLD_MS };
        return;
      }
    }
  }

  scheduleFrame(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.settle());
  }

  /** After layout changes: hold the anchor, or stay at the bottom. */
  settle(): void {
    if (this.#anchor) {
      this.#restoreAnchor();
      if (this.#anchor) this.scheduleFrame();
      return;
    }
    if (!this.#stick) return;
    const scroller = this.view.scroller();
    if (scroller && this.#byReader() && scroller.scrollTop < this.#lastScrollTop - 2) {
      // The reader started moving up before their scroll event arrived: let them go.
      this.#stick = false;
      this.view.detachedChanged(true);
      return;
    }
    this.scrollToBottom();
  }

  scrollToBottom(): void {
    const scroller = this.view.scroller();
    if (!scroller) return;
    scroller.scrollTop = scroller.scrollHeight;
    this.#lastScrollTop = scroller.scrollTop;
  }

  /** Puts the anchored row back where the reader saw it. */
  #restoreAnchor(): void {
    const anchor = this.#anchor;
    const scroller = this.view.scroller();
    if (!anchor || !scroller) return;
    if (performance.now() > anchor.until) {
      this.#anchor = null;
      return;
    }
    let element: Element | undefined;
    for (const row of this.view.rows())
      if ((row as HTMLElement).dataset['key'] === anchor.key) element = row;
    if (!element) {
      // Not rendered yet at the estimated position: look again next frame.
      this.scheduleFrame();
      return;
    }
    const delta =
      element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset;
    if (Math.abs(delta) >= 1) {
      scroller.scrollTop += delta;
      this.#lastScrollTop = scroller.scrollTop;
    }
  }

  #byReader(): boolean {
    return this.#pointerDown || performance.now() - this.#intentAt < INTENT_MS;
  }

  /** For the scroller's `scroll` event. */
  readonly onScroll = (): void => {
    const scroller = this.view.scroller();
    if (!scroller) return;
    const top = scroller.scrollTop;
    if (this.#anchor) {
      // Our own (or the virtualizer's) moves while the reader's place is held say nothing about the reader.
      this.#lastScrollTop = top;
      return;
    }
    const distance = scroller.scrollHeight - top - scroller.clientHeight;
    const movedUp = top < this.#lastScrollTop - 2;
    this.#lastScrollTop = top;
    const byReader = this.#byReader();
    if (distance <= STICK_PX) {
      this.#stick = true;
      this.view.reachedBottom();
    } else if (movedUp && byReader) {
      // Only the reader moving up detaches. The virtualizer corrects its
      // size estimates by moving scrollTop too, and growth below (new rows,
      // images) must not detach either.
      this.#stick = false;
    } else if (this.#stick) {
      // The virtualizer corrected its estimates by moving the view: back to the bottom.
      this.scheduleFrame();
    }
    this.view.detachedChanged(!this.#stick);
    // Older content follows the reader's own scrolling, not the virtualizer's corrections.
    if (top < LOAD_OLDER_PX && byReader) this.view.nearTop();
  };

  /** For the scroller's `wheel`, `touchmove` and `keydown` events. */
  readonly onScrollIntent = (): void => {
    // A wheel, touch or key move takes precedence over a held anchor.
    this.#anchor = null;
    this.#intentAt = performance.now();
  };

  /** For the scroller's `pointerdown` event. */
  readonly onPointerDown = (event: PointerEvent): void => {
    // Dragging the scrollbar: the press lands on the scroller itself.
    if (event.target !== event.currentTarget) return;
    this.#pointerDown = true;
    this.onScrollIntent();
    window.addEventListener(
      'pointerup',
      () => {
        this.#pointerDown = false;
        this.#intentAt = performance.now();
      },
      { once: true },
    );
  };
}
