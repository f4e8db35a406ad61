import type { StoreError } from './types.js';

/**
 * Turns whatever a client call threw into the store's plain error shape, so
 * state stays serializable and elements can switch on a stable `code`
 * (the SDK's `ApiError.code`, `network` for `NetworkError`, else `unknown`).
 */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code) return { code, message: error.message };
    if (error.name === 'NetworkError' || error instanceof TypeError)
      return { code: 'network', message: error.message };
    return { code: 'unknown', message: error.message };
  }
  return { code: 'unknown', message: String(error) };
}
