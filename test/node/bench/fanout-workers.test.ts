/**
 * The fan-out benchmark's counting: real phoenix sockets in a worker process
 * must see every message of the run exactly once, and report it so.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FanoutCredentials } from '../../../bench/support/bench-server-info.js';
import type { DeliveryReport, FanoutStamp } from '../../../bench/support/fanout-protocol.js';
import {
  histogramSummary,
  startWorker,
  type Worker,
} from '../../../bench/support/fanout-workers.js';
import { startBenchServer, type BenchServer } from '../../../bench/support/server-process.js';

const READERS = 3;
const MESSAGES = 4;

let server: BenchServer;
let credentials: FanoutCredentials;
let worker: Worker;

before(async () => {
  server = await startBenchServer({ fanoutUsers: READERS, cli: true });
  credentials = JSON.parse(readFileSync(server.info.fanoutFile ?? '', 'utf8')) as FanoutCredentials;
  worker = startWorker();
  await worker.next('ready', 30_000);
});

after(async () => {
  worker?.send({ type: 'close' });
  await worker?.proc.stop(2000);
  await server?.close();
});

test('every joined socket gets every message of the run once, with its latency', async () => {
  worker.send({
    type: 'connect',
    socketUrl: `${server.info.url.replace(/^http/, 'ws')}/socket`,
    conversationId: credentials.conversationId,
    tokens: credentials.readerTokens,
    concurrency: 2,
    joinTimeoutMs: 10_000,
  });
  const joined = await worker.next('joined', 30_000);
  assert.equal(joined.joined, READERS);
  assert.equal(joined.failed, 0);

  const runId = randomUUID();
  worker.send({ type: 'expect', runId, messages: MESSAGES });
  await sleep(100);
  for (let i = 0; i < MESSAGES; i += 1) {
    const stamp: FanoutStamp = {
      bench_run: runId,
      i,
      sent_at: performance.timeOrigin + performance.now(),
    };
    const res = await fetch(
      `${server.info.url}/v1/conversations/${credentials.conversationId}/messages`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credentials.senderToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ body: `fan-out ${i}`, custom_data: stamp }),
      },
    );
    assert.equal(res.status, 201);
    await res.arrayBuffer();
  }

  let report: DeliveryReport | null = null;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    worker.send({ type: 'report' });
    report = await worker.next('report', 10_000);
    if (report.distinct >= READERS * MESSAGES) break;
    await sleep(100);
  }
  assert.ok(report);
  assert.equal(report.distinct, READERS * MESSAGES);
  assert.equal(report.duplicates, 0);
  assert.deepEqual(report.perMessage, new Array<number>(MESSAGES).fill(READERS));
  const latency = histogramSummary([report.histogram]);
  assert.equal(latency.n, READERS * MESSAGES);
  assert.ok(latency.p50 !== null && latency.p50 >= 0 && latency.p50 < 10_000, `p50 ${latency.p50}`);
});

test('histograms merge across workers into percentiles in milliseconds', () => {
  // Tenths of a millisecond: 98 samples at 1.0 ms, 2 at 250.0 ms.
  const summary = histogramSummary([
    [[10, 50]],
    [
      [10, 48],
      [2500, 2],
    ],
  ]);
  assert.deepEqual(summary, { n: 100, p50: 1, p99: 250, max: 250 });
});
