/**
 * Pure updates of the inbox slice: conversations sorted by last activity,
 * newest first, with the calling user's unread count kept locally.
 */
import type { Conversation } from '../sdk/types.js';
import { insertSorted, without } from './sorted.js';
import type { InboxState } from './types.js';

export const emptyInbox: InboxState = {
  ids: [],
  byId: {},
  loading: false,
  loaded: false,
  error: null,
};

/** When the conversation last saw activity: its newest message, else its creation. */
export function activityOf(c: Conversation): string {
  return c.last_message_at ?? c.inserted_at;
}

/** Newest activity first; ties broken by id so the order is stable. */
function byActivity(byId: Readonly<Record<string, Conversation>>) {
  return (a: string, b: string): number => {
    const ta = activityOf(byId[a]);
    const tb = activityOf(byId[b]);
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Replaces the whole list (initial load or reload after a reconnect). */
export function setConversations(
  inbox: InboxState,
  list: readonly Conversation[],
  readUpTo: ReadonlyMap<string, number>,
): InboxState {
  const byId: Record<string, Conversation> = {};
  for (const c of list) {
    const prev = inbox.byId[c.id];
    // A live update that landed while the list was in flight is newer than the list's row.
    if (prev && prev.last_sequence > c.last_sequence) {
      byId[c.id] = prev;
      continue;
    }
    const known = Math.max(readUpTo.get(c.id) ?? 0, prev?.last_read_sequence ?? 0);
    // A read posted locally that the list does not reflect yet still counts.
    const next =
      known >= c.last_sequence && c.unread_count > 0
        ? { ...c, unread_count: 0, last_read_sequence: known }
        : c;
    byId[c.id] = prev && sameConversation(prev, next) ? prev : next;
  }
  const ids = Object.keys(byId).sort(byActivity(byId));
  return { ids, byId, loading: false, loaded: true, error: null };
}

function sameConversation(a: Conversation, b: Conversation): boolean {
  return (
    a.updated_at === b.updated_at &&
    a.last_sequence === b.last_sequence &&
    a.unread_count === b.unread_count &&
    a.last_read_sequence === b.last_read_sequence &&
    a.last_message_preview === b.last_message_preview &&
    a.name === b.name
  );
}

/**
 * Applies a conversation row pushed live (`conversation:created`,
 * `conversation:updated`) or answered by REST. `byUserId` is who sent the
 * message that caused the update: the user's own messages never raise the
 * unread count (the server moved their read cursor in the same transaction).
 */
export function upsertConversation(
  inbox: InboxState,
  incoming: Conversation,
  change: { byUserId: string | null | undefined; meId: string | null },
): InboxState {
  const prev = inbox.byId[incoming.id];
  let next: Conversation;
  if (!prev) {
    next =
      change.byUserId && change.byUserId === change.meId
        ? { ...incoming, unread_count: 0, last_read_sequence: incoming.last_sequence }
        : incoming;
  } else if (incoming.last_sequence > prev.last_sequence) {
    if (incoming.last_message_at === prev.last_message_at) {
      // A thread reply: it takes a sequence but leaves the main feed (and so the unread count) as it was.
      next = {
        ...incoming,
        unread_count: prev.unread_count,
        last_read_sequence: prev.last_read_sequence,
      };
    } else if (change.byUserId !== undefined && change.byUserId === change.meId) {
      next = {
        ...incoming,
        unread_count: 0,
        last_read_sequence: Math.max(prev.last_read_sequence, incoming.last_sequence),
      };
    } else {
      next = {
        ...incoming,
        unread_count: prev.unread_count + 1,
        last_read_sequence: prev.last_read_sequence,
      };
    }
  } else if (incoming.last_sequence < prev.last_sequence) {
    return inbox; // a stale row
  } else {
    // Same message position: metadata changed (name, avatar...). Keep our read state.
    next = {
      ...incoming,
      unread_count: prev.unread_count,
      last_read_sequence: prev.last_read_sequence,
    };
    if (sameConversation(prev, next)) return inbox;
  }
  const byId = { ...inbox.byId, [incoming.id]: next };
  const ids = insertSorted(without(inbox.ids, incoming.id), incoming.id, byActivity(byId));
  return { ...inbox, ids, byId };
}

/** Marks a conversation read up to `sequence` (the newest message the user has seen): nothing is unread. */
export function markConversationRead(
  inbox: InboxState,
  conversationId: string,
  sequence: number,
): InboxState {
  const prev = inbox.byId[conversationId];
  if (!prev) return inbox;
  const readSeq = Math.max(prev.last_read_sequence, sequence);
  const unread = 0;
  if (readSeq === prev.last_read_sequence && unread === prev.unread_count) return inbox;
  return {
    ...inbox,
    byId: {
      ...inbox.byId,
      [conversationId]: { ...prev, last_read_sequence: readSeq, unread_count: unread },
    },
  };
}
