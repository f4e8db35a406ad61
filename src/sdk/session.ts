/**
 * A session an app can keep in storage of its own and hand back after a
 * reload, so the client starts with a token at once (offline too) instead of
 * waiting for `getToken`. It holds only the End User JWT: a token that is not
 * a JWT with an expiry (an API key passed by mistake, say) is never exported.
 */
import { decodeJwtClaims } from './token-cache.js';

export interface PoolseSession {
  version: 1;
  /** The API the token is for; a session is only restored against the same one. */
  apiUrl: string;
  /** The End User JWT. */
  token: string;
  /** When the token expires (ms since epoch). */
  expiresAt: number;
  /** The user (`sub`) and tenant (`tid`) the token names, when it says. */
  userId: string | null;
  tenantId: string | null;
}

/** Who a token is for, read from its claims without verifying them. */
export interface TokenIdentity {
  userId: string;
  tenantId: string;
}

export function tokenIdentity(token: string): TokenIdentity | null {
  const claims = decodeJwtClaims(token);
  const sub = claims?.sub;
  const tid = claims?.tid;
  return typeof sub === 'string' && typeof tid === 'string' && sub !== '' && tid !== ''
    ? { userId: sub, tenantId: tid }
    : null;
}

/** The session for a JWT, or null when the token is not a JWT with an expiry. */
export function sessionOf(apiUrl: string, token: string): PoolseSession | null {
  const exp = decodeJwtClaims(token)?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  const identity = tokenIdentity(token);
  return {
    version: 1,
    apiUrl,
    token,
    expiresAt: exp * 1000,
    userId: identity?.userId ?? null,
    tenantId: identity?.tenantId ?? null,
  };
}

/** The token of a stored session when it is well-formed and for this API; null otherwise. */
export function sessionToken(session: unknown, apiUrl: string): string | null {
  if (typeof session !== 'object' || session === null) return null;
  const candidate = session as Partial<PoolseSession>;
  if (candidate.version !== 1 || candidate.apiUrl !== apiUrl) return null;
  if (typeof candidate.token !== 'string') return null;
  return sessionOf(apiUrl, candidate.token) ? candidate.token : null;
}
