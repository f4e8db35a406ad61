/**
 * Cancellation helpers. The contract: an aborted call rejects with the
 * signal's `DOMException` (an `AbortError`, or a `TimeoutError` from
 * `AbortSignal.timeout()`), never wrapped and never retried.
 */

/** Accepted wherever a method takes a signal: the signal itself, or `{ signal }`. */
export type SignalInput = AbortSignal | { signal?: AbortSignal } | undefined;

/** Extracts the signal from either accepted form. */
export function toSignal(input: SignalInput): AbortSignal | undefined {
  if (!input) return undefined;
  if (isAbortSignal(input)) return input;
  return input.signal;
}

function isAbortSignal(value: object): value is AbortSignal {
  return typeof AbortSignal !== 'undefined' && value instanceof AbortSignal
    ? true
    : 'aborted' in value && 'addEventListener' in value;
}

/** The error an aborted signal rejects with. */
export function abortError(signal: AbortSignal | undefined): DOMException {
  const reason: unknown = signal?.reason;
  if (reason instanceof DOMException) return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

/** Whether `err` is an abort (or timeout) raised by a fetch/XHR that we cancelled. */
export function isAbortLike(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/** Throws the abort error when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Waits `ms`, rejecting early with the abort error if the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
