/**
 * The `outbox` slice: optimistic sends, shown at once and kept until the
 * REST answer or the realtime echo confirms them; retry and discard of
 * failed ones. With a durable outbox (`persistOutbox`) entries are written
 * to storage by a subscriber of the slice, restored after a reload, and sent
 * one conversation at a time in the user's order, waiting out the network.
 */
import type { Me, Unsubscribe } from '../sdk/types.js';
import type { StoreCore } from './core.js';
import { toStoreError } from './errors.js';
import type { MessageFeed } from './message-feed.js';
import {
  provisionalMessage,
  requestFor,
  withOutboxEntry,
  withoutOutboxEntry,
} from './outbox-entry.js';
import { OutboxPersistence, resolveOutboxStorage } from './outbox-persistence.js';
import { OutboxQueue, isTransientSendError, onOnline, type SendOutcome } from './outbox-queue.js';
import { outboxScope } from './outbox-storage.js';
import type {
  ChatState,
  ChatStoreOptions,
  OutboxEntry,
  OutboxStorage,
  SendDraft,
} from './types.js';

export interface OutboxDeps {
  feed: MessageFeed;
  generateId: () => string;
  /** The user sent a message in this conversation (typing stops). */
  sent(conversationId: string): void;
}

export class Outbox {
  /** Where the durable outbox is kept and whether this store created that storage. */
  readonly #durable: { storage: OutboxStorage; owned: boolean } | null;
  /** Writes the outbox to storage once `me` (its scope) is known. */
  #persistence: OutboxPersistence | null = null;
  /** Sends the durable outbox in order and resends it when the network returns. */
  readonly #queue: OutboxQueue | null;
  /** Outbox id -> its place in the user's send order (survives a reload with the entry). */
  readonly #order = new Map<string, number>();
  #lastOrder = 0;
  readonly #offs: Unsubscribe[] = [];

