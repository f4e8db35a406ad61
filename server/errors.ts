/**
 * The contract's error codes, their HTTP statuses, and the one error type
 * every layer throws to answer with the error envelope.
 */
import type { ErrorCode, ErrorEnvelope, JsonObject } from '../src/sdk/types.js';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  invalid_json: 400,
  invalid_user_token: 401,
  invalid_api_key: 401,
  invalid_user_hash: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  message_deleted: 410,
  payload_too_large: 413,
  attachment_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
};

export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  validation_failed:
    'The request body, query or path is not valid. `details` names each bad field.',
  invalid_json: 'The request body is not valid JSON.',
  invalid_user_token:
    'The end-user JWT is missing, malformed, expired, wrongly signed, or its user is blocked or gone.',
  invalid_api_key: 'The API key is missing or unknown.',
  invalid_user_hash:
    'The user hash does not sign this external id under a live identity secret of this tenant (or the tenant has none).',
  forbidden:
    'The caller may see the resource but not do this to it (wrong role, or not the sender).',
  not_found: 'No such resource, or the caller may not know it exists.',
  conflict:
    'The request conflicts with the current state (a message id taken by another sender, a full conversation, …).',
  message_deleted: 'The message was deleted.',
  payload_too_large: 'The request body is over the size limit (1 MiB for JSON).',
  attachment_too_large: 'The attachment is over the size limit.',
  unsupported_media_type: 'The content type is not accepted here, or the bytes do not match it.',
  idempotency_key_reused: 'This Idempotency-Key was already used for a different request body.',
  rate_limited: 'Too many writes; retry after the number of seconds in `Retry-After`.',
  internal: 'An unexpected error on the server. It was logged.',
};

/** Field name → what is wrong with it (each field may have several problems). */
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: JsonObject | undefined;
  /** Seconds, for `rate_limited`. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, details?: JsonObject, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.retryAfter = retryAfter;
  }

  static notFound(what = 'Resource'): ApiError {
    return new ApiError('not_found', `${what} not found.`);
  }

  static forbidden(message: string): ApiError {
    return new ApiError('forbidden', message);
  }

  static conflict(message: string): ApiError {
    return new ApiError('conflict', message);
  }

  /** A 422 naming a single bad field. */
  static invalidField(field: string, problem: string): ApiError {
    return new ApiError('validation_failed', `${field} ${problem}`, { [field]: [problem] });
  }
}

export function errorEnvelope(
  apiUrl: string,
  code: ErrorCode,
  message: string,
  details?: JsonObject,
): ErrorEnvelope {
  const error: ErrorEnvelope['error'] = { code, message, doc_url: `${apiUrl}/docs/errors#${code}` };
  if (details !== undefined) error.details = details;
  return { error };
}
