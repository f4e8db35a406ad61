/**
 * Typing state per (conversation topic, user). Clients ping `typing` while
 * the user types; peers hear `typing:start` once and `typing:stop` when the
 * pings stop, the user sends a message, or their last channel leaves.
 * Repeated pings only move a timestamp: they never fan out, and pings closer
 * than the throttle to the last accepted one are ignored altogether.
 */

export type TypingEventName = 'typing:start' | 'typing:stop';
export type TypingEmitter = (topic: string, userId: string, event: TypingEventName) => void;

interface TypingEntry {
  typing: boolean;
  /** Last ping that counted (for the throttle). */
  acceptedAt: number;
  /** Last ping of any kind while typing (for the timeout). */
  lastPingAt: number;
  timer: NodeJS.Timeout | null;
}

export class TypingTracker {
  private readonly entries = new Map<string, TypingEntry>();

  constructor(
    private readonly timeoutMs: number,
    private readonly throttleMs: number,
    private readonly emit: TypingEmitter,
  ) {}

  ping(topic: string, userId: string, now: number = Date.now()): void {
    const key = entryKey(topic, userId);
    const entry = this.entries.get(key);
    if (entry?.typing) {
      entry.lastPingAt = now;
      return;
    }
    if (entry && now - entry.acceptedAt < this.throttleMs) return;
    const started: TypingEntry = { typing: true, acceptedAt: now, lastPingAt: now, timer: null };
    this.entries.set(key, started);
    this.schedule(topic, userId, started, this.timeoutMs);
    this.emit(topic, userId, 'typing:start');
  }

  /** The user sent a message: end typing now (the throttle memory stays). */
  stop(topic: string, userId: string): void {
    const entry = this.entries.get(entryKey(topic, userId));
    if (entry?.typing) this.end(topic, userId, entry);
  }

  /** The user's last channel on the topic is gone: end typing and forget them. */
  forget(topic: string, userId: string): void {
    this.stop(topic, userId);
    this.entries.delete(entryKey(topic, userId));
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
    }
    this.entries.clear();
  }

  private end(topic: string, userId: string, entry: TypingEntry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.typing = false;
    this.emit(topic, userId, 'typing:stop');
  }

  private schedule(topic: string, userId: string, entry: TypingEntry, delayMs: number): void {
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (!entry.typing) return;
      const quietFor = Date.now() - entry.lastPingAt;
      if (quietFor >= this.timeoutMs) this.end(topic, userId, entry);
      else this.schedule(topic, userId, entry, this.timeoutMs - quietFor);
    }, delayMs);
    entry.timer.unref();
  }
}

function entryKey(topic: string, userId: string): string {
  return `${topic}\u0000${userId}`;
}
