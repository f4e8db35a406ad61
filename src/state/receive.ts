/**
 * Receiving messages, as a pure reducer: the one door every message enters
 * the state by (pages, REST answers, live pushes). It dedups by id, orders by
 * sequence, confirms outbox entries, keeps a thread root's `reply_count`
 * live and moves the gap-fill cursor, and says which conversations showed a
 * hole in their sequence (so the caller fetches what was missed).
 */
import type { Message } from '../sdk/types.js';
import { removeKey } from './core.js';
import { without } from './sorted.js';
import {
  emptyThread,
  emptyTimeline,
  mergeMessages,
  replaceMessage,
  withThreadMessages,
  withTimelineMessages,
} from './timeline.js';
import type { ChatState } from './types.js';

/**
 * Where a batch of messages came from; it decides how the gap-fill cursor
 * moves: a page never moves it (the sync that fetched it does), a live
 * push or an answer moves it over a contiguous run only.
 */
export type MessageSource = 'live' | 'answer' | 'page';

export interface Received {
  /** The new state (the same object when nothing changed). */
  state: ChatState;
  /** Loaded conversations whose sequence showed a hole: something was missed. */
  gaps: readonly string[];
}

export function receiveMessages(
  state: ChatState,
  messages: readonly Message[],
  source: MessageSource,
): Received {
  if (messages.length === 0) return { state, gaps: [] };
  let timelines = state.timelines;
  let threads = state.threads;
  let outbox = state.outbox;
  const gaps = new Set<string>();
  const ordered = [...messages].sort((a, b) => a.sequence - b.sequence);
  for (const m of ordered) {
    const pending = outbox[m.id];
    if (pending) outbox = removeKey(outbox, m.id);
    if (m.thread_root_id) {
      const rootId = m.thread_root_id;
      const thread = threads[rootId];
      const known = thread?.byId[m.id] !== undefined;
      if (thread || pending) {
        let next = withThreadMessages(thread ?? emptyThread(rootId, m.conversation_id), (c) =>
          mergeMessages(c, [m]),
        );
        if (pending) next = { ...next, pendingIds: without(next.pendingIds, m.id) };
        if (next !== thread) threads = { ...threads, [rootId]: next };
      }
      // The root's reply_count stays live; last_reply_at tells whether this reply is counted yet.
      const tl = timelines[m.conversation_id];
      const root = tl?.byId[rootId];
      if (tl && root && !known && (!root.last_reply_at || root.last_reply_at < m.inserted_at)) {
        const bumped = { ...root, reply_count: root.reply_count + 1, last_reply_at: m.inserted_at };
        timelines = {
          ...timelines,
          [tl.conversationId]: withTimelineMessages(tl, (c) => replaceMessage(c, bumped)),
        };
      }
    } else {
      const tl = timelines[m.conversation_id];
      if (tl || pending) {
        let next = withTimelineMessages(tl ?? emptyTimeline(m.conversation_id), (c) =>
          mergeMessages(c, [m]),
        );
        if (pending) next = { ...next, pendingIds: without(next.pendingIds, m.id) };
        if (next !== tl) timelines = { ...timelines, [m.conversation_id]: next };
      }
    }
    // The cursor only moves over a contiguous run; a hole means something was missed.
    const tl = timelines[m.conversation_id];
    if (tl && source !== 'page') {
      if (m.sequence === tl.lastSeenSequence + 1) {
        timelines = { ...timelines, [m.conversation_id]: { ...tl, lastSeenSequence: m.sequence } };
      } else if (m.sequence > tl.lastSeenSequence + 1 && tl.loaded) {
        gaps.add(m.conversation_id);
      }
    }
  }
  if (timelines === state.timelines && threads === state.threads && outbox === state.outbox)
    return { state, gaps: [...gaps] };
  return { state: { ...state, timelines, threads, outbox }, gaps: [...gaps] };
}
