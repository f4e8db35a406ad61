/**
 * Sends a durable outbox one conversation at a time, each conversation's
 * entries one after another in the order the user wrote them, so the server
 * gives them sequences in that order. An entry that cannot reach the server
 * holds the ones after it back until the network returns (`kick` with
 * `network`) or the backoff timer fires; an entry the server refuses does not.
 */
import type { Unsubscribe } from '../sdk/types.js';
import type { OnlineSignal } from './types.js';

/** What one send attempt came to. */
export type SendOutcome =
  /** Confirmed (by this answer, or by the echo or a gap fill meanwhile), or no longer in the outbox. */
  | 'sent'
  /** No answer, or a transient one (408, 429, 5xx): stays pending, try again later. */
  | 'waiting'
  /** Refused by the server: the entry is `failed` now and waits for the user. */
  | 'failed';

export interface OutboxQueueHooks {
  /** Ids of the conversation's entries due to be sent (pending), in original order. */
  due(conversationId: string): readonly string[];
  attempt(id: string): Promise<SendOutcome>;
}

/** Backoff timer rounds after a network failure before waiting only for a signal. */
const MAX_TIMER_ROUNDS = 6;
const MAX_DELAY_MS = 60_000;
/** Bounds on one flush: rounds requested while one runs, and sends in one round. */
const MAX_ROUNDS = 5;
const MAX_SENDS_PER_ROUND = 1000;

interface Run {
  /** The network came back while this run was sending: go once more after it. */
  again: boolean;
}

/**
 * Whether a failed send may succeed later unchanged: the request got no
 * answer (the SDK's `NetworkError`, a `TypeError` from `fetch`) or a
 * transient status (408, 429, 5xx).
 */
export function isTransientSendError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return status === 408 || status === 429 || status >= 500;
  const code = (error as { code?: unknown }).code;
  return code === 'network' || error.name === 'NetworkError' || error instanceof TypeError;
}

/** Subscribes to an `OnlineSignal`, whichever form it has. */
export function onOnline(signal: OnlineSignal, listener: () => void): Unsubscribe {
  if (typeof signal === 'function') return signal(listener);
  signal.addEventListener('online', listener);
  return () => signal.removeEventListener('online', listener);
}

export class OutboxQueue {
  private readonly runs = new Map<string, Run>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly timerRounds = new Map<string, number>();
  private destroyed = false;

  constructor(
    private readonly hooks: OutboxQueueHooks,
    private readonly retryDelayMs: number,
  ) {}

  /**
   * Sends the conversation's due entries. `send`: a new or retried entry
   * (joins a running flush); `network`: the network may be back (resets the
   * backoff, and a running flush goes once more); `timer`: the backoff fired.
   */
  kick(conversationId: string, reason: 'send' | 'network' | 'timer'): void {
    if (this.destroyed) return;
    if (reason === 'network') this.timerRounds.delete(conversationId);
    const running = this.runs.get(conversationId);
    if (running) {
      // A running flush picks up new entries by itself; only a network change is news to it.
      if (reason === 'network') running.again = true;
      return;
    }
    this.clearTimer(conversationId);
    const run: Run = { again: false };
    this.runs.set(conversationId, run);
    void this.flush(conversationId, run);
  }

  destroy(): void {
    this.destroyed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async flush(conversationId: string, run: Run): Promise<void> {
    let blocked = false;
    try {
      for (let round = 0; round < MAX_ROUNDS && !this.destroyed; round += 1) {
        run.again = false;
        blocked = await this.round(conversationId);
        if (!run.again) break;
      }
    } finally {
      this.runs.delete(conversationId);
    }
    if (blocked) this.scheduleTimer(conversationId);
  }

  /** Sends due entries in order until one cannot get through. Returns whether one is left waiting. */
  private async round(conversationId: string): Promise<boolean> {
    const tried = new Set<string>();
    for (let i = 0; i < MAX_SENDS_PER_ROUND && !this.destroyed; i += 1) {
      const id = this.hooks.due(conversationId).find((due) => !tried.has(due));
      if (id === undefined) return false;
      tried.add(id);
      const outcome = await this.hooks.attempt(id);
      if (outcome === 'waiting') return true;
      if (outcome === 'sent') this.timerRounds.delete(conversationId);
    }
    return false;
  }

  private scheduleTimer(conversationId: string): void {
    if (this.destroyed || this.timers.has(conversationId)) return;
    const rounds = this.timerRounds.get(conversationId) ?? 0;
    // After a few rounds only a signal (reconnect, online, a new send, a reload) tries again.
    if (rounds >= MAX_TIMER_ROUNDS) return;
    this.timerRounds.set(conversationId, rounds + 1);
    const delay = Math.min(this.retryDelayMs * 2 ** rounds, MAX_DELAY_MS);
    this.timers.set(
      conversationId,
      setTimeout(() => {
        this.timers.delete(conversationId);
        this.kick(conversationId, 'timer');
      }, delay),
    );
  }

  private clearTimer(conversationId: string): void {
    const timer = this.timers.get(conversationId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(conversationId);
  }
}
