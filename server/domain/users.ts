/** Users of a tenant, addressed by the tenant's own `external_id`. */
import { randomUUID } from 'node:crypto';
import type { JsonObject, User } from '../../src/sdk/types.js';
import type { Db } from '../db/database.js';
import { parseJsonObject, type UserRow } from '../db/rows.js';
import { isoNow } from '../time.js';
import { neutralizeName } from './display-text.js';

export function serializeUser(row: UserRow): User {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    external_id: row.external_id,
    display_name: row.display_name,
    custom_data: parseJsonObject(row.custom_data),
    is_blocked: row.is_blocked === 1,
    is_visitor: row.is_visitor === 1,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
  };
}

export function findUserById(db: Db, tenantId: string, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ? AND tenant_id = ?').get(id, tenantId) as
    UserRow | undefined;
}

export function findUserByExternalId(
  db: Db,
  tenantId: string,
  externalId: string,
): UserRow | undefined {
  return db
    .prepare('SELECT * FROM users WHERE tenant_id = ? AND external_id = ?')
    .get(tenantId, externalId) as UserRow | undefined;
}

export interface UserFields {
  display_name?: string | null;
  custom_data?: JsonObject;
  is_blocked?: boolean;
}

/** Creates the user if new; returns the row and whether it was created. */
export function upsertUser(
  db: Db,
  tenantId: string,
  externalId: string,
  fields: UserFields = {},
): { user: UserRow; created: boolean } {
  const existing = findUserByExternalId(db, tenantId, externalId);
  if (existing) {
    return { user: updateUser(db, existing, fields), created: false };
  }
  const now = isoNow();
  const row: UserRow = {
    id: randomUUID(),
    tenant_id: tenantId,
    external_id: externalId,
    display_name: neutralizeName(fields.display_name) ?? null,
    custom_data: JSON.stringify(fields.custom_data ?? {}),
    is_blocked: fields.is_blocked ? 1 : 0,
    inserted_at: now,
    updated_at: now,
  };
  db.prepare(
    `INSERT INTO users (id, tenant_id, external_id, display_name, custom_data, is_blocked, inserted_at, updated_at)
     VALUES (@id, @tenant_id, @external_id, @display_name, @custom_data, @is_blocked, @inserted_at, @updated_at)`,
  ).run(row);
  return { user: row, created: true };
}

export function updateUser(db: Db, row: UserRow, fields: UserFields): UserRow {
  if (
    fields.display_name === undefined &&
    fields.custom_data === undefined &&
    fields.is_blocked === undefined
  ) {
    return row;
  }
  const next: UserRow = {
    ...row,
    display_name:
      fields.display_name !== undefined ? neutralizeName(fields.display_name) : row.display_name,
    custom_data:
      fields.custom_data !== undefined ? JSON.stringify(fields.custom_data) : row.custom_data,
    is_blocked: fields.is_blocked !== undefined ? (fields.is_blocked ? 1 : 0) : row.is_blocked,
    updated_at: isoNow(),
  };
  db.prepare(
    'UPDATE users SET display_name = @display_name, custom_data = @custom_data, is_blocked = @is_blocked, updated_at = @updated_at WHERE id = @id',
  ).run(next);
  return next;
}

/**
 * The public profiles (id, external id, display name) of the users among
 * `externalIds` whom `viewerId` may see: themselves and the people they share
 * a conversation with. Others, and unknown ids, are left out, so a lookup
 * cannot list a tenant's users.
 */
export function findVisibleProfiles(
  db: Db,
  tenantId: string,
  viewerId: string,
  externalIds: readonly string[],
): Array<{ id: string; external_id: string; display_name: string | null }> {
  if (externalIds.length === 0) return [];
  const marks = externalIds.map(() => '?').join(', ');
  return db
    .prepare(
      `SELECT u.id, u.external_id, u.display_name FROM users u
       WHERE u.tenant_id = ? AND u.external_id IN (${marks})
         AND (u.id = ? OR EXISTS (
           SELECT 1 FROM memberships theirs
           JOIN memberships mine ON mine.conversation_id = theirs.conversation_id
           WHERE theirs.user_id = u.id AND mine.user_id = ?))`,
    )
    .all(tenantId, ...externalIds, viewerId, viewerId) as Array<{
    id: string;
    external_id: string;
    display_name: string | null;
  }>;
}
