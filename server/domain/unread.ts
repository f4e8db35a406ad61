/**
 * Unread counters: each membership keeps `unread_count` (main-feed messages
 * from others after its read cursor, not deleted), moved in the same
 * transaction as the write that changes it. A send then costs one UPDATE
 * instead of a COUNT(*) per member when the conversation is serialized.
 */
import type { Db } from '../db/database.js';
import type { MessageRow } from '../db/rows.js';

/** What a membership's counter is, counted from the messages (the definition the counters keep). */
const COUNT_UNREAD = `SELECT COUNT(*) AS n FROM messages
  WHERE conversation_id = ? AND sequence > ? AND thread_root_id IS NULL AND deleted_at IS NULL
    AND (sender_id IS NULL OR sender_id != ?)`;

export function countUnread(
  db: Db,
  conversationId: string,
  userId: string,
  afterSequence: number,
): number {
  return (db.prepare(COUNT_UNREAD).get(conversationId, afterSequence, userId) as { n: number }).n;
}

/**
 * A main-feed message was inserted: one more for every other member (the
 * sender's cursor moves onto it, see `createMessage`). Thread replies change nothing.
 */
export function countNewMessage(db: Db, message: MessageRow): void {
  if (message.thread_root_id !== null) return;
  db.prepare(
    `UPDATE memberships SET unread_count = unread_count + 1
     WHERE conversation_id = ? AND (? IS NULL OR user_id != ?) AND last_read_sequence < ?`,
  ).run(message.conversation_id, message.sender_id, message.sender_id, message.sequence);
}

/** A main-feed message was deleted: one less for every other member who had not read it. */
export function uncountDeletedMessage(db: Db, message: MessageRow): void {
  if (message.thread_root_id !== null || message.deleted_at !== null) return;
  db.prepare(
    `UPDATE memberships SET unread_count = MAX(0, unread_count - 1)
     WHERE conversation_id = ? AND (? IS NULL OR user_id != ?) AND last_read_sequence < ?`,
  ).run(message.conversation_id, message.sender_id, message.sender_id, message.sequence);
}

/** The member's cursor moved forward: count what is left after it (usually nothing). */
export function recountAfterRead(
  db: Db,
  membershipId: string,
  conversationId: string,
  userId: string,
  readSequence: number,
): number {
  const left = countUnread(db, conversationId, userId, readSequence);
  db.prepare('UPDATE memberships SET unread_count = ? WHERE id = ?').run(left, membershipId);
  return left;
}
