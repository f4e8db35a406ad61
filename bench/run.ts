/**
 * `npm run bench [-- size timeline ...] [-- --baseline]`: runs the benchmarks in turn, prints
 * each as tables with its budgets (`pass` / `short`), and writes everything to
 * `bench/results/latest.json`. The whole run is planned to end within ten
 * minutes on a 2-core machine; long benchmarks shorten themselves to fit.
 * `--baseline` (full runs only) also rewrites `bench/BASELINE.md`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineMarkdown } from './support/baseline.js';
import { machineInfo } from './support/machine.js';
import { killAllNow, stopAll } from './support/processes.js';
import { formatOutcome, type BenchOutcome, type Benchmark } from './support/report.js';
import { abuseFloodBenchmark } from './abuse-flood.js';
import { sizeBenchmark } from './size.js';
import { startupBenchmark } from './startup.js';
import { serverFanoutBenchmark } from './server-fanout.js';
import { timelineBenchmark } from './timeline.js';
import { realtimeLatencyBenchmark } from './realtime-latency.js';
import { resilienceBenchmark } from './resilience.js';

/** In the order they run: cheap and deterministic first. */
const BENCHMARKS: readonly Benchmark[] = [
  sizeBenchmark,
  startupBenchmark,
  serverFanoutBenchmark,
  abuseFloodBenchmark,
  timelineBenchmark,
  realtimeLatencyBenchmark,
  resilienceBenchmark,
];

const RUN_BUDGET_MS = 9.5 * 60_000;
const here = dirname(fileURLToPath(import.meta.url));

function pick(args: readonly string[]): Benchmark[] {
  if (args.length === 0) return [...BENCHMARKS];
  const unknown = args.filter((arg) => !BENCHMARKS.some((b) => b.id === arg));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`,
    );
  }
  return BENCHMARKS.filter((b) => args.includes(b.id));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const chosen = pick(args.filter((arg) => !arg.startsWith('-')));
  // Only a full run may become the baseline.
  const writeBaseline = args.includes('--baseline') && chosen.length === BENCHMARKS.length;
  const startedAt = new Date();
  const deadline = Date.now() + RUN_BUDGET_MS;
  const machine = await machineInfo();
  process.stdout.write(
    `poolse elements benchmarks, ${startedAt.toISOString()}\n` +
      `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.chromium}\n\n`,
  );
  const outcomes: BenchOutcome[] = [];
  for (const benchmark of chosen) {
    const started = performance.now();
    const log = (line: string): void => {
      process.stderr.write(
        `[${benchmark.id} ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`,
      );
    };
    let outcome: BenchOutcome;
    try {
      const findings = await benchmark.run({ deadline, log });
      outcome = {
        id: benchmark.id,
        title: benchmark.title,
        durationMs: performance.now() - started,
        ...findings,
      };
    } catch (error) {
      outcome = {
        id: benchmark.id,
        title: benchmark.title,
        durationMs: performance.now() - started,
        tables: [],
        checks: [],
        notes: [],
        data: {},
        error: error instanceof Error ? error.message : String(error),
      };
    } finally {
      // Nothing a benchmark started may outlive it.
      await stopAll();
    }
    outcomes.push(outcome);
    process.stdout.write(`${formatOutcome(outcome)}\n`);
  }

  const totalMs = Date.now() - startedAt.getTime();
  const checks = outcomes.flatMap((o) => o.checks.map((c) => ({ benchmark: o.id, ...c })));
  const short = checks.filter((c) => c.status === 'short');
  process.stdout.write(`Run finished in ${(totalMs / 60_000).toFixed(1)} min.\n`);
  if (short.length > 0) {
    process.stdout.write(
      `Budgets short:\n${short.map((c) => `  - ${c.budget}: ${c.figure}`).join('\n')}\n`,
    );
  } else if (checks.length > 0) {
    process.stdout.write('Every budget measured passes.\n');
  }
  const failed = outcomes.filter((o) => o.error);
  if (failed.length > 0) process.stdout.write(`Failed: ${failed.map((o) => o.id).join(', ')}\n`);

  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'latest.json');
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), totalMs, machine, benchmarks: outcomes }, null, 2)}\n`,
  );
  process.stdout.write(`Results: ${file}\n`);
  if (writeBaseline) {
    writeFileSync(
      join(here, 'BASELINE.md'),
      baselineMarkdown(startedAt, totalMs, machine, outcomes),
    );
    process.stdout.write(`Baseline: ${join(here, 'BASELINE.md')}\n`);
  } else if (args.includes('--baseline')) {
    process.stdout.write('--baseline is only written by a full run (no benchmark names).\n');
  }
  // Timings are reported, not asserted: only a crashed benchmark fails the command.
  process.exitCode = failed.length > 0 ? 1 : 0;
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
