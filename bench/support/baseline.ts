/** `bench/BASELINE.md`: a full run's figures, written by `npm run bench -- --baseline`. */
import type { MachineInfo } from './machine.js';
import { formatTable, type BenchOutcome } from './report.js';

export function baselineMarkdown(
  startedAt: Date,
  totalMs: number,
  machine: MachineInfo,
  outcomes: readonly BenchOutcome[],
): string {
  const checks = outcomes.flatMap((o) => o.checks);
  const lines = [
    '# Benchmark baseline',
    '',
    `Written by \`npm run bench -- --baseline\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ${(totalMs / 60_000).toFixed(1)} min.`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}, node ${machine.node}, ${machine.chromium}.`,
    'Timing figures come from one run on a shared machine: read them as an order of magnitude and a trend, not as exact values.',
    '',
    'Run it yourself: `npm run bench` (everything, under 10 minutes), `npm run bench -- size timeline` (a subset),',
    '`npm run bench -- --baseline` (a full run that rewrites this file), `npm run bench:peers` (installs and bundles the',
    'peers once; `npm run bench` then shows the ratios). Raw figures of the last run: `bench/results/latest.json`.',
    'Gzip sizes are deterministic and checked in CI (`test/node/bench/size-budget.test.ts`); timings are reported, never asserted.',
    '',
    '## Budgets',
    '',
    '| budget | figure | result |',
    '| --- | --- | --- |',
    ...checks.map(
      (c) => `| ${c.budget} | ${c.figure} | ${c.status === 'short' ? '**short**' : c.status} |`,
    ),
    '',
  ];
  for (const outcome of outcomes) {
    lines.push(`## ${outcome.title}`, '');
    if (outcome.error) lines.push(`Failed: ${outcome.error}`, '');
    if (outcome.skipped) lines.push(`Skipped: ${outcome.skipped}`, '');
    for (const table of outcome.tables) lines.push('```', formatTable(table), '```', '');
    for (const note of outcome.notes) lines.push(`- ${note}`);
    if (outcome.notes.length > 0) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
