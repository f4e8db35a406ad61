/** Times on the wire are ISO-8601 UTC with milliseconds; `toISOString` is exactly that. */
export function isoNow(): string {
  return new Date().toISOString();
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}
