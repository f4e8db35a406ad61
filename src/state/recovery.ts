/**
 * Recovery without a click: when a load fails (inbox, timeline, thread,
 * members), it is tried again by itself, with exponential backoff and
 * jitter, while the page is visible and the device online; and at once, with
 * the backoff reset, when the device comes back online, the page gets focus
 * or becomes visible, or the socket reconnects. The same moments resume the
 * outbox. The store says what failed and how to retry it; this module only
 * decides when.
 */
import type { Unsubscribe, Uuid } from '../sdk/types.js';
import type { ChatState, StoreError } from './types.js';

/**
 * The page's signals, from the provider (the store itself knows no DOM):
 * `wake` fires when retrying at once is worth it (online, focus, visible).
 */
export interface WakeSignals {
  subscribe(wake: () => void): Unsubscribe;
  /** Follows `online`/`offline`; the listener gets the new value. */
  onNetwork?(listener: (online: boolean) => void): Unsubscribe;
  isOnline(): boolean;
  isVisible(): boolean;
}

export interface RecoveryHooks {
  /** Loads again whatever failed; resolves when those loads are done. */
  retryFailedLoads(): Promise<void>;
  /** Whether any load is still in a failed state. */
  hasFailedLoads(): boolean;
  /** Sends the outbox's waiting messages now. */
  resumeOutbox(): void;
}

export interface RecoveryOptions {
  /** First delay after a failure (default 1000 ms); doubles each time up to `maxDelayMs`. */
  baseDelayMs?: number;
  /** Longest delay between automatic retries (default 30000 ms). */
  maxDelayMs?: number;
  /** For tests: the jitter source (default `Math.random`). */
  random?: () => number;
}

/** Delay of retry `attempt` (0-based): exponential, capped, with "full jitter" between half and all of it. */
export function retryDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class AutoRecovery {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private readonly offs: Unsubscribe[] = [];
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(
    private readonly hooks: RecoveryHooks,
    private readonly signals: WakeSignals | null,
    options: RecoveryOptions = {},
  ) {
    this.baseMs = options.baseDelayMs ?? 1000;
    this.maxMs = options.maxDelayMs ?? 30_000;
    this.random = options.random ?? Math.random;
    if (signals) this.offs.push(signals.subscribe(() => this.now()));
  }

  /** A load failed: try again after the next backoff step (if none is scheduled). */
  noteFailure(): void {
    this.schedule();
  }

  /**
   * Retry at once, with the backoff reset: the network, the page or the
   * socket just came back. Also resumes the outbox.
   */
  now(): void {
    if (this.signals && !this.signals.isOnline()) return;
    this.hooks.resumeOutbox();
    this.attempt = 0;
    this.clearTimer();
    if (this.hooks.hasFailedLoads()) void this.run();
  }

  dispose(): void {
    this.clearTimer();
    for (const off of this.offs.splice(0)) off();
  }

  private schedule(): void {
    if (this.timer !== null || this.running) return;
    const delay = retryDelay(this.attempt, this.baseMs, this.maxMs, this.random);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Hidden or offline: wait for the wake signal instead of spending requests.
      if (this.signals && (!this.signals.isOnline() || !this.signals.isVisible())) return;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.hooks.retryFailedLoads();
    } catch {
      // Each load records its own error; a failing one is retried below.
    } finally {
      this.running = false;
    }
    if (this.hooks.hasFailedLoads()) this.schedule();
    else this.attempt = 0;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Refusals that another try cannot fix: they stay on screen until something changes. */
const PERMANENT = new Set([
  'forbidden',
  'not_found',
  'validation_failed',
  'conflict',
  'message_deleted',
  'payload_too_large',
  'unsupported_media_type',
  'idempotency_key_reused',
  'join_failed',
]);

/** Whether a load that failed with this error is worth trying again by itself. */
export function isTransient(error: StoreError | null): boolean {
  return error !== null && !PERMANENT.has(error.code);
}

/** The loads of the state that failed for a reason another try may fix. */
export interface FailedLoads {
  /** `me` (the start) failed. */
  start: boolean;
  inbox: boolean;
  timelines: Uuid[];
  threads: Uuid[];
}

export function failedLoads(state: ChatState): FailedLoads {
  return {
    // `me` may be painted from the cache: the start counts as done only once it ran through.
    start: !state.started && isTransient(state.error),
    inbox: state.started && isTransient(state.inbox.error),
    timelines: Object.values(state.timelines)
      .filter((tl) => isTransient(tl.error))
      .map((tl) => tl.conversationId),
    threads: Object.values(state.threads)
      .filter((th) => isTransient(th.error))
      .map((th) => th.rootId),
  };
}

export function hasFailedLoads(state: ChatState): boolean {
  const failed = failedLoads(state);
  return failed.start || failed.inbox || failed.timelines.length > 0 || failed.threads.length > 0;
}
