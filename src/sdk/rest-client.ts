import { abortError, isAbortLike, sleep, throwIfAborted } from './abort.js';
import { parseRetryAfter, retryDelay } from './backoff.js';
import type { ResolvedConfig } from './config.js';
import { NetworkError, PoolseError, errorFromResponse } from './errors.js';
import type { TokenCache } from './token-cache.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Query values; `null`/`undefined` entries are dropped. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** One call of {@link RestClient.request}. */
export interface RequestOptions {
  method: HttpMethod;
  /** Path below `apiUrl`, starting with `/v1/...`. */
  path: string;
  /** JSON body (sent for every method when given). */
  body?: unknown;
  query?: QueryParams;
  /**
   * `Idempotency-Key` for non-GETs. Default: a fresh key per call (kept
   * across that call's retries). `null` omits the header.
   */
  idempotencyKey?: string | null;
  /** Per-call retry budget; default `config.maxRetries`. */
  maxRetries?: number;
  signal?: AbortSignal;
}

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * The authenticated JSON client under every resource: bearer token from the
 * token cache, `Idempotency-Key` on every non-GET, retries with backoff on
 * network errors, 5xx and 429, one token refresh on a 401, and typed errors.
 */
export class RestClient {
  constructor(
    private readonly config: ResolvedConfig,
    private readonly tokenCache: TokenCache,
  ) {}

  /**
   * Sends one request and returns the parsed JSON answer (`undefined` for 204
   * or an empty body).
   *
   * @throws {AuthError} 401 even after one token refresh.
   * @throws {RateLimitedError} 429 after the retry budget ran out.
   * @throws {ApiError} any other non-2xx answer.
   * @throws {NetworkError} the request never got an answer, after the retry budget.
   * @throws {DOMException} `AbortError` when `signal` aborts; never retried.
   */
  async request<T>(opts: RequestOptions): Promise<T> {
    const { signal } = opts;
    throwIfAborted(signal);
    const url = this.buildUrl(opts.path, opts.query);
    const idempotencyKey = this.resolveIdempotencyKey(opts);
    const maxRetries = opts.maxRetries ?? this.config.maxRetries;
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    let retries = 0;
    let refreshedAfter401 = false;

    for (;;) {
      const token = await this.tokenCache.getToken();
      throwIfAborted(signal);
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      if (idempotencyKey !== null) headers['Idempotency-Key'] = idempotencyKey;

      let response: Response;
      try {
        response = await this.config.fetch(url, { method: opts.method, headers, body, signal });
      } catch (err) {
        if (signal?.aborted) throw abortError(signal);
        if (isAbortLike(err)) throw err;
        if (retries < maxRetries) {
          await sleep(this.delay(retries, 0), signal);
          retries += 1;
          continue;
        }
        throw new NetworkError(`${opts.method} ${opts.path} failed: ${describe(err)}`, err);
      }

      if (response.ok) return this.readBody<T>(response, signal);

      const text = await this.readText(response, signal);
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));

      if (response.status === 401 && !refreshedAfter401) {
        // The token may have expired or been revoked since it was cached: ask once for a new one.
        refreshedAfter401 = true;
        this.tokenCache.invalidate(token);
        continue;
      }
      if (isTransientStatus(response.status) && retries < maxRetries) {
        await sleep(this.delay(retries, retryAfterMs), signal);
        retries += 1;
        continue;
      }
      throw errorFromResponse(response.status, text, retryAfterMs);
    }
  }

  private delay(retries: number, retryAfterMs: number): number {
    return retryDelay({
      attempt: retries,
      baseBackoffMs: this.config.baseBackoffMs,
      maxBackoffMs: this.config.maxBackoffMs,
      retryAfterMs,
    });
  }

  /** `apiUrl` + path + query string. */
  buildUrl(path: string, query?: QueryParams): string {
    const normalized = path.startsWith('/') ? path : `/${path}`;
    let url = `${this.config.apiUrl}${normalized}`;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== null && value !== undefined) params.append(key, String(value));
      }
      const qs = params.toString();
      if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    }
    return url;
  }

  private resolveIdempotencyKey(opts: RequestOptions): string | null {
    if (opts.method === 'GET') return null;
    if (opts.idempotencyKey === null) return null;
    return opts.idempotencyKey ?? this.config.generateIdempotencyKey();
  }

  private async readText(response: Response, signal: AbortSignal | undefined): Promise<string> {
    try {
      return await response.text();
    } catch (err) {
      if (signal?.aborted) throw abortError(signal);
      if (isAbortLike(err)) throw err;
      return '';
    }
  }

  private async readBody<T>(response: Response, signal: AbortSignal | undefined): Promise<T> {
    if (response.status === 204) return undefined as T;
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      if (signal?.aborted) throw abortError(signal);
      if (isAbortLike(err)) throw err;
      throw new NetworkError(`reading the response failed: ${describe(err)}`, err);
    }
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new PoolseError(`the server answered ${response.status} with a body that is not JSON`, {
        cause: err,
      });
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
