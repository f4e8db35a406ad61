import type { PoolseConfig } from './config.js';

/** Tokens are refreshed this long before their `exp`. */
export const TOKEN_REFRESH_WINDOW_MS = 30_000;

export interface GetTokenOptions {
  /** Skip the cache and ask the app's `getToken` again. */
  forceRefresh?: boolean;
}

/** The claims of a JWT, read without verifying it; `null` when the token is not a readable JWT. */
export function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  const payload = parts[1];
  if (parts.length !== 3 || !payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) {
      return claims as Record<string, unknown>;
    }
  } catch {
    // Not a JWT we can read.
  }
  return null;
}

/** Reads `exp` (seconds) from a JWT without verifying it; `null` when there is none. */
export function decodeJwtExp(token: string): number | null {
  const exp = decodeJwtClaims(token)?.exp;
  return typeof exp === 'number' ? exp : null;
}

/**
 * Holds the End User JWT between requests. The app's `getToken` runs once
 * per token lifetime: the cached token is served until 30 s before its
 * `exp`, and concurrent callers share one in-flight refresh.
 */
export class TokenCache {
  private token: string | null = null;
  /** When the cached token stops being served (`exp` minus the refresh window). */
  private staleAtMs = 0;
  private inFlight: Promise<string | null> | null = null;
  /** Bumped by `invalidate()` so a refresh started before it cannot refill the cache with an old answer. */
  private generation = 0;

  constructor(private readonly fetcher: PoolseConfig['getToken']) {}

  /**
   * The cached token if it is still fresh, without calling `getToken`.
   * `null` when the cache is empty or the token is inside the refresh
   * window, so a socket handshake never uses a token about to expire.
   * For synchronous callers such as phoenix's `params` callback.
   */
  peekToken(): string | null {
    if (this.token !== null && Date.now() < this.staleAtMs) return this.token;
    return null;
  }

  /**
   * When the cached token stops being served (ms since epoch): the moment to
   * fetch the next one. `null` when nothing is cached or the token has no expiry.
   */
  refreshDueAt(): number | null {
    if (this.token === null || !Number.isFinite(this.staleAtMs)) return null;
    return this.staleAtMs;
  }

  /**
   * Puts a token obtained elsewhere (a restored session) in the cache, as if
   * `getToken` had answered it. Returns false, changing nothing, for a token
   * without a readable `exp` or one already inside the refresh window.
   */
  seed(token: string, now: number = Date.now()): boolean {
    const exp = decodeJwtExp(token);
    if (exp === null || exp * 1000 - TOKEN_REFRESH_WINDOW_MS <= now) return false;
    this.generation += 1;
    this.inFlight = null;
    this.token = token;
    this.staleAtMs = exp * 1000 - TOKEN_REFRESH_WINDOW_MS;
    return true;
  }

  /** The current token, calling the app's `getToken` when the cache is empty or stale. */
  getToken(opts: GetTokenOptions = {}): Promise<string | null> {
    if (!opts.forceRefresh) {
      const fresh = this.peekToken();
      if (fresh !== null) return Promise.resolve(fresh);
    }
    if (this.inFlight) return this.inFlight;
    const generation = this.generation;
    const refresh = this.fetchAndStore(generation).finally(() => {
      if (this.inFlight === refresh) this.inFlight = null;
    });
    this.inFlight = refresh;
    return refresh;
  }

  /**
   * Drops the cached token; the next `getToken()` asks the app again.
   * Given the token that the server rejected, it does nothing when the cache
   * already moved on to another one, so many requests failing at once with
   * the same old token cause one refresh, not one each.
   */
  invalidate(rejectedToken?: string | null): void {
    if (rejectedToken !== undefined && rejectedToken !== this.token) return;
    this.generation += 1;
    this.token = null;
    this.staleAtMs = 0;
    this.inFlight = null;
  }

  private async fetchAndStore(generation: number): Promise<string | null> {
    const token = await this.fetcher();
    if (generation !== this.generation) return token;
    if (typeof token === 'string' && token !== '') {
      const exp = decodeJwtExp(token);
      this.token = token;
      // A short-lived token is refreshed halfway through its life rather than never served.
      const lifetimeMs = exp === null ? 0 : exp * 1000 - Date.now();
      this.staleAtMs =
        exp === null
          ? Number.POSITIVE_INFINITY
          : exp * 1000 - Math.min(TOKEN_REFRESH_WINDOW_MS, Math.max(0, lifetimeMs / 2));
    } else {
      // Anonymous: nothing to cache, ask again next time.
      this.token = null;
      this.staleAtMs = 0;
    }
    return token ?? null;
  }
}
