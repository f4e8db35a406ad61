/**
 * End-user JWTs: HS256 only, claims `sub, tid, ext, iat, exp`, signed with
 * the tenant's secret. Verification refuses every other algorithm (including
 * `none`), bad signatures, missing or past `exp`, an `iat` in the future, and
 * users that are blocked or gone.
 */
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { TokenResponse } from '../../src/sdk/types.js';
import type { AuthUser } from '../contracts.js';
import type { Db } from '../db/database.js';
import { findTenantById } from '../domain/tenants.js';
import { findUserById } from '../domain/users.js';

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Clock skew tolerated for `iat` between the backend that minted a token and this server (`exp` is strict). */
const CLOCK_SKEW_SECONDS = 30;

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function mintUserToken(
  jwtSecret: string,
  claims: { userId: string; tenantId: string; externalId: string },
  ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
): Promise<TokenResponse> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ tid: claims.tenantId, ext: claims.externalId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secretKey(jwtSecret));
  return { token, expires_at: new Date(exp * 1000).toISOString() };
}

/**
 * Tokens whose signature was already checked, with their claims. Verifying
 * an HMAC goes through WebCrypto on the thread pool, so a client replaying
 * one token thousands of times in parallel would queue everybody else's
 * checks behind its own; a hit skips only the signature, never the expiry or
 * the user's current state (blocked, gone), which are read on every request.
 */
const verifiedTokens = new Map<string, { secret: string; claims: JWTPayload }>();
const MAX_REMEMBERED_TOKENS = 10_000;

async function verifiedClaims(token: string, secret: string): Promise<JWTPayload> {
  const known = verifiedTokens.get(token);
  if (known && known.secret === secret) return known.claims;
  const { payload } = await jwtVerify(token, secretKey(secret), {
    algorithms: ['HS256'],
    requiredClaims: ['sub', 'tid', 'ext', 'iat', 'exp'],
  });
  // Oldest first out: a Map iterates in insertion order.
  if (verifiedTokens.size >= MAX_REMEMBERED_TOKENS) {
    const oldest = verifiedTokens.keys().next().value;
    if (oldest !== undefined) verifiedTokens.delete(oldest);
  }
  verifiedTokens.set(token, { secret, claims: payload });
  return payload;
}

/** The verified caller, or null for any token that must be refused. */
export async function verifyUserToken(db: Db, token: string): Promise<AuthUser | null> {
  let tenantId: unknown;
  try {
    tenantId = decodeJwt(token).tid;
  } catch {
    return null;
  }
  if (typeof tenantId !== 'string') return null;
  const tenant = findTenantById(db, tenantId);
  if (!tenant) return null;
  try {
    const payload = await verifiedClaims(token, tenant.jwt_secret);
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_SKEW_SECONDS) return null;
    if (typeof payload.sub !== 'string' || typeof payload.ext !== 'string') return null;
    const user = findUserById(db, tenant.id, payload.sub);
    if (!user || user.is_blocked === 1 || user.external_id !== payload.ext) return null;
    const caller: AuthUser = { userId: user.id, tenantId: tenant.id, externalId: user.external_id };
    if (user.is_visitor === 1) caller.isVisitor = true;
    if (typeof payload.exp === 'number' && payload.exp <= now) return null;
    if (typeof payload.exp === 'number') caller.tokenExpiresAtMs = payload.exp * 1000;
    return caller;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}
