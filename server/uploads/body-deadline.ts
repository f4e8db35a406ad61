/**
 * How long an upload body may take: proportional to its signed size at a
 * slow but real connection speed, with a floor for small files and latency,
 * and never more than the server's whole-request timeout.
 */

/** The slowest sustained upload speed we wait for: about 1 Mbit/s. */
export const MIN_UPLOAD_BYTES_PER_SECOND = 128 * 1024;
/** Every upload gets at least this long. */
export const UPLOAD_TIMEOUT_FLOOR_MS = 10_000;

export function uploadDeadlineMs(byteSize: number, requestTimeoutMs: number): number {
  const proportional = UPLOAD_TIMEOUT_FLOOR_MS + (byteSize / MIN_UPLOAD_BYTES_PER_SECOND) * 1000;
  return Math.min(requestTimeoutMs, Math.ceil(proportional));
}
