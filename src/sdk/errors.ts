import type { ErrorEnvelope, JsonObject } from './types.js';

/** The `error` member of the server's error envelope. */
export type ErrorBody = ErrorEnvelope['error'];

/** Base class of every error the SDK throws (aborts excepted: they stay `DOMException`s). */
export class PoolseError extends Error {
  override readonly name: string = 'PoolseError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `fetch()` rejected, or no response arrived at all. `cause` is the original failure. */
export class NetworkError extends PoolseError {
  override readonly name: string = 'NetworkError';
  override readonly cause: unknown;

  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.cause = cause;
  }
}

/**
 * The server answered with a non-2xx status. `code`, `docUrl` and `details`
 * come from the error envelope (`{error: {code, message, doc_url, details}}`).
 */
export class ApiError extends PoolseError {
  override readonly name: string = 'ApiError';
  /** HTTP status. */
  readonly status: number;
  /** Stable snake_case code, e.g. `validation_failed`. */
  readonly code: string;
  /** Documentation page for `code`. */
  readonly docUrl: string;
  /** Extra detail, e.g. the bad fields of a `validation_failed`. */
  readonly details: JsonObject | undefined;

  constructor(status: number, envelope: ErrorBody) {
    super(envelope.message);
    this.status = status;
    this.code = envelope.code;
    this.docUrl = envelope.doc_url;
    this.details = envelope.details;
  }
}

/** 401: the JWT is invalid even after one refresh. Sign the user in again. */
export class AuthError extends ApiError {
  override readonly name: string = 'AuthError';

  constructor(envelope: ErrorBody) {
    super(401, envelope);
  }
}

/** 429 after the retry budget ran out. `retryAfterMs` comes from `Retry-After` (0 if absent). */
export class RateLimitedError extends ApiError {
  override readonly name: string = 'RateLimitedError';
  readonly retryAfterMs: number;

  constructor(envelope: ErrorBody, retryAfterMs: number) {
    super(429, envelope);
    this.retryAfterMs = retryAfterMs;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fallback codes for answers without an envelope (e.g. a proxy's HTML error page). */
function codeForStatus(status: number): string {
  if (status === 401) return 'invalid_user_token';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'http_error';
}

/** Reads the error envelope out of a response body, or makes one from the status. */
export function parseErrorBody(status: number, text: string): ErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed) && isRecord(parsed.error) && typeof parsed.error.code === 'string') {
      const e = parsed.error;
      return {
        code: e.code as string,
        message: typeof e.message === 'string' ? e.message : `HTTP ${status}`,
        doc_url: typeof e.doc_url === 'string' ? e.doc_url : '',
        ...(isRecord(e.details) ? { details: e.details } : {}),
      };
    }
  } catch {
    // Not JSON: fall through to the status-derived envelope.
  }
  return { code: codeForStatus(status), message: `HTTP ${status}`, doc_url: '' };
}

/** The typed error for a non-2xx answer. */
export function errorFromResponse(status: number, text: string, retryAfterMs: number): ApiError {
  const body = parseErrorBody(status, text);
  if (status === 401) return new AuthError(body);
  if (status === 429) return new RateLimitedError(body, retryAfterMs);
  return new ApiError(status, body);
}
