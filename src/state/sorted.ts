/**
 * Insertion into already sorted id lists without resorting: live messages
 * and active conversations almost always belong at the end (or the front),
 * so the search checks the end first and falls back to a binary search for
 * the rare out-of-order arrival.
 */

/** Orders two ids; negative when `a` goes before `b`. */
export type IdOrder = (a: string, b: string) => number;

/**
 * Returns a copy of `ids` (sorted by `order`) with `id` inserted after every
 * id that does not go after it. `id` must not be in `ids` already.
 */
export function insertSorted(ids: readonly string[], id: string, order: IdOrder): string[] {
  const n = ids.length;
  if (n === 0 || order(ids[n - 1], id) <= 0) return [...ids, id];
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(ids[mid], id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const next = ids.slice();
  next.splice(lo, 0, id);
  return next;
}

/** Copy of `ids` without `id` (the same array when absent). */
export function without(ids: readonly string[], id: string): readonly string[] {
  const i = ids.indexOf(id);
  if (i < 0) return ids;
  const next = ids.slice();
  next.splice(i, 1);
  return next;
}
