/**
 * What every benchmark hands back, and how the runner prints it: tables of
 * figures, and each budget of the issue with the figure it was judged on and
 * `pass` or `short`. Timing figures are reported and flagged, never asserted.
 */

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export type BudgetStatus = 'pass' | 'short' | 'n/a';

export interface BudgetCheck {
  /** The goal as the issue states it, e.g. "initial CDN script ≤ 45 KB gzip". */
  budget: string;
  /** The measured figure it was judged on, e.g. "38.2 KB". */
  figure: string;
  status: BudgetStatus;
}

export interface BenchFindings {
  tables: Table[];
  checks: BudgetCheck[];
  notes: string[];
  /** Raw figures for `bench/results/latest.json`. */
  data: Record<string, unknown>;
  /** Set when the benchmark could not run (a missing piece), with the reason. */
  skipped?: string;
}

export interface BenchOutcome extends BenchFindings {
  id: string;
  title: string;
  durationMs: number;
  /** Set when the benchmark threw. */
  error?: string;
}

export interface BenchContext {
  /** Epoch ms by which the whole run should be over; long benchmarks shorten themselves to fit. */
  deadline: number;
  /** Progress line on stderr (the tables go to stdout). */
  log(line: string): void;
}

export interface Benchmark {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchFindings>;
}

export function emptyFindings(): BenchFindings {
  return { tables: [], checks: [], notes: [], data: {} };
}

export function check(budget: string, figure: string, pass: boolean | null): BudgetCheck {
  return { budget, figure, status: pass === null ? 'n/a' : pass ? 'pass' : 'short' };
}

export function formatCell(cell: Cell): string {
  if (cell === null) return '–';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '–';
    if (Number.isInteger(cell)) return cell.toLocaleString('en-US');
    return cell.toLocaleString('en-US', { maximumFractionDigits: Math.abs(cell) < 10 ? 2 : 1 });
  }
  return cell;
}

/** A plain-text table with right-aligned numbers. */
export function formatTable(table: Table): string {
  const cells = table.rows.map((row) => row.map(formatCell));
  const widths = table.columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const numeric = table.columns.map((_, i) =>
    table.rows.every((row) => typeof row[i] === 'number' || row[i] === null),
  );
  const line = (values: string[]): string =>
    values
      .map((value, i) =>
        numeric[i] ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    table.title,
    line(table.columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
  ].join('\n');
}

export function formatChecks(checks: BudgetCheck[]): string {
  if (checks.length === 0) return '';
  return formatTable({
    title: 'Budgets',
    columns: ['budget', 'figure', 'result'],
    rows: checks.map((c) => [c.budget, c.figure, c.status]),
  });
}

export function formatOutcome(outcome: BenchOutcome): string {
  const parts = [`== ${outcome.title} (${(outcome.durationMs / 1000).toFixed(1)} s) ==`];
  if (outcome.error) parts.push(`FAILED: ${outcome.error}`);
  if (outcome.skipped) parts.push(`skipped: ${outcome.skipped}`);
  for (const table of outcome.tables) parts.push(formatTable(table));
  if (outcome.checks.length > 0) parts.push(formatChecks(outcome.checks));
  for (const note of outcome.notes) parts.push(`note: ${note}`);
  return `${parts.join('\n\n')}\n`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function ms(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : `${value.toFixed(1)} ms`;
}
