/**
 * Pure pieces of an optimistic send: the provisional message shown until
 * the server confirms it, the request sent (and sent again on retry), and
 * putting an entry into (or taking a failed one out of) the state.
 */
import type { Me, Message, MessageCreateRequest } from '../sdk/types.js';
import { removeKey } from './core.js';
import { without } from './sorted.js';
import { emptyThread, emptyTimeline } from './timeline.js';
import type { ChatState, OutboxEntry, SendDraft } from './types.js';

export interface ProvisionalContext {
  id: string;
  conversationId: string;
  threadRootId: string | null;
  me: Me | null;
  quoted: Message | undefined;
  at: string;
}

/** The message to render at once (sender = me, `sequence` 0, `inserted_at` = now). */
export function provisionalMessage(draft: SendDraft, c: ProvisionalContext): Message {
  return {
    id: c.id,
    tenant_id: c.me?.tenant_id ?? '',
    conversation_id: c.conversationId,
    sender_id: c.me?.id ?? null,
    sender_external_id: c.me?.external_id ?? null,
    type: 'text',
    body: draft.body ?? null,
    reply_to_id: draft.replyToId ?? null,
    thread_root_id: c.threadRootId,
    quoted_message_id: draft.quotedMessageId ?? null,
    quoted_message: c.quoted ? { ...c.quoted, quoted_message: null } : null,
    mentions: [...(draft.mentions ?? [])],
    reactions: {},
    attachments: [],
    reply_count: 0,
    last_reply_at: null,
    custom_data: { ...(draft.customData ?? {}) },
    edited_at: null,
    deleted_at: null,
    sequence: 0,
    inserted_at: c.at,
    updated_at: c.at,
  };
}

/** The wire request of an entry; the same id on every attempt, so the server dedups. */
export function requestFor(entry: OutboxEntry): MessageCreateRequest {
  const { draft } = entry;
  const request: MessageCreateRequest = { id: entry.id };
  if (draft.body !== undefined && draft.body !== null) request.body = draft.body;
  if (draft.attachmentIds?.length) request.attachment_ids = [...draft.attachmentIds];
  if (draft.quotedMessageId) request.quoted_message_id = draft.quotedMessageId;
  if (draft.replyToId) request.reply_to_id = draft.replyToId;
  if (draft.mentions?.length) request.mentions = [...draft.mentions];
  if (draft.customData && Object.keys(draft.customData).length > 0)
    request.custom_data = { ...draft.customData };
  return request;
}

/** The state with `entry` in the outbox and its id at the end of its timeline's (or thread's) `pendingIds`. */
export function withOutboxEntry(s: ChatState, entry: OutboxEntry): ChatState {
  const { id, conversationId, threadRootId } = entry;
  const outbox = { ...s.outbox, [id]: entry };
  const append = (ids: readonly string[]) => (ids.includes(id) ? ids : [...ids, id]);
  if (threadRootId) {
    const th = s.threads[threadRootId] ?? emptyThread(threadRootId, conversationId);
    return {
      ...s,
      outbox,
      threads: { ...s.threads, [threadRootId]: { ...th, pendingIds: append(th.pendingIds) } },
    };
  }
  const tl = s.timelines[conversationId] ?? emptyTimeline(conversationId);
  return {
    ...s,
    outbox,
    timelines: { ...s.timelines, [conversationId]: { ...tl, pendingIds: append(tl.pendingIds) } },
  };
}

/** The state without `entry` in the outbox nor in its timeline's (or thread's) `pendingIds`. */
export function withoutOutboxEntry(s: ChatState, entry: OutboxEntry): ChatState {
  const outbox = removeKey(s.outbox, entry.id);
  if (entry.threadRootId) {
    const th = s.threads[entry.threadRootId];
    if (!th) return { ...s, outbox };
    return {
      ...s,
      outbox,
      threads: {
        ...s.threads,
        [th.rootId]: { ...th, pendingIds: without(th.pendingIds, entry.id) },
      },
    };
  }
  const tl = s.timelines[entry.conversationId];
  if (!tl) return { ...s, outbox };
  return {
    ...s,
    outbox,
    timelines: {
      ...s.timelines,
      [tl.conversationId]: { ...tl, pendingIds: without(tl.pendingIds, entry.id) },
    },
  };
}
