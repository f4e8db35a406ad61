/**
 * Pure updates of message collections kept in `sequence` order: the main
 * feed of a conversation (`TimelineState`) and a thread (`ThreadState`).
 * Messages are deduplicated by id; a known id is replaced only by a later
 * version. Inserts search from the end, so live messages cost one compare.
 */
import type { Message } from '../sdk/types.js';
import { supersedes } from './messages.js';
import type { ThreadState, TimelineState } from './types.js';

/** Ids in sequence order plus the messages by id. */
export interface OrderedMessages {
  ids: readonly string[];
  byId: Readonly<Record<string, Message>>;
}

/**
 * Merges `messages` into the collection. Returns the same object when nothing
 * changed, so unchanged slices keep their reference.
 */
export function mergeMessages(
  collection: OrderedMessages,
  messages: readonly Message[],
): OrderedMessages {
  let byId: Record<string, Message> | null = null;
  let ids: string[] | null = null;
  for (const message of messages) {
    const current = (byId ?? collection.byId)[message.id];
    if (current) {
      if (!supersedes(current, message)) continue;
      byId ??= { ...collection.byId };
      byId[message.id] = message;
      continue;
    }
    byId ??= { ...collection.byId };
    ids ??= collection.ids.slice();
    byId[message.id] = message;
    insertBySequence(ids, byId, message);
  }
  if (!byId) return collection;
  return { ids: ids ?? collection.ids, byId };
}

/** Inserts in place, keeping `ids` in ascending `sequence` order. */
function insertBySequence(
  ids: string[],
  byId: Readonly<Record<string, Message>>,
  message: Message,
): void {
  const n = ids.length;
  const seq = message.sequence;
  if (n === 0 || byId[ids[n - 1]].sequence <= seq) {
    ids.push(message.id);
    return;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byId[ids[mid]].sequence <= seq) lo = mid + 1;
    else hi = mid;
  }
  ids.splice(lo, 0, message.id);
}

/** Replaces a message already held (same id), or returns the collection unchanged. */
export function replaceMessage(collection: OrderedMessages, message: Message): OrderedMessages {
  const current = collection.byId[message.id];
  if (!current || current === message) return collection;
  return { ids: collection.ids, byId: { ...collection.byId, [message.id]: message } };
}

export function emptyTimeline(conversationId: string): TimelineState {
  return {
    conversationId,
    messageIds: [],
    byId: {},
    pendingIds: [],
    hasOlder: false,
    loadingOlder: false,
    loadingNewest: false,
    loaded: false,
    error: null,
    lastSeenSequence: 0,
  };
}

export function emptyThread(rootId: string, conversationId: string | null): ThreadState {
  return {
    rootId,
    conversationId,
    replyIds: [],
    byId: {},
    pendingIds: [],
    loading: false,
    loaded: false,
    error: null,
  };
}

/** Applies `change` to the timeline's messages, keeping the timeline object when nothing changed. */
export function withTimelineMessages(
  tl: TimelineState,
  change: (c: OrderedMessages) => OrderedMessages,
): TimelineState {
  const before: OrderedMessages = { ids: tl.messageIds, byId: tl.byId };
  const after = change(before);
  if (after === before) return tl;
  return { ...tl, messageIds: after.ids, byId: after.byId };
}

export function withThreadMessages(
  th: ThreadState,
  change: (c: OrderedMessages) => OrderedMessages,
): ThreadState {
  const before: OrderedMessages = { ids: th.replyIds, byId: th.byId };
  const after = change(before);
  if (after === before) return th;
  return { ...th, replyIds: after.ids, byId: after.byId };
}