  constructor(
    private readonly core: StoreCore,
    private readonly deps: OutboxDeps,
    options: Pick<ChatStoreOptions, 'persistOutbox' | 'onlineSignal' | 'outboxRetryDelayMs'>,
  ) {
    this.#durable = resolveOutboxStorage(options.persistOutbox);
    this.#queue = this.#durable
      ? new OutboxQueue(
          { due: (id) => this.#due(id), attempt: (id) => this.#attempt(id) },
          options.outboxRetryDelayMs ?? 2000,
        )
      : null;
    if (this.#queue && options.onlineSignal)
      this.#offs.push(onOnline(options.onlineSignal, () => this.resend()));
    // Persistence follows the slice: every change is written through (once `me` is known).
    this.#offs.push(
      core.state.select(
        (s) => s.outbox,
        (outbox) => this.#changed(outbox),
      ),
    );
  }

  send(conversationId: string, draft: SendDraft): string {
    const id = this.deps.generateId();
    const state = this.core.state.getState();
    const replyTo = draft.replyToId ? this.deps.feed.locate(draft.replyToId)?.message : undefined;
    const threadRootId = draft.replyToId ? (replyTo?.thread_root_id ?? draft.replyToId) : null;
    const quoted = draft.quotedMessageId
      ? this.deps.feed.locate(draft.quotedMessageId)?.message
      : undefined;
    const message = provisionalMessage(draft, {
      id,
      conversationId,
      threadRootId,
      me: state.me,
      quoted,
      at: new Date(this.core.now()).toISOString(),
    });
    const entry: OutboxEntry = {
      id,
      conversationId,
      threadRootId,
      draft: { ...draft },
      message,
      status: 'pending',
      error: null,
    };
    // The order first: writing the entry to storage reads it.
    if (this.#queue) this.#order.set(id, this.#nextOrder());
    this.core.state.update((s) => withOutboxEntry(s, entry));
    this.deps.sent(conversationId);
    if (this.#queue) this.#queue.kick(conversationId, 'send');
    else this.#dispatch(id);
    return id;
  }

  retry(messageId: string): void {
    const entry = this.core.state.getState().outbox[messageId];
    if (!entry || entry.status !== 'failed') return;
    this.core.state.updateSlice('outbox', (outbox) => ({
      ...outbox,
      [messageId]: { ...entry, status: 'pending', error: null },
    }));
    if (this.#queue) this.#queue.kick(entry.conversationId, 'send');
    else this.#dispatch(messageId);
  }

  discardFailed(messageId: string): void {
    const entry = this.core.state.getState().outbox[messageId];
    if (!entry || entry.status !== 'failed') return;
    this.core.state.update((s) => withoutOutboxEntry(s, entry));
  }

  /** Sends every conversation's pending entries again (the network is back). */
  resend(): void {
    if (!this.#queue) return;
    const conversations = new Set<string>();
    for (const entry of Object.values(this.core.state.getState().outbox))
      if (entry.status === 'pending') conversations.add(entry.conversationId);
    for (const id of conversations) this.#queue.kick(id, 'network');
  }

  /**
   * Puts back what the user's outbox held when the page was last closed (the
   * entries in storage under this user and server) and sends the pending
   * ones. From then on every change of the outbox is written through.
   */
  async restore(me: Me): Promise<void> {
    if (!this.#durable || this.#persistence) return;
    const apiUrl = this.core.client.config?.apiUrl ?? '';
    const persistence = new OutboxPersistence(
      this.#durable.storage,
      outboxScope(apiUrl, me.id),
      (id) => this.#order.get(id) ?? this.#nextOrder(),
    );
    const records = await persistence.load();
    if (this.core.state.closed) return;
    this.#persistence = persistence;
    const state = this.core.state.getState();
    const restored = records.filter(
      ({ entry }) => !(entry.id in state.outbox) && !this.deps.feed.locate(entry.id),
    );
    for (const { entry, order } of restored) {
      this.#order.set(entry.id, order);
      this.#lastOrder = Math.max(this.#lastOrder, order);
    }
    if (restored.length)
      this.core.state.update((s) => restored.reduce((acc, r) => withOutboxEntry(acc, r.entry), s));
    // Writes what was sent before `me` was known, and drops records confirmed meanwhile.
    persistence.sync(this.core.state.getState().outbox);
    const conversations = new Set(
      restored.filter((r) => r.entry.status === 'pending').map((r) => r.entry.conversationId),
    );
    for (const id of conversations) this.#queue?.kick(id, 'send');
  }

  /** Another user signs in: this user's stored outbox is no longer written (it stays theirs). */
  forgetUser(): void {
    this.#persistence = null;
  }

  /** Stops timers; lets the last writes land before closing storage this store opened. */
  destroy(): void {
    this.#queue?.destroy();
    for (const off of this.#offs) off();
    const durable = this.#durable;
    if (durable?.owned) {
      const settled = this.#persistence?.settled() ?? Promise.resolve();
      void settled.then(() => durable.storage.close?.());
    }
  }

  /** Writes the outbox through to storage and forgets the order of entries that left it. */
  #changed(outbox: ChatState['outbox']): void {
    this.#persistence?.sync(outbox);
    for (const id of this.#order.keys()) if (!(id in outbox)) this.#order.delete(id);
  }

  #nextOrder(): number {
    this.#lastOrder = Math.max(Date.now(), this.#lastOrder + 1);
    return this.#lastOrder;
  }

  #markFailed(id: string, error: unknown): void {
    this.core.state.updateSlice('outbox', (outbox) => {
      const current = outbox[id];
      if (!current) return outbox; // confirmed meanwhile by the echo or a gap fill
      return { ...outbox, [id]: { ...current, status: 'failed', error: toStoreError(error) } };
    });
  }

  /** The conversation's pending entries of the durable outbox, in the order the user sent them. */
  #due(conversationId: string): string[] {
    return Object.values(this.core.state.getState().outbox)
      .filter((e) => e.conversationId === conversationId && e.status === 'pending')
      .map((e) => e.id)
      .sort((a, b) => (this.#order.get(a) ?? 0) - (this.#order.get(b) ?? 0));
  }

  /** One send of a durable outbox entry; a network failure leaves it pending for a later attempt. */
  async #attempt(id: string): Promise<SendOutcome> {
    const entry = this.core.state.getState().outbox[id];
    if (!entry || entry.status !== 'pending' || this.core.state.closed) return 'sent';
    try {
      const message = await this.core.client.conversations
        .one(entry.conversationId)
        .messages.send(requestFor(entry));
      this.deps.feed.receive([message], 'answer');
      return 'sent';
    } catch (error) {
      if (!this.core.state.getState().outbox[id]) return 'sent';
      if (isTransientSendError(error)) return 'waiting';
      this.#markFailed(id, error);
      return 'failed';
    }
  }

  /** Sends an entry of an outbox that is not durable: any failure makes it `failed`. */
  #dispatch(id: string): void {
    const entry = this.core.state.getState().outbox[id];
    if (!entry) return;
    this.core.client.conversations
      .one(entry.conversationId)
      .messages.send(requestFor(entry))
      .then(
        (message) => this.deps.feed.receive([message], 'answer'),
        (error: unknown) => this.#markFailed(id, error),
      );
  }
}
