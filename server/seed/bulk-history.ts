/**
 * Bulk history for benchmarks: inserts N plain text messages into one
 * conversation in a single transaction, straight through the database, so a
 * 50,000-message conversation exists in about a second instead of the
 * minutes that 50,000 REST calls would take. The rows are what
 * `createMessage` would write (sequence 1..N with no gaps, the conversation's
 * `last_sequence`, time and preview), and every member has read them all so
 * the conversation opens at its newest page.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { ConversationRow, MessageRow } from '../db/rows.js';
import { memberUserIds } from '../domain/conversations.js';
import { isoFromMs } from '../time.js';

export interface BulkHistoryOptions {
  /** How many main-feed messages to add after the conversation's current last one. */
  count: number;
  /** Senders, in turn (runs of a few messages per sender, like a real chat). Default: the members. */
  senderIds?: readonly string[];
  /** Time of the newest message. Default now. */
  endAtMs?: number;
  /** Gap between two messages. Default 45 s (50,000 messages span about 26 days). */
  spacingMs?: number;
}

const SENTENCES = [
  'Sounds good to me.',
  'Can we move the sync to Thursday?',
  'I pushed the fix, CI is green now.',
  'Who is taking notes today?',
  'Lunch at the usual place?',
  'The dashboard looks much faster after the change, nice work everyone.',
  'Let me check and get back to you.',
  'Here is the summary of yesterday: we agreed on the scope, the dates, and who owns each part of the rollout.',
  '👍',
  'On my way!',
];

/** The inbox preview, cut like the server cuts it (about 80 characters). */
function previewOf(body: string): string {
  return body.length > 80 ? `${body.slice(0, 79)}…` : body;
}

/** Run length of messages from one sender before the next one speaks (deterministic, 1..4). */
function runLength(index: number): number {
  return 1 + ((index * 7) % 4);
}

export function insertBulkHistory(
  db: Db,
  conversationId: string,
  options: BulkHistoryOptions,
): { first: number; last: number } {
  const count = Math.max(0, Math.floor(options.count));
  const spacingMs = options.spacingMs ?? 45_000;
  const endAtMs = options.endAtMs ?? Date.now();
  return db.transaction(() => {
    const conversation = db
      .prepare('SELECT * FROM conversations WHERE id = ?')
      .get(conversationId) as ConversationRow | undefined;
    if (!conversation) throw new Error(`insertBulkHistory: no conversation ${conversationId}`);
    const senders =
      options.senderIds && options.senderIds.length > 0
        ? options.senderIds
        : memberUserIds(db, conversationId);
    if (senders.length === 0)
      throw new Error('insertBulkHistory: the conversation has no members to send');
    const insert = db.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, sender_id, type, body, reply_to_id, thread_root_id,
         quoted_message_id, mentions, custom_data, reply_count, last_reply_at, edited_at, deleted_at, sequence,
         inserted_at, updated_at)
       VALUES (@id, @tenant_id, @conversation_id, @sender_id, @type, @body, @reply_to_id, @thread_root_id,
         @quoted_message_id, @mentions, @custom_data, @reply_count, @last_reply_at, @edited_at, @deleted_at, @sequence,
         @inserted_at, @updated_at)`,
    );
    const first = conversation.last_sequence + 1;
    let senderIndex = 0;
    let leftInRun = runLength(0);
    let last: MessageRow | null = null;
    for (let i = 0; i < count; i += 1) {
      if (leftInRun === 0) {
        senderIndex = (senderIndex + 1) % senders.length;
        leftInRun = runLength(i);
      }
      leftInRun -= 1;
      const sequence = first + i;
      const at = isoFromMs(endAtMs - (count - 1 - i) * spacingMs);
      const row: MessageRow = {
        id: randomUUID(),
        tenant_id: conversation.tenant_id,
        conversation_id: conversationId,
        sender_id: senders[senderIndex] ?? null,
        type: 'text',
        body: `${SENTENCES[i % SENTENCES.length]} (#${sequence})`,
        reply_to_id: null,
        thread_root_id: null,
        quoted_message_id: null,
        mentions: '[]',
        custom_data: '{}',
        reply_count: 0,
        last_reply_at: null,
        edited_at: null,
        deleted_at: null,
        sequence,
        inserted_at: at,
        updated_at: at,
      };
      insert.run(row);
      last = row;
    }
    if (last) {
      db.prepare(
        'UPDATE conversations SET last_sequence = ?, last_message_at = ?, last_message_preview = ?, updated_at = ? WHERE id = ?',
      ).run(
        last.sequence,
        last.inserted_at,
        previewOf(last.body ?? ''),
        last.inserted_at,
        conversationId,
      );
      db.prepare(
        `UPDATE memberships SET last_read_message_id = ?, last_read_sequence = ?, last_read_at = ?, updated_at = ?,
           unread_count = 0
         WHERE conversation_id = ?`,
      ).run(last.id, last.sequence, last.inserted_at, last.inserted_at, conversationId);
    }
    return { first, last: last?.sequence ?? conversation.last_sequence };
  })();
}
