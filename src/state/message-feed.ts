/**
 * The messages held in timelines and threads: receiving them (through the
 * pure `receiveMessages` reducer), the live events about them (edits,
 * deletes, reactions, held until their message arrives), and the user's
 * optimistic edits, deletes and reactions with their rollback.
 */
import type { Message, MessageDeletedEvent, ReactionEvent } from '../sdk/types.js';
import type { StoreCore } from './core.js';
import { HeldEvents } from './held-events.js';
import { locateMessage, patchMessage, type MessageLocation } from './locate.js';
import { asDeleted, supersedes, withReaction } from './messages.js';
import { receiveMessages, type MessageSource } from './receive.js';

export interface MessageFeedHooks {
  /** A live message from `userId` ends their typing in that conversation. */
  typingEnded(conversationId: string, userId: string): void;
  /** A live message skipped sequences: the conversation should fetch what it missed. */
  gap(conversationId: string): void;
}

export class MessageFeed {
  readonly #held = new HeldEvents();

  constructor(
    private readonly core: StoreCore,
    private readonly hooks: MessageFeedHooks,
  ) {}

  locate(id: string): MessageLocation | null {
    return locateMessage(this.core.state.getState(), id);
  }

  /** The one door messages enter by: pages, REST answers and live pushes. */
  receive(incoming: readonly Message[], source: MessageSource): void {
    if (incoming.length === 0) return;
    const messages = incoming.map((m) => this.#held.settle(m));
    let gaps: readonly string[] = [];
    this.core.state.update((s) => {
      const received = receiveMessages(s, messages, source);
      gaps = received.gaps;
      return received.state;
    });
    if (source === 'live')
      for (const m of messages)
        if (m.sender_id) this.hooks.typingEnded(m.conversation_id, m.sender_id);
    for (const id of gaps) this.hooks.gap(id);
  }

  onUpdated(message: Message): void {
    const settled = this.#held.settle(message);
    const found = this.#patch(message.id, (current) =>
      supersedes(current, settled) ? settled : current,
    );
    if (found) return;
    if (this.core.state.getState().outbox[message.id]) this.receive([settled], 'answer');
    else this.#held.holdUpdate(settled);
  }

  onDeleted(event: MessageDeletedEvent): void {
    if (!this.#patch(event.id, (m) => asDeleted(m, event.deleted_at)))
      this.#held.holdDeleted(event);
  }

  onReaction(event: ReactionEvent, add: boolean): void {
    const found = this.#patch(event.message_id, (m) =>
      withReaction(m, event.emoji, event.user_id, add),
    );
    if (!found) this.#held.holdReaction(event, add);
  }

  edit(messageId: string, body: string): Promise<void> {
    const editedAt = new Date(this.core.now()).toISOString();
    let applied: Message | null = null;
    return this.#optimistic(
      messageId,
      (m) => (applied = { ...m, body, edited_at: editedAt }),
      () => this.core.client.messages.one(messageId).update({ body }),
      (current, previous) => (current === applied ? previous : current),
    );
  }

  delete(messageId: string): Promise<void> {
    const deletedAt = new Date(this.core.now()).toISOString();
    let applied: Message | null = null;
    return this.#optimistic(
      messageId,
      (m) => (applied = { ...m, body: null, attachments: [], deleted_at: deletedAt }),
      () => this.core.client.messages.one(messageId).delete(),
      (current, previous) => (current === applied ? previous : current),
    );
  }

  toggleReaction(messageId: string, emoji: string): Promise<void> {
    const me = this.core.state.getState().me;
    if (!me) return Promise.reject(new Error('The store has not started'));
    const had = this.locate(messageId)?.message.reactions[emoji]?.includes(me.id) ?? false;
    const handle = this.core.client.messages.one(messageId);
    return this.#optimistic(
      messageId,
      (m) => withReaction(m, emoji, me.id, !had),
      () => (had ? handle.removeReaction(emoji) : handle.addReaction(emoji)),
      // Undo only our own change; other people's reactions that came in meanwhile stay.
      (current) => withReaction(current, emoji, me.id, had),
    );
  }

  /** Replaces a held message with `change(current)`; false when no such message is held. */
  #patch(id: string, change: (m: Message) => Message): boolean {
    let found = false;
    this.core.state.update((s) => {
      const next = patchMessage(s, id, change);
      found = next !== null;
      return next ?? s;
    });
    return found;
  }

  /** Applies `change`, runs `request`, and puts `previous` back if it fails and nothing newer came in. */
  async #optimistic(
    messageId: string,
    change: (m: Message) => Message,
    request: () => Promise<Message | void>,
    rollback: (current: Message, previous: Message) => Message,
  ): Promise<void> {
    const at = this.locate(messageId);
    if (!at) throw new Error(`Unknown message ${messageId}`);
    const previous = at.message;
    const applied = change(previous);
    this.#patch(messageId, () => applied);
    let answer: Message | void;
    try {
      answer = await request();
    } catch (error) {
      this.#patch(messageId, (current) => rollback(current, previous));
      throw error;
    }
    if (answer) {
      const confirmed = answer;
      this.#patch(messageId, (current) =>
        current === applied || supersedes(current, confirmed) ? confirmed : current,
      );
    }
  }
}
