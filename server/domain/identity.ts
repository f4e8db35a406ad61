/**
 * Identity verification: the tenant's backend signs a user's `external_id`
 * with an identity secret (HMAC-SHA256, hex), the page passes the id and the
 * hash, and the server checks it. The secret is separate from the API key so
 * it can be rotated on its own: a rotation keeps the previous secrets valid
 * for an overlap window, so pages rendered before the rotation keep working.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';
import { isoFromMs, isoNow } from '../time.js';

/** Default time the previous secrets stay valid after a rotation: one day. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 3600;
/** Longest overlap a rotation may ask for: 30 days. */
export const MAX_ROTATION_OVERLAP_SECONDS = 30 * 24 * 3600;

interface IdentitySecretRow {
  id: string;
  tenant_id: string;
  secret: string;
  inserted_at: string;
  expires_at_ms: number | null;
}

export interface IdentitySecret {
  id: string;
  secret: string;
  inserted_at: string;
  /** Null for the current secret; when a rotated-out secret stops being accepted. */
  expires_at: string | null;
}

function serialize(row: IdentitySecretRow): IdentitySecret {
  return {
    id: row.id,
    secret: row.secret,
    inserted_at: row.inserted_at,
    expires_at: row.expires_at_ms === null ? null : isoFromMs(row.expires_at_ms),
  };
}

/** The secrets accepted right now, newest first. */
function liveSecrets(db: Db, tenantId: string, nowMs: number): IdentitySecretRow[] {
  return db
    .prepare(
      `SELECT * FROM identity_secrets
       WHERE tenant_id = ? AND (expires_at_ms IS NULL OR expires_at_ms > ?)
       ORDER BY inserted_at DESC, rowid DESC`,
    )
    .all(tenantId, nowMs) as IdentitySecretRow[];
}

export function listIdentitySecrets(
  db: Db,
  tenantId: string,
  nowMs = Date.now(),
): IdentitySecret[] {
  return liveSecrets(db, tenantId, nowMs).map(serialize);
}

/**
 * Makes a new current secret; the secrets live until now get `overlapSeconds`
 * more (never extended if already shorter), then stop being accepted.
 */
export function rotateIdentitySecret(
  db: Db,
  tenantId: string,
  overlapSeconds = DEFAULT_ROTATION_OVERLAP_SECONDS,
  nowMs = Date.now(),
): IdentitySecret {
  return db.transaction(() => {
    const retireAt = nowMs + overlapSeconds * 1000;
    db.prepare(
      `UPDATE identity_secrets SET expires_at_ms = ?
       WHERE tenant_id = ? AND (expires_at_ms IS NULL OR expires_at_ms > ?)`,
    ).run(retireAt, tenantId, retireAt);
    const row: IdentitySecretRow = {
      id: randomUUID(),
      tenant_id: tenantId,
      secret: `ids_${randomBytes(32).toString('hex')}`,
      inserted_at: isoNow(),
      expires_at_ms: null,
    };
    db.prepare(
      `INSERT INTO identity_secrets (id, tenant_id, secret, inserted_at, expires_at_ms)
       VALUES (@id, @tenant_id, @secret, @inserted_at, @expires_at_ms)`,
    ).run(row);
    return serialize(row);
  })();
}

/** What the tenant's backend computes: hex HMAC-SHA256 of the external id under the secret. */
export function userHash(secret: string, externalId: string): string {
  return createHmac('sha256', secret).update(externalId, 'utf8').digest('hex');
}

/**
 * Compares in time independent of where the strings differ and of their
 * lengths: both sides are hashed to 32 bytes first, so `timingSafeEqual`
 * always compares equal-length buffers.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Whether `hash` signs `externalId` under any secret the tenant accepts right now. */
export function verifyUserHash(
  db: Db,
  tenantId: string,
  externalId: string,
  hash: string,
  nowMs = Date.now(),
): boolean {
  const given = hash.toLowerCase();
  let ok = false;
  // Every live secret is checked (no early exit), so timing does not tell which one matched.
  for (const row of liveSecrets(db, tenantId, nowMs)) {
    if (safeEqual(given, userHash(row.secret, externalId))) ok = true;
  }
  return ok;
}
