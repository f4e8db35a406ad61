/**
 * Start-up: time from `npm start` (`node scripts/start.mjs`, as the script
 * runs it) to the demo answering, the API's `/health` and the Vite page, on a
 * fresh data folder (migrations and demo seed) and again on the same folder
 * (existing database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitForUrl } from './support/processes.js';
import { emptyFindings, type Benchmark, type BenchFindings } from './support/report.js';

interface StartupTiming {
  database: 'fresh' | 'existing';
  apiMs: number;
  demoMs: number;
  /** Both answering: the moment a person could open the demo. */
  readyMs: number;
}

const START_TIMEOUT_MS = 90_000;

async function timeStart(
  dataDir: string,
  database: StartupTiming['database'],
): Promise<StartupTiming> {
  const apiPort = await freePort();
  const demoPort = await freePort();
  const started = performance.now();
  const proc = startProcess('npm start', process.execPath, ['scripts/start.mjs'], {
    env: { POOLSE_DATA: dataDir, POOLSE_PORT: String(apiPort), DEMO_PORT: String(demoPort) },
  });
  try {
    const api = waitForUrl(`http://127.0.0.1:${apiPort}/health`, START_TIMEOUT_MS, proc).then(
      () => performance.now() - started,
    );
    const demo = waitForUrl(`http://127.0.0.1:${demoPort}/`, START_TIMEOUT_MS, proc).then(
      () => performance.now() - started,
    );
    const [apiMs, demoMs] = await Promise.all([api, demo]);
    return { database, apiMs, demoMs, readyMs: Math.max(apiMs, demoMs) };
  } finally {
    await proc.stop();
  }
}

export const startupBenchmark: Benchmark = {
  id: 'startup',
  title: 'Start-up (npm start to the demo answering)',
  async run(ctx): Promise<BenchFindings> {
    const findings = emptyFindings();
    const dataDir = mkdtempSync(join(tmpdir(), 'poolse-bench-start-'));
    try {
      ctx.log('fresh database');
      const fresh = await timeStart(dataDir, 'fresh');
      ctx.log('existing database');
      const existing = await timeStart(dataDir, 'existing');
      const timings = [fresh, existing];
      findings.data = { timings };
      findings.tables.push({
        title: 'Time from spawn to answering (ms)',
        columns: ['database', 'API /health', 'demo page', 'both ready'],
        rows: timings.map((t) => [t.database, t.apiMs, t.demoMs, t.readyMs]),
      });
      findings.notes.push('No budget in the issue for start-up; reported for trend only.');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return findings;
  },
};
