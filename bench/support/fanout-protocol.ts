/** Messages between the fan-out benchmark and its client worker processes (over Node IPC). */

export type ToWorker =
  | {
      type: 'connect';
      socketUrl: string;
      conversationId: string;
      tokens: string[];
      concurrency: number;
      joinTimeoutMs: number;
    }
  /** Stop opening new sockets; the worker answers `joined` once the joins under way have ended. */
  | { type: 'stop-joining' }
  | { type: 'expect'; runId: string; messages: number }
  | { type: 'report' }
  | { type: 'close' };

export interface JoinReport {
  type: 'joined';
  joined: number;
  failed: number;
  ms: number;
  errors: string[];
}

export interface DeliveryReport {
  type: 'report';
  /** Sockets still joined when the report was taken. */
  joined: number;
  /** `message:new` frames of this run, duplicates included. */
  received: number;
  /** Distinct (socket, message) pairs. */
  distinct: number;
  duplicates: number;
  /** For each message of the run, how many of this worker's sockets got it. */
  perMessage: number[];
  /** Latency histogram: [tenths of a millisecond, count]. */
  histogram: Array<[number, number]>;
  /** Socket closes and channel errors seen since the joins. */
  drops: number;
}

export type FromWorker = JoinReport | DeliveryReport | { type: 'ready' } | { type: 'closed' };

/** What the sender puts in `custom_data` of every fan-out message. */
export interface FanoutStamp {
  bench_run: string;
  /** Index of the message in the run (0-based). */
  i: number;
  /** `performance.timeOrigin + performance.now()` of the sender, just before the POST. */
  sent_at: number;
}
