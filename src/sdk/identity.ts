/**
 * Tokens without a token endpoint on the site's backend: a `getToken` that
 * signs in to the poolse server itself, either as a verified user (the page
 * passes the user's id and the HMAC the site's backend computed with the
 * identity secret) or, when no identity is given, as a visitor whose
 * credentials this browser keeps (localStorage) to come back as the same
 * visitor. When a browser that kept visitor credentials signs in as a user,
 * they go along once so the visitor's conversation moves to the user, and
 * are then forgotten.
 */
import { stripTrailingSlash } from './config.js';
import { errorFromResponse, NetworkError } from './errors.js';
import type { IdentityTokenResponse, IdentityVerifyRequest, VisitorRequest } from './types.js';

/** The part of `Storage` used here (inject one where there is no `localStorage`). */
export type VisitorStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface IdentityOptions {
  /** Base URL of the poolse API, without `/v1`. */
  apiUrl: string;
  /** The tenant's id (public; the secret stays on the site's backend). */
  tenantId: string;
  /** The signed-in user's `external_id`; leave out for a visitor. */
  userId?: string | null;
  /** Hex HMAC-SHA256 of `userId` under the identity secret, computed by the site's backend. */
  userHash?: string | null;
  name?: string | null;
  email?: string | null;
  /** Where the visitor's credentials are kept. Default `localStorage` (none when it is unavailable). */
  storage?: VisitorStorage | null;
  fetch?: typeof globalThis.fetch;
}

interface StoredVisitor {
  visitor_id: string;
  visitor_secret: string;
}

export function visitorStorageKey(tenantId: string): string {
  return `poolse.visitor.${tenantId}`;
}

function defaultStorage(): VisitorStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (sandboxed frames, privacy settings): a visitor per page load
  }
}

function readVisitor(storage: VisitorStorage | null, key: string): StoredVisitor | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredVisitor>;
    return typeof value.visitor_id === 'string' && typeof value.visitor_secret === 'string'
      ? { visitor_id: value.visitor_id, visitor_secret: value.visitor_secret }
      : null;
  } catch {
    return null;
  }
}

function tryStorage(action: () => void): void {
  try {
    action();
  } catch {
    // full or blocked storage: the session still works, only its memory is lost
  }
}

/** A `getToken` for `new Poolse({ getToken })` that signs in as the given user or as a visitor. */
export function identityTokenSource(options: IdentityOptions): () => Promise<string> {
  const base = stripTrailingSlash(options.apiUrl);
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const key = visitorStorageKey(options.tenantId);
  const doFetch = options.fetch ?? ((...args) => globalThis.fetch(...args));

  const post = async (path: string, body: object): Promise<IdentityTokenResponse> => {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(`Could not reach ${base}${path}`, error);
    }
    const text = await response.text();
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after') ?? 0) * 1000;
      throw errorFromResponse(response.status, text, retryAfter);
    }
    return JSON.parse(text) as IdentityTokenResponse;
  };

  return async () => {
    const stored = readVisitor(storage, key);
    if (options.userId && options.userHash) {
      const body: IdentityVerifyRequest = {
        tenant_id: options.tenantId,
        external_id: options.userId,
        user_hash: options.userHash,
      };
      if (options.name) body.name = options.name;
      if (options.email) body.email = options.email;
      if (stored) Object.assign(body, stored);
      const answer = await post('/v1/auth/verify', body);
      if (stored) tryStorage(() => storage?.removeItem(key));
      return answer.token;
    }
    const body: VisitorRequest = { tenant_id: options.tenantId, ...stored };
    const answer = await post('/v1/auth/visitor', body);
    if (answer.visitor_id && answer.visitor_secret) {
      const keep: StoredVisitor = {
        visitor_id: answer.visitor_id,
        visitor_secret: answer.visitor_secret,
      };
      tryStorage(() => storage?.setItem(key, JSON.stringify(keep)));
    }
    return answer.token;
  };
}
