/**
 * Presence diffs batched per topic per short tick, as Phoenix Presence does:
 * joins and leaves in one tick go out as a single `presence_diff`, so N
 * members joining together cost each member one frame per tick instead of
 * one frame per join (N² frames in total). A join and a leave of the same
 * meta in one tick both go out; the client applies joins before leaves.
 */
import type { PresenceDiff, PresenceMeta } from '../../src/sdk/types.js';

interface PendingDiff {
  joins: Map<string, PresenceMeta[]>;
  leaves: Map<string, PresenceMeta[]>;
}

function add(into: Map<string, PresenceMeta[]>, userId: string, meta: PresenceMeta): void {
  const metas = into.get(userId);
  if (metas) metas.push(meta);
  else into.set(userId, [meta]);
}

function toEntries(from: Map<string, PresenceMeta[]>): PresenceDiff['joins'] {
  // Keys are user ids the server chose (UUIDs), so a plain object is safe.
  const entries: PresenceDiff['joins'] = {};
  for (const [userId, metas] of from) entries[userId] = { metas };
  return entries;
}

export class PresenceBatcher {
  private readonly pending = new Map<string, PendingDiff>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `tickMs` 0 sends every diff at once (no batching). */
  constructor(
    private readonly tickMs: number,
    private readonly send: (topic: string, diff: PresenceDiff) => void,
  ) {}

  join(topic: string, userId: string, meta: PresenceMeta): void {
    add(this.pendingFor(topic).joins, userId, meta);
    this.schedule();
  }

  leave(topic: string, userId: string, meta: PresenceMeta): void {
    add(this.pendingFor(topic).leaves, userId, meta);
    this.schedule();
  }

  /** Sends every pending diff now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [topic, diff] of batches) {
      this.send(topic, { joins: toEntries(diff.joins), leaves: toEntries(diff.leaves) });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private pendingFor(topic: string): PendingDiff {
    let diff = this.pending.get(topic);
    if (!diff) {
      diff = { joins: new Map(), leaves: new Map() };
      this.pending.set(topic, diff);
    }
    return diff;
  }

  private schedule(): void {
    if (this.tickMs <= 0) {
      this.flush();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.tickMs);
    this.timer.unref();
  }
}
