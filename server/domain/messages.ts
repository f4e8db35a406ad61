/**
 * Messages: the per-conversation sequence, threads, quotes, reactions, read
 * cursors. Every write runs in one transaction so a sequence is never
 * skipped or taken twice.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject, Message, MessageCreateRequest } from '../../src/sdk/types.js';
import type { AuthUser } from '../contracts.js';
import type { Db } from '../db/database.js';
import {
  parseJsonObject,
  parseStringArray,
  type AttachmentRow,
  type ConversationRow,
  type MembershipRow,
  type MessageRow,
} from '../db/rows.js';
import { ApiError } from '../errors.js';
import { isoNow } from '../time.js';
import { serializeAttachment } from './attachments.js';
import { findMembership, memberUserIds, requireMembership } from './conversations.js';
import { countNewMessage, recountAfterRead, uncountDeletedMessage } from './unread.js';

const PREVIEW_LENGTH = 80;

type QuotedMessage = NonNullable<Message['quoted_message']>;

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

/** Turns rows into wire messages with a fixed number of queries per batch. */
export function hydrateMessages(db: Db, rows: MessageRow[]): Message[] {
  if (rows.length === 0) return [];
  const quotedIds = [
    ...new Set(rows.map((r) => r.quoted_message_id).filter((id): id is string => id !== null)),
  ];
  const quotedRows =
    quotedIds.length > 0
      ? (db
          .prepare(`SELECT * FROM messages WHERE id IN (${placeholders(quotedIds.length)})`)
          .all(...quotedIds) as MessageRow[])
      : [];
  const all = [...rows, ...quotedRows];
  const ids = [...new Set(all.map((r) => r.id))];
  const senderIds = [
    ...new Set(all.map((r) => r.sender_id).filter((id): id is string => id !== null)),
  ];

  const reactions = new Map<string, Record<string, string[]>>();
  const reactionRows = db
    .prepare(
      `SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN (${placeholders(ids.length)})
       ORDER BY inserted_at, user_id`,
    )
    .all(...ids) as { message_id: string; emoji: string; user_id: string }[];
  for (const r of reactionRows) {
    const byEmoji = reactions.get(r.message_id) ?? {};
    (byEmoji[r.emoji] ??= []).push(r.user_id);
    reactions.set(r.message_id, byEmoji);
  }

  const attachments = new Map<string, AttachmentRow[]>();
  const attachmentRows = db
    .prepare(
      `SELECT * FROM attachments WHERE message_id IN (${placeholders(ids.length)}) ORDER BY inserted_at, id`,
    )
    .all(...ids) as AttachmentRow[];
  for (const a of attachmentRows) {
    if (a.message_id === null) continue;
    const list = attachments.get(a.message_id) ?? [];
    list.push(a);
    attachments.set(a.message_id, list);
  }

  const externalIds = new Map<string, string>();
  if (senderIds.length > 0) {
    const userRows = db
      .prepare(`SELECT id, external_id FROM users WHERE id IN (${placeholders(senderIds.length)})`)
      .all(...senderIds) as { id: string; external_id: string }[];
    for (const u of userRows) externalIds.set(u.id, u.external_id);
  }

  const base = (row: MessageRow): QuotedMessage => ({
    id: row.id,
    tenant_id: row.tenant_id,
    conversation_id: row.conversation_id,
    sender_id: row.sender_id,
    sender_external_id: row.sender_id !== null ? (externalIds.get(row.sender_id) ?? null) : null,
    type: row.type,
    body: row.body,
    reply_to_id: row.reply_to_id,
    thread_root_id: row.thread_root_id,
    quoted_message_id: row.quoted_message_id,
    quoted_message: null,
    mentions: parseStringArray(row.mentions),
    reactions: reactions.get(row.id) ?? {},
    attachments: (attachments.get(row.id) ?? []).map(serializeAttachment),
    reply_count: row.reply_count,
    last_reply_at: row.last_reply_at,
    custom_data: parseJsonObject(row.custom_data),
    edited_at: row.edited_at,
    deleted_at: row.deleted_at,
    sequence: row.sequence,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
  });
  const quotedById = new Map(quotedRows.map((q) => [q.id, base(q)]));
  return rows.map((row) => ({
    ...base(row),
    quoted_message:
      row.quoted_message_id !== null ? (quotedById.get(row.quoted_message_id) ?? null) : null,
  }));
}

