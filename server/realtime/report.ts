/**
 * Where the realtime side reports its own bugs: handlers catch everything so
 * one socket can never crash the process, but a swallowed error must still
 * be visible to whoever runs the server.
 */
export function reportUnexpected(where: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`[realtime] unexpected error in ${where}: ${detail}`);
}
