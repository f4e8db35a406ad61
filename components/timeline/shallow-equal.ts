/** Equality of tuples/arrays by element reference (for store slices made of several references). */
export function shallowEqual<T extends readonly unknown[]>(a: T, b: T): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!Object.is(a[i], b[i])) return false;
  return true;
}
