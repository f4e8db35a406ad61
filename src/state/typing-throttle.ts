/**
 * Typing pings at most once per interval while the user types.
 *
 * The server starts "typing…" on the first ping and stops it after 5 s
 * without one, so one ping every ~2 s keeps the indicator alive without
 * flooding the socket with a ping per key stroke. A sent message stops the
 * indicator on every screen, so `reset()` lets the next key stroke ping at
 * once. The store keeps one throttle per conversation: the only one.
 */
export const TYPING_PING_INTERVAL_MS = 2000;

export class TypingThrottle {
  #last = Number.NEGATIVE_INFINITY;
  readonly #send: () => void;
  readonly #intervalMs: number;
  readonly #now: () => number;

  constructor(
    send: () => void,
    intervalMs = TYPING_PING_INTERVAL_MS,
    now: () => number = () => Date.now(),
  ) {
    this.#send = send;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** Call on every edit; forwards at most one ping per interval. */
  ping(): void {
    const now = this.#now();
    if (now - this.#last < this.#intervalMs) return;
    this.#last = now;
    this.#send();
  }

  /** After a send the server stops the indicator itself; the next key stroke pings again. */
  reset(): void {
    this.#last = Number.NEGATIVE_INFINITY;
  }
}
