/**
 * Conversations and their memberships, always seen through one caller:
 * a conversation the caller is not a member of does not exist for them.
 */
import { randomUUID } from 'node:crypto';
import type {
  Conversation,
  ConversationCreateRequest,
  ConversationUpdateRequest,
  MemberRole,
  Membership,
} from '../../src/sdk/types.js';
import type { AuthUser } from '../contracts.js';
import type { Db } from '../db/database.js';
import { parseJsonObject, type ConversationRow, type MembershipRow } from '../db/rows.js';
import { ApiError } from '../errors.js';
import { isoNow } from '../time.js';
import { upsertUser } from './users.js';
import { neutralizeName } from './display-text.js';
import { visitorMayReach } from './visitor-access.js';

export interface MembershipWithExternalId extends MembershipRow {
  external_id: string;
}

export function findConversation(
  db: Db,
  tenantId: string,
  id: string,
): ConversationRow | undefined {
  return db
    .prepare('SELECT * FROM conversations WHERE id = ? AND tenant_id = ?')
    .get(id, tenantId) as ConversationRow | undefined;
}

export function findMembership(
  db: Db,
  conversationId: string,
  userId: string,
): MembershipRow | undefined {
  return db
    .prepare('SELECT * FROM memberships WHERE conversation_id = ? AND user_id = ?')
    .get(conversationId, userId) as MembershipRow | undefined;
}

export function isMember(db: Db, user: AuthUser, conversationId: string): boolean {
  const row = db
    .prepare(
      `SELECT c.support_user_id FROM memberships m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.conversation_id = ? AND m.user_id = ? AND c.tenant_id = ?`,
    )
    .get(conversationId, user.userId, user.tenantId) as Pick<ConversationRow, 'support_user_id'>;
  return row !== undefined && visitorMayReach(user, row as ConversationRow);
}

/** The conversation and the caller's membership, or 404 (never reveal that it exists). */
export function requireMembership(
  db: Db,
  user: AuthUser,
  conversationId: string,
): { conversation: ConversationRow; membership: MembershipRow } {
  const conversation = findConversation(db, user.tenantId, conversationId);
  const membership =
    conversation && visitorMayReach(user, conversation)
      ? findMembership(db, conversation.id, user.userId)
      : undefined;
  if (!conversation || !membership) throw ApiError.notFound('Conversation');
  return { conversation, membership };
}

export function requireManager(membership: MembershipRow): void {
  if (membership.role !== 'owner' && membership.role !== 'admin') {
    throw ApiError.forbidden('Only the owner or an admin of the conversation may do this.');
  }
}

export function memberUserIds(db: Db, conversationId: string): string[] {
  return db
    .prepare(
      'SELECT user_id FROM memberships WHERE conversation_id = ? ORDER BY inserted_at, rowid',
    )
    .all(conversationId)
    .map((row) => (row as { user_id: string }).user_id);
}

export function listMemberships(db: Db, conversationId: string): MembershipWithExternalId[] {
  return db
    .prepare(
      `SELECT m.*, u.external_id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.conversation_id = ? ORDER BY m.inserted_at, m.rowid`,
    )
    .all(conversationId) as MembershipWithExternalId[];
}

export function serializeMembership(row: MembershipWithExternalId): Membership {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    user_id: row.user_id,
    external_id: row.external_id,
    role: row.role,
    last_read_message_id: row.last_read_message_id,
    last_read_at: row.last_read_at,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
  };
}