export function hydrateMessage(db: Db, row: MessageRow): Message {
  const [message] = hydrateMessages(db, [row]);
  if (!message) throw new Error('hydrateMessages lost a row');
  return message;
}

export function findMessage(db: Db, id: string): MessageRow | undefined {
  return db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
}

/** The message, its conversation and the caller's membership; 404 unless the caller is a member. */
export function requireMessageForMember(
  db: Db,
  user: AuthUser,
  messageId: string,
): { message: MessageRow; conversation: ConversationRow; membership: MembershipRow } {
  const message = findMessage(db, messageId);
  if (!message || message.tenant_id !== user.tenantId) throw ApiError.notFound('Message');
  try {
    return { message, ...requireMembership(db, user, message.conversation_id) };
  } catch {
    throw ApiError.notFound('Message');
  }
}

export interface PageQuery {
  limit: number;
  before?: number | undefined;
  after?: number | undefined;
}

/** The main feed: newest first (with `before` or neither), oldest first with `after`. */
export function listMessages(db: Db, conversationId: string, query: PageQuery): Message[] {
  let rows: MessageRow[];
  if (query.after !== undefined) {
    rows = db
      .prepare(
        `SELECT * FROM messages WHERE conversation_id = ? AND thread_root_id IS NULL AND sequence > ?
         ORDER BY sequence ASC LIMIT ?`,
      )
      .all(conversationId, query.after, query.limit) as MessageRow[];
  } else {
    rows = db
      .prepare(
        `SELECT * FROM messages WHERE conversation_id = ? AND thread_root_id IS NULL AND sequence < ?
         ORDER BY sequence DESC LIMIT ?`,
      )
      .all(conversationId, query.before ?? Number.MAX_SAFE_INTEGER, query.limit) as MessageRow[];
  }
  return hydrateMessages(db, rows);
}

export function listReplies(
  db: Db,
  rootId: string,
  limit: number,
  after: number | undefined,
): Message[] {
  const rows = db
    .prepare(
      'SELECT * FROM messages WHERE thread_root_id = ? AND sequence > ? ORDER BY sequence ASC LIMIT ?',
    )
    .all(rootId, after ?? 0, limit) as MessageRow[];
  return hydrateMessages(db, rows);
}

