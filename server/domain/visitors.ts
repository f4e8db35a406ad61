/**
 * Visitors: anonymous identities for people who are not signed in on the
 * tenant's site. The rules (written down in the protocol):
 *
 * - A visitor is a user with `is_visitor`, external id `visitor_<uuid>`, made
 *   by `POST /v1/auth/visitor` when the tenant enabled visitor chat. The
 *   browser keeps `visitor_id` and `visitor_secret` (only a hash of the
 *   secret is stored) and trades them for a new token on its next visit.
 * - Each visitor gets one support conversation at creation: a group named
 *   after the tenant's setting, with the visitor as `member` and the
 *   tenant's support team as `admin`s.
 * - A visitor reaches that conversation and nothing else (`visitor-access.ts`).
 * - When the same browser later verifies as a user, the visitor merges into
 *   that user: memberships, messages, reactions and attachments move over
 *   (history kept, now shown as the user's), the support conversation becomes
 *   the user's unless they already have one, and the visitor is retired
 *   (blocked, so its tokens stop working; merging again does nothing).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuthUser } from '../contracts.js';
import type { Db } from '../db/database.js';
import type { ConversationRow, UserRow } from '../db/rows.js';
import { isoNow } from '../time.js';
import { createConversation, memberUserIds } from './conversations.js';
import { safeEqual } from './identity.js';
import { getTenantSettings } from './tenant-settings.js';
import { findUserByExternalId } from './users.js';

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface CreatedVisitor {
  user: UserRow;
  secret: string;
  conversation: ConversationRow;
  memberIds: string[];
}

/** A new visitor and their support conversation with the tenant's team, in one transaction. */
export function createVisitor(db: Db, tenantId: string): CreatedVisitor {
  const settings = getTenantSettings(db, tenantId);
  return db.transaction((): CreatedVisitor => {
    const now = isoNow();
    const user: UserRow = {
      id: randomUUID(),
      tenant_id: tenantId,
      external_id: `visitor_${randomUUID()}`,
      display_name: 'Visitor',
      custom_data: '{}',
      is_blocked: 0,
      is_visitor: 1,
      inserted_at: now,
      updated_at: now,
    };
    db.prepare(
      `INSERT INTO users (id, tenant_id, external_id, display_name, custom_data, is_blocked, is_visitor, inserted_at, updated_at)
       VALUES (@id, @tenant_id, @external_id, @display_name, @custom_data, @is_blocked, @is_visitor, @inserted_at, @updated_at)`,
    ).run(user);
    const secret = `vs_${randomBytes(24).toString('hex')}`;
    db.prepare(
      'INSERT INTO visitors (user_id, tenant_id, secret_hash, inserted_at) VALUES (?, ?, ?, ?)',
    ).run(user.id, tenantId, hashSecret(secret), now);
    const caller: AuthUser = { userId: user.id, tenantId, externalId: user.external_id };
    const created = createConversation(db, caller, {
      type: 'group',
      name: settings.support_name,
      member_external_ids: settings.support_team_external_ids,
    });
    // The visitor is an ordinary member; the team runs the conversation.
    db.prepare(
      `UPDATE memberships SET role = CASE WHEN user_id = ? THEN 'member' ELSE 'admin' END
       WHERE conversation_id = ?`,
    ).run(user.id, created.conversation.id);
    db.prepare('UPDATE conversations SET support_user_id = ? WHERE id = ?').run(
      user.id,
      created.conversation.id,
    );
    const conversation = { ...created.conversation, support_user_id: user.id };
    return { user, secret, conversation, memberIds: created.memberIds };
  })();
}

/** The visitor these credentials belong to, if they are right and the visitor was not merged. */
export function resumeVisitor(
  db: Db,
  tenantId: string,
  visitorId: string,
  secret: string,
): UserRow | null {
  const user = findUserByExternalId(db, tenantId, visitorId);
  if (!user || user.is_visitor !== 1) return null;
  const row = db
    .prepare('SELECT secret_hash, merged_into_user_id FROM visitors WHERE user_id = ?')
    .get(user.id) as { secret_hash: string; merged_into_user_id: string | null } | undefined;
  if (!row || !safeEqual(hashSecret(secret), row.secret_hash)) return null;
  if (row.merged_into_user_id !== null || user.is_blocked === 1) return null;
  return user;
}

export function supportConversationOf(db: Db, userId: string): ConversationRow | undefined {
  return db.prepare('SELECT * FROM conversations WHERE support_user_id = ?').get(userId) as
    ConversationRow | undefined;
}

export interface MergeResult {
  /** Conversations the user joined through the merge. */
  joined: ConversationRow[];
  /** Every conversation the visitor left (joined ones and ones the user was already in). */
  left: string[];
}

/**
 * Moves everything of the visitor to the verified user, in one transaction,
 * and retires the visitor (see the rules at the top of this file).
 */
export function mergeVisitor(db: Db, visitor: UserRow, into: UserRow): MergeResult {
  return db.transaction((): MergeResult => {
    const now = isoNow();
    const conversationIds = db
      .prepare('SELECT conversation_id FROM memberships WHERE user_id = ?')
      .all(visitor.id)
      .map((row) => (row as { conversation_id: string }).conversation_id);
    const joinedIds: string[] = [];
    for (const conversationId of conversationIds) {
      if (memberUserIds(db, conversationId).includes(into.id)) {
        db.prepare('DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?').run(
          conversationId,
          visitor.id,
        );
      } else {
        db.prepare(
          'UPDATE memberships SET user_id = ?, updated_at = ? WHERE conversation_id = ? AND user_id = ?',
        ).run(into.id, now, conversationId, visitor.id);
        joinedIds.push(conversationId);
      }
    }
    db.prepare('UPDATE messages SET sender_id = ? WHERE sender_id = ? AND tenant_id = ?').run(
      into.id,
      visitor.id,
      visitor.tenant_id,
    );
    db.prepare('UPDATE OR IGNORE reactions SET user_id = ? WHERE user_id = ?').run(
      into.id,
      visitor.id,
    );
    db.prepare('DELETE FROM reactions WHERE user_id = ?').run(visitor.id);
    db.prepare('UPDATE attachments SET sender_id = ? WHERE sender_id = ? AND tenant_id = ?').run(
      into.id,
      visitor.id,
      visitor.tenant_id,
    );
    db.prepare('UPDATE conversations SET created_by_user_id = ? WHERE created_by_user_id = ?').run(
      into.id,
      visitor.id,
    );
    const alreadySupported = supportConversationOf(db, into.id) !== undefined;
    db.prepare(
      'UPDATE conversations SET support_user_id = ?, updated_at = ? WHERE support_user_id = ?',
    ).run(alreadySupported ? null : into.id, now, visitor.id);
    db.prepare('UPDATE visitors SET merged_into_user_id = ? WHERE user_id = ?').run(
      into.id,
      visitor.id,
    );
    db.prepare('UPDATE users SET is_blocked = 1, updated_at = ? WHERE id = ?').run(now, visitor.id);
    const joined = joinedIds
      .map(
        (id) =>
          db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as
            ConversationRow | undefined,
      )
      .filter((row): row is ConversationRow => row !== undefined);
    return { joined, left: conversationIds };
  })();
}
