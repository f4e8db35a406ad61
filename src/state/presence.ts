/**
 * Phoenix Presence bookkeeping for one conversation: a user is online while
 * at least one of their metas (one per tab) is present.
 */
import type { PresenceDiff, PresenceSnapshot } from '../sdk/types.js';

export class PresenceTracker {
  /** user id -> phx_refs of that user's open tabs */
  private readonly refs = new Map<string, Set<string>>();
  /** user id -> external id, from the metas, for the elements to resolve names */
  readonly externalIds = new Map<string, string>();

  /** Replaces everything with a `presence_state` snapshot. */
  reset(snapshot: PresenceSnapshot): void {
    this.refs.clear();
    this.add(snapshot);
  }

  /** Applies a `presence_diff`: joins first, then leaves (as Phoenix does). */
  apply(diff: PresenceDiff): void {
    this.add(diff.joins ?? {});
    for (const [userId, entry] of Object.entries(diff.leaves ?? {})) {
      const set = this.refs.get(userId);
      if (!set) continue;
      for (const meta of entry.metas ?? []) set.delete(meta.phx_ref);
      if (set.size === 0) this.refs.delete(userId);
    }
  }

  /** Online user ids, sorted so equal sets compare equal. */
  online(): string[] {
    return [...this.refs.keys()].sort();
  }

  private add(snapshot: PresenceSnapshot): void {
    for (const [userId, entry] of Object.entries(snapshot)) {
      const metas = entry.metas ?? [];
      if (metas.length === 0) continue;
      let set = this.refs.get(userId);
      if (!set) {
        set = new Set();
        this.refs.set(userId, set);
      }
      for (const meta of metas) {
        set.add(meta.phx_ref);
        if (meta.external_id) this.externalIds.set(userId, meta.external_id);
      }
    }
  }
}

/** Whether two sorted id lists hold the same ids. */
export function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