function previewOf(body: string | null): string | null {
  if (body === null) return null;
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** Re-derives the preview from the newest live main-feed message (after an edit or delete). */
function refreshPreview(db: Db, conversationId: string): void {
  const newest = db
    .prepare(
      `SELECT body FROM messages WHERE conversation_id = ? AND thread_root_id IS NULL AND deleted_at IS NULL
       ORDER BY sequence DESC LIMIT 1`,
    )
    .get(conversationId) as { body: string | null } | undefined;
  db.prepare('UPDATE conversations SET last_message_preview = ? WHERE id = ?').run(
    previewOf(newest?.body ?? null),
    conversationId,
  );
}

export type CreateMessageResult =
  | {
      kind: 'created';
      message: MessageRow;
      threadRoot: MessageRow | null;
      mentionedUserIds: string[];
    }
  | { kind: 'existing'; message: MessageRow };

export interface CreateMessageInput extends MessageCreateRequest {
  custom_data?: JsonObject;
}

export function createMessage(
  db: Db,
  sender: AuthUser,
  conversationId: string,
  input: CreateMessageInput,
  now = isoNow(),
): CreateMessageResult {
  return db.transaction((): CreateMessageResult => {
    if (input.id !== undefined) {
      const existing = findMessage(db, input.id);
      if (existing) {
        if (existing.sender_id === sender.userId && existing.conversation_id === conversationId) {
          return { kind: 'existing', message: existing };
        }
        throw ApiError.conflict('A message with this id already exists.');
      }
    }
    const conversation = db
      .prepare('SELECT * FROM conversations WHERE id = ?')
      .get(conversationId) as ConversationRow;
    const attachmentIds = [...new Set(input.attachment_ids ?? [])];
    const body = input.body ?? null;
    if ((body === null || body.trim() === '') && attachmentIds.length === 0) {
      throw ApiError.invalidField('body', 'is required unless attachment_ids is non-empty');
    }

    let threadRoot: MessageRow | null = null;
    if (input.reply_to_id !== undefined) {
      const parent = findMessage(db, input.reply_to_id);
      if (!parent || parent.conversation_id !== conversationId) {
        throw ApiError.invalidField('reply_to_id', 'is not a message of this conversation');
      }
      threadRoot =
        parent.thread_root_id !== null
          ? (findMessage(db, parent.thread_root_id) ?? parent)
          : parent;
    }
    if (input.quoted_message_id !== undefined) {
      const quoted = findMessage(db, input.quoted_message_id);
      if (!quoted || quoted.conversation_id !== conversationId) {
        throw ApiError.invalidField('quoted_message_id', 'is not a message of this conversation');
      }
    }
    const members = new Set(memberUserIds(db, conversationId));
    const mentions = [...new Set(input.mentions ?? [])].filter((id) => members.has(id));

    const attachments = attachmentIds.map((id) => {
      const row = db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as
        AttachmentRow | undefined;
      if (!row || row.tenant_id !== sender.tenantId || row.sender_id !== sender.userId) {
        throw ApiError.invalidField('attachment_ids', `has an unknown attachment ${id}`);
      }
      if (row.message_id !== null)
        throw ApiError.invalidField('attachment_ids', `has an attachment already sent: ${id}`);
      if (row.sha256 === null)
        throw ApiError.invalidField('attachment_ids', `has an attachment not uploaded yet: ${id}`);
      return row;
    });

    const sequence = conversation.last_sequence + 1;
    const row: MessageRow = {
      id: input.id ?? randomUUID(),
      tenant_id: sender.tenantId,
      conversation_id: conversationId,
      sender_id: sender.userId,
      type: input.type ?? 'text',
      body,
      reply_to_id: input.reply_to_id ?? null,
      thread_root_id: threadRoot?.id ?? null,
      quoted_message_id: input.quoted_message_id ?? null,
      mentions: JSON.stringify(mentions),
      custom_data: JSON.stringify(input.custom_data ?? {}),
      reply_count: 0,
      last_reply_at: null,
      edited_at: null,
      deleted_at: null,
      sequence,
      inserted_at: now,
      updated_at: now,
    };
    db.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, sender_id, type, body, reply_to_id, thread_root_id,
         quoted_message_id, mentions, custom_data, reply_count, last_reply_at, edited_at, deleted_at, sequence,
         inserted_at, updated_at)
       VALUES (@id, @tenant_id, @conversation_id, @sender_id, @type, @body, @reply_to_id, @thread_root_id,
         @quoted_message_id, @mentions, @custom_data, @reply_count, @last_reply_at, @edited_at, @deleted_at, @sequence,
         @inserted_at, @updated_at)`,
    ).run(row);
    for (const a of attachments) {
      db.prepare(
        "UPDATE attachments SET message_id = ?, status = 'ready', updated_at = ? WHERE id = ?",
      ).run(row.id, now, a.id);
    }

    if (threadRoot) {
      db.prepare(
        'UPDATE messages SET reply_count = reply_count + 1, last_reply_at = ?, updated_at = ? WHERE id = ?',
      ).run(now, now, threadRoot.id);
      db.prepare('UPDATE conversations SET last_sequence = ?, updated_at = ? WHERE id = ?').run(
        sequence,
        now,
        conversationId,
      );
      threadRoot = findMessage(db, threadRoot.id) ?? threadRoot;
    } else {
      const preview = previewOf(body) ?? (attachments.length > 0 ? '📎 Attachment' : null);
      db.prepare(
        'UPDATE conversations SET last_sequence = ?, last_message_at = ?, last_message_preview = ?, updated_at = ? WHERE id = ?',
      ).run(sequence, now, preview, now, conversationId);
      countNewMessage(db, row);
      // Whoever writes has read everything before it.
      db.prepare(
        `UPDATE memberships SET last_read_message_id = ?, last_read_sequence = ?, last_read_at = ?, updated_at = ?,
           unread_count = 0
         WHERE conversation_id = ? AND user_id = ? AND last_read_sequence < ?`,
      ).run(row.id, sequence, now, now, conversationId, sender.userId, sequence);
    }
    const mentionedUserIds = mentions.filter((id) => id !== sender.userId);
    return { kind: 'created', message: row, threadRoot, mentionedUserIds };
  })();
}

export function editMessage(db: Db, message: MessageRow, body: string): MessageRow {
  const now = isoNow();
  return db.transaction((): MessageRow => {
    db.prepare('UPDATE messages SET body = ?, edited_at = ?, updated_at = ? WHERE id = ?').run(
      body,
      now,
      now,
      message.id,
    );
    if (message.thread_root_id === null) refreshPreview(db, message.conversation_id);
    return { ...message, body, edited_at: now, updated_at: now };
  })();
}

/** Soft delete: clears body, mentions, reactions and attachments; returns the removed attachment ids. */
export function deleteMessage(
  db: Db,
  message: MessageRow,
): { message: MessageRow; removedAttachmentIds: string[] } {
  const now = isoNow();
  return db.transaction(() => {
    const removed = db
      .prepare('SELECT id FROM attachments WHERE message_id = ?')
      .all(message.id)
      .map((r) => (r as { id: string }).id);
    db.prepare('DELETE FROM attachments WHERE message_id = ?').run(message.id);
    db.prepare('DELETE FROM reactions WHERE message_id = ?').run(message.id);
    uncountDeletedMessage(db, message);
    db.prepare(
      "UPDATE messages SET body = NULL, mentions = '[]', deleted_at = ?, updated_at = ? WHERE id = ?",
    ).run(now, now, message.id);
    if (message.thread_root_id === null) refreshPreview(db, message.conversation_id);
    return {
      message: { ...message, body: null, mentions: '[]', deleted_at: now, updated_at: now },
      removedAttachmentIds: removed,
    };
  })();
}

/** Adds a reaction; returns whether the state changed. */
export function addReaction(db: Db, messageId: string, emoji: string, userId: string): boolean {
  const result = db
    .prepare(
      'INSERT OR IGNORE INTO reactions (message_id, emoji, user_id, inserted_at) VALUES (?, ?, ?, ?)',
    )
    .run(messageId, emoji, userId, isoNow());
  return result.changes > 0;
}

export function removeReaction(db: Db, messageId: string, emoji: string, userId: string): boolean {
  const result = db
    .prepare('DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?')
    .run(messageId, emoji, userId);
  return result.changes > 0;
}

/** Moves the caller's read cursor forward to the message; null when it would not move. */
export function markRead(
  db: Db,
  membership: MembershipRow,
  message: MessageRow,
): MembershipRow | null {
  return db.transaction((): MembershipRow | null => {
    const current = findMembership(db, membership.conversation_id, membership.user_id);
    if (!current || message.sequence <= current.last_read_sequence) return null;
    const now = isoNow();
    db.prepare(
      `UPDATE memberships SET last_read_message_id = ?, last_read_sequence = ?, last_read_at = ?, updated_at = ?
       WHERE id = ?`,
    ).run(message.id, message.sequence, now, now, current.id);
    const unread = recountAfterRead(
      db,
      current.id,
      current.conversation_id,
      current.user_id,
      message.sequence,
    );
    return {
      ...current,
      unread_count: unread,
      last_read_message_id: message.id,
      last_read_sequence: message.sequence,
      last_read_at: now,
      updated_at: now,
    };
  })();
}
