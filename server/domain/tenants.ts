/** Tenants: one customer app each, with its API key and JWT signing secret. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { TenantRow } from '../db/rows.js';
import { isoNow } from '../time.js';

export interface CreatedTenant {
  id: string;
  apiKey: string;
  jwtSecret: string;
}

export function createTenant(
  db: Db,
  name: string,
  fixed?: { id: string; apiKey: string },
): CreatedTenant {
  const tenant: CreatedTenant = {
    id: fixed?.id ?? randomUUID(),
    apiKey: fixed?.apiKey ?? `pk_${randomBytes(24).toString('hex')}`,
    jwtSecret: randomBytes(32).toString('hex'),
  };
  db.prepare(
    'INSERT INTO tenants (id, name, api_key, jwt_secret, inserted_at) VALUES (?, ?, ?, ?, ?)',
  ).run(tenant.id, name, tenant.apiKey, tenant.jwtSecret, isoNow());
  return tenant;
}

export function findTenantById(db: Db, id: string): TenantRow | undefined {
  return db.prepare('SELECT * FROM tenants WHERE id = ?').get(id) as TenantRow | undefined;
}

export function findTenantByApiKey(db: Db, apiKey: string): TenantRow | undefined {
  return db.prepare('SELECT * FROM tenants WHERE api_key = ?').get(apiKey) as TenantRow | undefined;
}

/** A per-server secret kept in the database, so signed URLs survive a restart. */
export function serverSecret(db: Db, key: string): string {
  const row = db.prepare('SELECT value FROM server_settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (row) return row.value;
  const value = randomBytes(32).toString('hex');
  db.prepare('INSERT INTO server_settings (key, value) VALUES (?, ?)').run(key, value);
  return value;
}
