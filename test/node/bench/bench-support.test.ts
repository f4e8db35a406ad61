/** The figures the bench prints: percentiles, growth and the tables with their budgets. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, formatOutcome, formatTable } from '../../../bench/support/report.js';
import { growth, percentile, summarize } from '../../../bench/support/stats.js';

test('percentiles are nearest-rank over the sorted samples', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 95), 95);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([], 50), null);
  const summary = summarize([30, 10, 20]);
  assert.deepEqual(summary, { n: 3, mean: 20, p50: 20, p95: 30, p99: 30, max: 30 });
});

test('growth reads as a factor, and is unknown from zero or missing figures', () => {
  assert.equal(growth(100, 150), '×1.50');
  assert.equal(growth(0, 5), null);
  assert.equal(growth(null, 5), null);
});

test('a budget check is pass, short, or n/a', () => {
  assert.equal(check('b', '1', true).status, 'pass');
  assert.equal(check('b', '1', false).status, 'short');
  assert.equal(check('b', '1', null).status, 'n/a');
});

test('tables align numbers right and text left, with missing figures as a dash', () => {
  const text = formatTable({
    title: 'T',
    columns: ['name', 'ms'],
    rows: [
      ['a', 1.234],
      ['long name', 1500],
      ['c', null],
    ],
  });
  assert.equal(
    text,
    [
      'T',
      'name          ms',
      '---------  -----',
      'a           1.23',
      'long name  1,500',
      'c              –',
    ].join('\n'),
  );
});

test('an outcome prints its tables, budgets with pass/short, notes and skips', () => {
  const text = formatOutcome({
    id: 'x',
    title: 'X',
    durationMs: 1500,
    tables: [{ title: 'Figures', columns: ['n'], rows: [[1]] }],
    checks: [check('p99 ≤ 50 ms', '60.0 ms', false)],
    notes: ['noisy machine'],
    data: {},
  });
  assert.match(text, /== X \(1\.5 s\) ==/);
  assert.match(text, /p99 ≤ 50 ms\s+60\.0 ms\s+short/);
  assert.match(text, /note: noisy machine/);
  const skipped = formatOutcome({
    id: 'y',
    title: 'Y',
    durationMs: 0,
    tables: [],
    checks: [],
    notes: [],
    data: {},
    skipped: 'no build',
  });
  assert.match(skipped, /skipped: no build/);
});
