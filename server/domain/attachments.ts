/** Attachment rows: created pending by an upload URL, filled by the PUT, linked by a message. */
import { randomUUID } from 'node:crypto';
import type { Attachment } from '../../src/sdk/types.js';
import type { AuthUser } from '../contracts.js';
import type { Db } from '../db/database.js';
import type { AttachmentRow } from '../db/rows.js';
import { ApiError } from '../errors.js';
import { isoNow } from '../time.js';
import { isMember } from './conversations.js';

export function serializeAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    message_id: row.message_id,
    sender_id: row.sender_id,
    content_type: row.content_type,
    byte_size: row.byte_size,
    sha256: row.sha256,
    original_filename: row.original_filename,
    status: row.status,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
  };
}

export function findAttachment(db: Db, id: string): AttachmentRow | undefined {
  return db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
}

export function createPendingAttachment(
  db: Db,
  user: AuthUser,
  contentType: string,
  byteSize: number,
  originalFilename: string | null,
  now = isoNow(),
): AttachmentRow {
  const row: AttachmentRow = {
    id: randomUUID(),
    tenant_id: user.tenantId,
    message_id: null,
    sender_id: user.userId,
    content_type: contentType,
    byte_size: byteSize,
    sha256: null,
    original_filename: originalFilename,
    status: 'pending',
    inserted_at: now,
    updated_at: now,
  };
  db.prepare(
    `INSERT INTO attachments (id, tenant_id, message_id, sender_id, content_type, byte_size, sha256, original_filename,
       status, inserted_at, updated_at)
     VALUES (@id, @tenant_id, @message_id, @sender_id, @content_type, @byte_size, @sha256, @original_filename,
       @status, @inserted_at, @updated_at)`,
  ).run(row);
  return row;
}

export function markUploaded(db: Db, row: AttachmentRow, sha256: string): AttachmentRow {
  const next: AttachmentRow = { ...row, sha256, updated_at: isoNow() };
  db.prepare('UPDATE attachments SET sha256 = ?, updated_at = ? WHERE id = ?').run(
    sha256,
    next.updated_at,
    row.id,
  );
  return next;
}

/**
 * The attachment if the caller may see it: a member of its message's
 * conversation, or its uploader while it is not linked yet. Otherwise 404.
 */
export function requireVisibleAttachment(db: Db, user: AuthUser, id: string): AttachmentRow {
  const row = findAttachment(db, id);
  if (!row || row.tenant_id !== user.tenantId) throw ApiError.notFound('Attachment');
  if (row.message_id === null) {
    if (row.sender_id !== user.userId) throw ApiError.notFound('Attachment');
    return row;
  }
  const message = db
    .prepare('SELECT conversation_id FROM messages WHERE id = ?')
    .get(row.message_id) as { conversation_id: string } | undefined;
  if (!message || !isMember(db, user, message.conversation_id))
    throw ApiError.notFound('Attachment');
  return row;
}

export function deleteAttachmentRow(db: Db, id: string): void {
  db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
}
