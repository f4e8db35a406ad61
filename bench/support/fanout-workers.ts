/** The fan-out benchmark's side of its client worker processes, and their merged latency figures. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FromWorker, ToWorker } from './fanout-protocol.js';
import { startProcess, type Tracked } from './processes.js';

export interface Worker {
  proc: Tracked;
  next<T extends FromWorker['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<FromWorker, { type: T }>>;
  send(message: ToWorker): void;
}

export function startWorker(): Worker {
  const proc = startProcess(
    'fanout-worker',
    process.execPath,
    ['--import', 'tsx', 'bench/support/fanout-worker.ts'],
    {
      ipc: true,
    },
  );
  const inbox: FromWorker[] = [];
  const waiters: Array<() => void> = [];
  proc.child.on('message', (message: unknown) => {
    inbox.push(message as FromWorker);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    proc,
    send: (message) => {
      if (proc.child.connected) proc.child.send(message);
    },
    async next(type, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = inbox.findIndex((m) => m.type === type);
        if (index >= 0)
          return inbox.splice(index, 1)[0] as Extract<FromWorker, { type: typeof type }>;
        if (proc.child.exitCode !== null) throw new Error(`fan-out worker exited:\n${proc.tail()}`);
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`fan-out worker sent no "${type}" within ${timeoutMs / 1000} s`);
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          sleep(Math.min(left, 1000)),
        ]);
      }
    },
  };
}

/** Percentiles of merged [tenths of ms, count] histograms. */
export function histogramSummary(histograms: Array<Array<[number, number]>>): {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
} {
  const merged = new Map<number, number>();
  for (const histogram of histograms)
    for (const [bucket, count] of histogram) merged.set(bucket, (merged.get(bucket) ?? 0) + count);
  const buckets = [...merged].sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((sum, [, count]) => sum + count, 0);
  const at = (p: number): number | null => {
    if (n === 0) return null;
    const rank = Math.ceil((p / 100) * n);
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (seen >= rank) return bucket / 10;
    }
    return null;
  };
  const last = buckets[buckets.length - 1];
  return { n, p50: at(50), p99: at(99), max: last ? last[0] / 10 : null };
}
