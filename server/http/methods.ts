/** Writes are what rate limiting and idempotency are about; reads and preflights are not. */
export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