/** Main-feed messages from others after the viewer's read cursor. */
function unreadCount(
  db: Db,
  conversationId: string,
  viewerId: string,
  lastReadSequence: number,
): number {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM messages
       WHERE conversation_id = ? AND sequence > ? AND thread_root_id IS NULL AND deleted_at IS NULL
         AND (sender_id IS NULL OR sender_id != ?)`,
    )
    .get(conversationId, lastReadSequence, viewerId) as { n: number };
  return row.n;
}

/** The conversation as one member sees it (their unread count and read cursor). */
/** The members' external ids, in the order they joined. */
export function memberExternalIds(db: Db, conversationId: string): string[] {
  return db
    .prepare(
      `SELECT u.external_id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.conversation_id = ? ORDER BY m.inserted_at, m.rowid`,
    )
    .all(conversationId)
    .map((r) => (r as { external_id: string }).external_id);
}

/**
 * The conversation as `viewerId` sees it. `externalIds` lets a caller that
 * serializes it for every member read the member list once, not per member.
 */
export function serializeConversation(
  db: Db,
  row: ConversationRow,
  viewerId: string,
  externalIds: string[] = memberExternalIds(db, row.id),
): Conversation {
  const membership = findMembership(db, row.id, viewerId);
  const lastRead = membership?.last_read_sequence ?? 0;
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    type: row.type,
    name: row.name,
    avatar_url: row.avatar_url,
    created_by_user_id: row.created_by_user_id,
    member_limit: row.member_limit,
    custom_data: parseJsonObject(row.custom_data),
    settings: parseJsonObject(row.settings),
    last_message_at: row.last_message_at,
    last_sequence: row.last_sequence,
    last_message_preview: row.last_message_preview,
    member_external_ids: externalIds,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
    unread_count: membership ? unreadCount(db, row.id, viewerId, lastRead) : 0,
    last_read_sequence: lastRead,
  };
}

export function listConversationsFor(db: Db, user: AuthUser): Conversation[] {
  const rows = db
    .prepare(
      `SELECT c.* FROM conversations c JOIN memberships m ON m.conversation_id = c.id
       WHERE m.user_id = ? AND c.tenant_id = ?
       ORDER BY COALESCE(c.last_message_at, c.inserted_at) DESC, c.id`,
    )
    .all(user.userId, user.tenantId) as ConversationRow[];
  return rows
    .filter((row) => visitorMayReach(user, row))
    .map((row) => serializeConversation(db, row, user.userId));
}

function insertMembership(
  db: Db,
  conversationId: string,
  userId: string,
  role: MemberRole,
  now: string,
): void {
  db.prepare(
    `INSERT INTO memberships (id, conversation_id, user_id, role, last_read_sequence, inserted_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, ?)`,
  ).run(randomUUID(), conversationId, userId, role, now, now);
}

export interface CreateConversationResult {
  conversation: ConversationRow;
  created: boolean;
  memberIds: string[];
}

export function createConversation(
  db: Db,
  user: AuthUser,
  request: ConversationCreateRequest,
  now = isoNow(),
): CreateConversationResult {
  return db.transaction((): CreateConversationResult => {
    const others = new Map<string, string>();
    for (const externalId of request.member_external_ids ?? []) {
      if (externalId === user.externalId) continue;
      const { user: other } = upsertUser(db, user.tenantId, externalId);
      others.set(other.id, externalId);
    }
    const otherIds = [...others.keys()];
    let directKey: string | null = null;
    if (request.type === 'direct') {
      if (otherIds.length !== 1) {
        throw ApiError.invalidField(
          'member_external_ids',
          'must name exactly one other user for a direct conversation',
        );
      }
      directKey = [user.userId, otherIds[0]].sort().join(':');
      const existing = db
        .prepare('SELECT * FROM conversations WHERE tenant_id = ? AND direct_key = ?')
        .get(user.tenantId, directKey) as ConversationRow | undefined;
      if (existing) {
        return {
          conversation: existing,
          created: false,
          memberIds: memberUserIds(db, existing.id),
        };
      }
    }
    const memberLimit = request.member_limit ?? null;
    if (memberLimit !== null && otherIds.length + 1 > memberLimit) {
      throw ApiError.conflict(
        `The conversation would have more than member_limit (${memberLimit}) members.`,
      );
    }
    const row: ConversationRow = {
      id: randomUUID(),
      tenant_id: user.tenantId,
      type: request.type,
      name: neutralizeName(request.name) ?? null,
      avatar_url: request.avatar_url ?? null,
      created_by_user_id: user.userId,
      member_limit: memberLimit,
      custom_data: JSON.stringify(request.custom_data ?? {}),
      settings: JSON.stringify(request.settings ?? {}),
      last_message_at: null,
      last_sequence: 0,
      last_message_preview: null,
      direct_key: directKey,
      inserted_at: now,
      updated_at: now,
    };
    db.prepare(
      `INSERT INTO conversations (id, tenant_id, type, name, avatar_url, created_by_user_id, member_limit, custom_data,
         settings, last_message_at, last_sequence, last_message_preview, direct_key, inserted_at, updated_at)
       VALUES (@id, @tenant_id, @type, @name, @avatar_url, @created_by_user_id, @member_limit, @custom_data,
         @settings, @last_message_at, @last_sequence, @last_message_preview, @direct_key, @inserted_at, @updated_at)`,
    ).run(row);
    insertMembership(db, row.id, user.userId, 'owner', now);
    for (const id of otherIds) insertMembership(db, row.id, id, 'member', now);
    return { conversation: row, created: true, memberIds: [user.userId, ...otherIds] };
  })();
}

export function updateConversation(
  db: Db,
  row: ConversationRow,
  patch: ConversationUpdateRequest,
): ConversationRow {
  const next: ConversationRow = { ...row, updated_at: isoNow() };
  if (patch.name !== undefined) next.name = neutralizeName(patch.name);
  if (patch.avatar_url !== undefined) next.avatar_url = patch.avatar_url;
  if (patch.custom_data !== undefined) next.custom_data = JSON.stringify(patch.custom_data);
  if (patch.settings !== undefined) next.settings = JSON.stringify(patch.settings);
  if (patch.member_limit !== undefined) {
    const count = memberUserIds(db, row.id).length;
    if (patch.member_limit !== null && patch.member_limit < count) {
      throw ApiError.conflict(
        `The conversation already has ${count} members, more than the new member_limit.`,
      );
    }
    next.member_limit = patch.member_limit;
  }
  db.prepare(
    `UPDATE conversations SET name = @name, avatar_url = @avatar_url, member_limit = @member_limit,
       custom_data = @custom_data, settings = @settings, updated_at = @updated_at WHERE id = @id`,
  ).run(next);
  return next;
}

export interface AddMembersResult {
  memberships: MembershipWithExternalId[];
  addedUserIds: string[];
}

export function addMembers(
  db: Db,
  tenantId: string,
  conversation: ConversationRow,
  externalIds: string[],
  role: MemberRole,
): AddMembersResult {
  if (conversation.type === 'direct') {
    throw ApiError.conflict('A direct conversation always has exactly two members.');
  }
  return db.transaction((): AddMembersResult => {
    const now = isoNow();
    const wanted = [...new Set(externalIds)];
    const userIds = wanted.map((externalId) => upsertUser(db, tenantId, externalId).user.id);
    const current = new Set(memberUserIds(db, conversation.id));
    const added = userIds.filter((id) => !current.has(id));
    if (
      conversation.member_limit !== null &&
      current.size + added.length > conversation.member_limit
    ) {
      throw ApiError.conflict(
        `The conversation would have more than member_limit (${conversation.member_limit}) members.`,
      );
    }
    for (const id of added) insertMembership(db, conversation.id, id, role, now);
    if (added.length > 0) {
      db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(now, conversation.id);
    }
    const byUser = new Map(listMemberships(db, conversation.id).map((m) => [m.user_id, m]));
    const memberships = userIds
      .map((id) => byUser.get(id))
      .filter((m): m is MembershipWithExternalId => !!m);
    return { memberships, addedUserIds: added };
  })();
}

/**
 * Removes a member. When the owner leaves, ownership passes to the oldest
 * admin, or else to the oldest member, so a group always has someone who can
 * manage it; answers the new owner's user id in that case.
 */
export function removeMember(db: Db, conversationId: string, userId: string): string | null {
  return db.transaction((): string | null => {
    const leaving = findMembership(db, conversationId, userId);
    db.prepare('DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?').run(
      conversationId,
      userId,
    );
    let heir: { id: string; user_id: string } | undefined;
    if (leaving?.role === 'owner') {
      heir = db
        .prepare(
          `SELECT id, user_id FROM memberships WHERE conversation_id = ?
           ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, inserted_at, id LIMIT 1`,
        )
        .get(conversationId) as { id: string; user_id: string } | undefined;
      if (heir) {
        db.prepare("UPDATE memberships SET role = 'owner', updated_at = ? WHERE id = ?").run(
          isoNow(),
          heir.id,
        );
      }
    }
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(
      isoNow(),
      conversationId,
    );
    return heir?.user_id ?? null;
  })();
}
