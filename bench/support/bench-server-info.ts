/** What `bench-server.ts` reports once it listens. */

export interface BenchServerInfo {
  url: string;
  pid: number;
  /** Bulk-seeded conversations of alice by size ("1000", ...). */
  histories: Record<string, { conversationId: string; name: string; seedMs: number }>;
  /** JSON file holding `FanoutCredentials`, with `--fanout-users`. */
  fanoutFile?: string;
}

export interface FanoutCredentials {
  conversationId: string;
  senderToken: string;
  readerTokens: string[];
}
