/**
 * Retry timing: exponential backoff with full jitter (a random delay between
 * 0 and `base * 2^attempt`, so a crowd of clients does not retry in step),
 * raised to the server's `Retry-After` when that is larger, and never above
 * `maxBackoffMs`.
 */

export interface BackoffOptions {
  /** 0 for the first retry, 1 for the second, ... */
  attempt: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** From `Retry-After`; 0 when absent. */
  retryAfterMs?: number;
  /** Injected in tests; defaults to `Math.random`. */
  random?: () => number;
}

/** Full-jitter exponential backoff for one retry, before `Retry-After`. */
export function jitteredBackoff(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** The delay before one retry. */
export function retryDelay(opts: BackoffOptions): number {
  const computed = jitteredBackoff(
    opts.attempt,
    opts.baseBackoffMs,
    opts.maxBackoffMs,
    opts.random,
  );
  return Math.min(opts.maxBackoffMs, Math.max(computed, opts.retryAfterMs ?? 0));
}

/**
 * Parses a `Retry-After` header into milliseconds: either delta-seconds
 * (`"3"`) or an HTTP date. Absent, invalid or past values give 0.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number {
  if (header == null) return 0;
  const trimmed = header.trim();
  if (trimmed === '') return 0;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return 0;
  return Math.max(0, date - now);
}
