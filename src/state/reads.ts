/**
 * Read positions: the user's own (`markRead`, posted at most once per
 * sequence, the inbox row cleared at once) and every member's receipts (the
 * `receipts` slice, from the member list and live `member:read` events), and
 * the `members` slice they come with.
 */
import type { MemberReadEvent, Membership } from '../sdk/types.js';
import type { StoreCore } from './core.js';
import { markConversationRead } from './inbox.js';
import type { Receipt } from './types.js';

export class Reads {
  /** Highest sequence this store posted as read, per conversation (never post twice). */
  readonly #posted = new Map<string, number>();
  /** Conversations whose last read post failed: the inbox row says read, the server may not know. */
  readonly #unsaved = new Set<string>();

  constructor(private readonly core: StoreCore) {}

  /** What the user read per conversation, as far as this store posted it (the inbox list may lag). */
  get posted(): ReadonlyMap<string, number> {
    return this.#posted;
  }

  async markRead(conversationId: string): Promise<void> {
    const state = this.core.state.getState();
    const tl = state.timelines[conversationId];
    if (!tl || tl.messageIds.length === 0) return;
    const newest = tl.byId[tl.messageIds[tl.messageIds.length - 1]];
    const posted = this.#posted.get(conversationId) ?? 0;
    const row = state.inbox.byId[conversationId];
    if (posted >= newest.sequence) return;
    const me = state.me;
    this.#posted.set(conversationId, newest.sequence);
    this.core.state.update((s) => {
      const inbox = markConversationRead(s.inbox, conversationId, newest.sequence);
      if (!me) return inbox === s.inbox ? s : { ...s, inbox };
      const receipt: Receipt = {
        userId: me.id,
        messageId: newest.id,
        sequence: newest.sequence,
        at: new Date(this.core.now()).toISOString(),
      };
      return {
        ...s,
        inbox,
        receipts: {
          ...s.receipts,
          [conversationId]: { ...(s.receipts[conversationId] ?? {}), [me.id]: receipt },
        },
      };
    });
    // The server already knows (the list said so, or the user's own message moved the cursor).
    if (row && row.last_read_sequence >= newest.sequence && !this.#unsaved.has(conversationId))
      return;
    try {
      await this.core.client.conversations.one(conversationId).messages.markRead(newest.id);
      this.#unsaved.delete(conversationId);
    } catch {
      // Let a later call post it again.
      this.#unsaved.add(conversationId);
      if (this.#posted.get(conversationId) === newest.sequence)
        this.#posted.set(conversationId, posted);
    }
  }

  /** A member's read cursor moved (live). */
  memberRead(event: MemberReadEvent): void {
    const id = event.conversation_id;
    this.core.state.update((s) => {
      const receipts = s.receipts[id] ?? {};
      const known = receipts[event.user_id];
      const sequence = event.last_read_message_id
        ? (s.timelines[id]?.byId[event.last_read_message_id]?.sequence ?? null)
        : null;
      // The server never moves a read cursor backwards; neither do we.
      if (known && known.sequence !== null && sequence !== null && sequence <= known.sequence)
        return s;
      const receipt: Receipt = {
        userId: event.user_id,
        messageId: event.last_read_message_id,
        sequence,
        at: event.last_read_at,
      };
      return { ...s, receipts: { ...s.receipts, [id]: { ...receipts, [event.user_id]: receipt } } };
    });
  }

  /** Loads the conversation's members and their read positions. */
  async loadMembers(id: string): Promise<void> {
    let list: Membership[];
    try {
      list = (await this.core.client.conversations.one(id).listMembers()).data;
    } catch {
      return; // members are an enhancement (receipts, names); the timeline works without them
    }
    this.core.state.update((s) => {
      const byUser: Record<string, Membership> = {};
      for (const m of list) byUser[m.user_id] = m;
      const receipts: Record<string, Receipt> = { ...(s.receipts[id] ?? {}) };
      const tl = s.timelines[id];
      for (const m of list) {
        const known = receipts[m.user_id];
        if (!m.last_read_message_id) continue;
        if (known && known.at && m.last_read_at && known.at >= m.last_read_at) continue;
        receipts[m.user_id] = {
          userId: m.user_id,
          messageId: m.last_read_message_id,
          sequence: tl?.byId[m.last_read_message_id]?.sequence ?? null,
          at: m.last_read_at,
        };
      }
      return {
        ...s,
        members: { ...s.members, [id]: byUser },
        receipts: { ...s.receipts, [id]: receipts },
      };
    });
  }
}
