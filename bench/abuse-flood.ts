/**
 * Server under one user's flood: the local server (`server/cli.ts --seed
 * demo`) in its own process; a worker thread as alice keeps 500 requests in
 * flight (`GET …/messages?limit=200`, the heaviest read) for a few seconds,
 * while bob, from the main thread, asks `GET /v1/me` every 20 ms. Reports
 * bob's latency with the server's default limits and, for comparison, with
 * them off (`--no-rate-limit`); the budget is bob's p99 within 100 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { freePort, startProcess, waitForUrl } from './support/processes.js';
import { check, emptyFindings, ms, type Benchmark, type BenchFindings } from './support/report.js';
import { summarize, type Summary } from './support/stats.js';

const FLOOD_IN_FLIGHT = 500;
const FLOOD_SECONDS = 6;
const PROBE_EVERY_MS = 20;
const P99_BUDGET_MS = 100;

/** The flooder: a worker so its own event loop never delays the probe's timing. */
const FLOODER = `
const { workerData, parentPort } = require('node:worker_threads');
const { url, token, path, inFlight, seconds } = workerData;
const until = Date.now() + seconds * 1000;
const counts = {};
async function loop() {
  while (Date.now() < until) {
    try {
      const response = await fetch(url + path, { headers: { authorization: 'Bearer ' + token } });
      await response.arrayBuffer();
      counts[response.status] = (counts[response.status] || 0) + 1;
    } catch {
      counts.error = (counts.error || 0) + 1;
    }
  }
}
Promise.all(Array.from({ length: inFlight }, loop)).then(() => parentPort.postMessage(counts));
`;

async function token(url: string, who: string): Promise<string> {
  const response = await fetch(`${url}/demo/token?external_id=${who}`, { method: 'POST' });
  return ((await response.json()) as { token: string }).token;
}

interface FloodRun {
  victim: Summary;
  flood: Record<string, number>;
}

async function floodOnce(limits: boolean): Promise<FloodRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'poolse-flood-'));
  const port = await freePort();
  const args = ['--import', 'tsx', 'server/cli.ts', '--seed', 'demo', '--port', String(port)];
  args.push('--data', dataDir);
  if (!limits) args.push('--no-rate-limit');
  const server = startProcess('flood-server', process.execPath, args);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(`${url}/docs/errors`, 60_000, server);
    const [alice, bob] = [await token(url, 'alice'), await token(url, 'bob')];
    const list = await fetch(`${url}/v1/conversations`, {
      headers: { authorization: `Bearer ${alice}` },
    });
    const conversation = ((await list.json()) as { data: { id: string }[] }).data[0];
    if (!conversation) throw new Error('the demo seed has no conversation for alice');
    const flooder = new Worker(FLOODER, {
      eval: true,
      workerData: {
        url,
        token: alice,
        path: `/v1/conversations/${conversation.id}/messages?limit=200`,
        inFlight: FLOOD_IN_FLIGHT,
        seconds: FLOOD_SECONDS,
      },
    });
    const flood = new Promise<Record<string, number>>((resolve, reject) => {
      flooder.once('message', resolve);
      flooder.once('error', reject);
    });
    await sleep(500);
    const latencies: number[] = [];
    const until = Date.now() + (FLOOD_SECONDS - 1) * 1000;
    while (Date.now() < until) {
      const started = performance.now();
      const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${bob}` } });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await sleep(PROBE_EVERY_MS);
    }
    const counts = await flood;
    await flooder.terminate();
    return { victim: summarize(latencies), flood: counts };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const countsText = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');

export const abuseFloodBenchmark: Benchmark = {
  id: 'server',
  title: "Server: another user's GET /v1/me while one user floods reads",
  async run({ log }): Promise<BenchFindings> {
    const findings = emptyFindings();
    log('flood with the default limits');
    const limited = await floodOnce(true);
    log('flood with the limits off');
    const open = await floodOnce(false);
    findings.tables.push({
      title: `bob's GET /v1/me while alice keeps ${FLOOD_IN_FLIGHT} GET …/messages?limit=200 in flight`,
      columns: ['server', 'probes', 'p50', 'p95', 'p99', 'max', "alice's answers"],
      rows: [
        [
          'default limits',
          limited.victim.n,
          ms(limited.victim.p50),
          ms(limited.victim.p95),
          ms(limited.victim.p99),
          ms(limited.victim.max),
          countsText(limited.flood),
        ],
        [
          'limits off',
          open.victim.n,
          ms(open.victim.p50),
          ms(open.victim.p95),
          ms(open.victim.p99),
          ms(open.victim.max),
          countsText(open.flood),
        ],
      ],
    });
    findings.checks.push(
      check(
        `another user's GET /v1/me p99 ≤ ${P99_BUDGET_MS} ms under one user's flood`,
        ms(limited.victim.p99),
        limited.victim.p99 !== null && limited.victim.p99 <= P99_BUDGET_MS,
      ),
    );
    findings.data = { limited, open };
    return findings;
  },
};
