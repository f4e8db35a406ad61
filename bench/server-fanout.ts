/**
 * Server: the local server in its own process, as users run it
 * (`server/cli.ts --no-rate-limit` on a folder seeded beforehand), and from
 * separate Node processes real `phoenix` clients: 1,000 and 5,000 sockets
 * joined to one group conversation while a sender posts 50 messages/s over
 * REST. Reports fan-out latency (sender's stamp in `custom_data` to arrival),
 * delivered vs expected, server RSS per socket, and REST `POST …/messages`
 * throughput with 50 concurrent senders.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FanoutCredentials } from './support/bench-server-info.js';
import type { DeliveryReport, FanoutStamp, JoinReport } from './support/fanout-protocol.js';
import { histogramSummary, startWorker } from './support/fanout-workers.js';
import { rssOf } from './support/processes.js';
import {
  check,
  emptyFindings,
  ms,
  type Benchmark,
  type BenchContext,
  type BenchFindings,
} from './support/report.js';
import { startBenchServer, type BenchServer } from './support/server-process.js';
import { summarize } from './support/stats.js';

const SIZES = [1000, 5000] as const;
const MESSAGES_PER_SECOND = 50;
const FULL_SECONDS = 30;
const SHORT_SECONDS = 10;
const WORKERS = 2;
const REST_SENDERS = 50;
const REST_SECONDS = 10;
/** Sends timed one at a time per group size, and the extra small groups measured that way. */
const SEQUENTIAL_POSTS = 5;
const SMALL_GROUPS = [1, 250] as const;
const FANOUT_P99_BUDGET_MS = 100;
/** Joining is bounded; past it the run goes on with the sockets that joined. */
const JOIN_BUDGET_MS = 60_000;
const JOIN_TIMEOUT_MS = 15_000;
/** Unanswered POSTs beyond which the sender skips a tick rather than pile up more. */
const MAX_IN_FLIGHT = 100;
const POST_TIMEOUT_MS = 15_000;
/** Delivery wait after the last answer: at most this long, and stop when nothing arrived for QUIET_MS. */
const DRAIN_MS = 20_000;
const QUIET_MS = 4_000;
/** What the benchmarks after this one need, so a full run still ends in time. */
const RESERVE_FOR_LATER_MS = 6 * 60_000;

function now(): number {
  return performance.timeOrigin + performance.now();
}

async function postMessage(
  url: string,
  conversationId: string,
  token: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<{ status: number; ms: number; error?: string }> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(Math.ceil(timeoutMs)),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      status: 0,
      ms: performance.now() - started,
      error: `${error instanceof Error ? error.message : String(error)}${cause}`,
    };
  }
}

interface FanoutResult {
  sockets: number;
  joined: number;
  joinMs: number;
  joinErrors: string[];
  seconds: number;
  attempted: number;
  /** Ticks skipped because MAX_IN_FLIGHT POSTs were still unanswered. */
  skipped: number;
  sent: number;
  sendFailures: number;
  expected: number;
  delivered: number;
  duplicates: number;
  drops: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  rssIdleBytes: number | null;
  rssJoinedBytes: number | null;
  rssPerSocketBytes: number | null;
}

async function fanOut(
  server: BenchServer,
  credentials: FanoutCredentials,
  seconds: number,
  ctx: BenchContext,
): Promise<FanoutResult> {
  const sockets = credentials.readerTokens.length;
  const rssIdleBytes = await rssOf(server.info.pid);
  const workers = Array.from({ length: WORKERS }, startWorker);
  try {
    await Promise.all(workers.map((w) => w.next('ready', 30_000)));
    const socketUrl = `${server.info.url.replace(/^http/, 'ws')}/socket`;
    const share = Math.ceil(sockets / WORKERS);
    const joinBudgetMs = JOIN_BUDGET_MS;
    ctx.log(`joining ${sockets} sockets (up to ${joinBudgetMs / 1000} s)`);
    workers.forEach((w, i) =>
      w.send({
        type: 'connect',
        socketUrl,
        conversationId: credentials.conversationId,
        tokens: credentials.readerTokens.slice(i * share, (i + 1) * share),
        concurrency: 50,
        joinTimeoutMs: JOIN_TIMEOUT_MS,
      }),
    );
    // Joining is bounded: past the budget, go on with the sockets that made it.
    const stopper = setTimeout(() => {
      for (const w of workers) w.send({ type: 'stop-joining' });
    }, joinBudgetMs);
    let joins: JoinReport[];
    try {
      joins = await Promise.all(
        workers.map((w) => w.next('joined', joinBudgetMs + JOIN_TIMEOUT_MS + 15_000)),
      );
    } finally {
      clearTimeout(stopper);
    }
    const joined = joins.reduce((sum, j) => sum + j.joined, 0);
    const joinMs = Math.max(...joins.map((j) => j.ms));
    ctx.log(`${joined}/${sockets} joined in ${(joinMs / 1000).toFixed(1)} s`);
    // Let the last presence diffs drain before measuring memory and latency.
    await sleep(2000);
    const rssJoinedBytes = await rssOf(server.info.pid);

    const total = MESSAGES_PER_SECOND * seconds;
    const runId = randomUUID();
    for (const w of workers) w.send({ type: 'expect', runId, messages: total });
    await sleep(200);
    ctx.log(`sending ${total} messages at ${MESSAGES_PER_SECOND}/s for ${seconds} s`);
    const statuses = new Array<number>(total).fill(-1);
    const posts: Array<Promise<void>> = [];
    let inFlight = 0;
    let skipped = 0;
    const startAt = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = startAt + (i * 1000) / MESSAGES_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (inFlight >= MAX_IN_FLIGHT) {
        // The server is this far behind: skipping keeps the run bounded (and is reported).
        skipped += 1;
        continue;
      }
      inFlight += 1;
      const stamp: FanoutStamp = { bench_run: runId, i, sent_at: now() };
      posts.push(
        postMessage(
          server.info.url,
          credentials.conversationId,
          credentials.senderToken,
          { body: `fan-out ${i}`, custom_data: stamp },
          POST_TIMEOUT_MS,
        ).then((result) => {
          statuses[i] = result.status;
          inFlight -= 1;
        }),
      );
    }
    await Promise.all(posts);
    const created = statuses.filter((status) => status === 201).length;

    // Wait (bounded) until deliveries stop growing, then take the final reports.
    let reports: DeliveryReport[] = [];
    let lastDistinct = -1;
    let quietSince = Date.now();
    const drainUntil = Date.now() + DRAIN_MS;
    for (;;) {
      for (const w of workers) w.send({ type: 'report' });
      reports = await Promise.all(workers.map((w) => w.next('report', 30_000)));
      const distinct = reports.reduce((sum, r) => sum + r.distinct, 0);
      if (distinct !== lastDistinct) quietSince = Date.now();
      lastDistinct = distinct;
      if (distinct >= joined * created && created === total - skipped) break;
      if (Date.now() > drainUntil || Date.now() - quietSince > QUIET_MS) break;
      await sleep(500);
    }
    // A message counts as sent when the server answered 201 or any socket got it (a POST may time out after the commit).
    const perMessage = Array.from({ length: total }, (_, i) =>
      reports.reduce((sum, r) => sum + (r.perMessage[i] ?? 0), 0),
    );
    const sent = perMessage.filter((count, i) => count > 0 || statuses[i] === 201).length;
    const expected = joined * sent;
    const delivered = perMessage.reduce((sum, count) => sum + count, 0);
    const latency = histogramSummary(reports.map((r) => r.histogram));
    return {
      sockets,
      joined,
      joinMs,
      joinErrors: joins.flatMap((j) => j.errors),
      seconds,
      attempted: total - skipped,
      skipped,
      sent,
      sendFailures: total - skipped - sent,
      expected,
      delivered,
      duplicates: reports.reduce((sum, r) => sum + r.duplicates, 0),
      drops: reports.reduce((sum, r) => sum + r.drops, 0),
      p50: latency.p50,
      p99: latency.p99,
      max: latency.max,
      rssIdleBytes,
      rssJoinedBytes,
      rssPerSocketBytes:
        rssIdleBytes !== null && rssJoinedBytes !== null && joined > 0
          ? (rssJoinedBytes - rssIdleBytes) / joined
          : null,
    };
  } finally {
    for (const w of workers) w.send({ type: 'close' });
    await Promise.all(workers.map((w) => Promise.race([w.proc.exited, sleep(3000)])));
    await Promise.all(workers.map((w) => w.proc.stop(2000)));
  }
}

interface RestResult {
  senders: number;
  seconds: number;
  created: number;
  failed: number;
  errors: string[];
  perSecond: number;
  p50: number | null;
  p99: number | null;
}

/** 50 members posting as fast as answers come back, no sockets attached: REST + database throughput. */
async function restThroughput(
  server: BenchServer,
  credentials: FanoutCredentials,
): Promise<RestResult> {
  const tokens = credentials.readerTokens.slice(0, REST_SENDERS);
  const latencies: number[] = [];
  let created = 0;
  let failed = 0;
  const errors = new Map<string, number>();
  const started = performance.now();
  const until = started + REST_SECONDS * 1000;
  await Promise.all(
    tokens.map(async (token, sender) => {
      for (let i = 0; performance.now() < until && i < 100_000; i += 1) {
        const left = until - performance.now();
        if (left <= 0) break;
        const result = await postMessage(
          server.info.url,
          credentials.conversationId,
          token,
          { body: `rest ${sender}.${i}` },
          left + 5000,
        );
        latencies.push(result.ms);
        if (result.status === 201) created += 1;
        else {
          failed += 1;
          const reason = result.error ?? `HTTP ${result.status}`;
          errors.set(reason, (errors.get(reason) ?? 0) + 1);
          // A refused connection fails at once; do not spin on it.
          if (result.status === 0) await sleep(50);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const summary = summarize(latencies);
  return {
    senders: tokens.length,
    seconds: elapsed,
    created,
    failed,
    errors: [...errors].map(([text, count]) => `${count}× ${text}`),
    perSecond: created / elapsed,
    p50: summary.p50,
    p99: summary.p99,
  };
}

interface PostLatency {
  members: number;
  p50: number | null;
  max: number | null;
}

/** A few sends one after another from the group's sender, nothing else going on. */
async function sequentialPosts(
  server: BenchServer,
  credentials: FanoutCredentials,
): Promise<PostLatency> {
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL_POSTS; i += 1) {
    const result = await postMessage(
      server.info.url,
      credentials.conversationId,
      credentials.senderToken,
      { body: `one at a time ${i}` },
      POST_TIMEOUT_MS,
    );
    if (result.status === 201) latencies.push(result.ms);
  }
  const summary = summarize(latencies);
  return { members: credentials.readerTokens.length + 1, p50: summary.p50, max: summary.max };
}

function readCredentials(server: BenchServer): FanoutCredentials {
  if (!server.info.fanoutFile) throw new Error('the bench server wrote no fan-out credentials');
  return JSON.parse(readFileSync(server.info.fanoutFile, 'utf8')) as FanoutCredentials;
}

function mib(bytes: number | null): string | null {
  return bytes === null ? null : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

export const serverFanoutBenchmark: Benchmark = {
  id: 'server',
  title: 'Server fan-out and REST throughput (phoenix clients in separate processes)',
  async run(ctx): Promise<BenchFindings> {
    const findings = emptyFindings();
    const fanouts: FanoutResult[] = [];
    const postLatency: PostLatency[] = [];
    let rest: RestResult | null = null;
    for (const size of SIZES) {
      const remaining = ctx.deadline - Date.now();
      // Start-up, joins, sending, the last answers and the drain, at their bounds.
      const estimate =
        10_000 +
        JOIN_BUDGET_MS +
        JOIN_TIMEOUT_MS +
        FULL_SECONDS * 1000 +
        POST_TIMEOUT_MS +
        DRAIN_MS;
      const seconds = remaining - estimate > RESERVE_FOR_LATER_MS ? FULL_SECONDS : SHORT_SECONDS;
      ctx.log(`server with ${size} readers`);
      const server = await startBenchServer({ fanoutUsers: size, timeoutMs: 120_000, cli: true });
      try {
        // One POST at a time before any socket joins: what the group's size alone costs a send.
        if (size <= 1000) postLatency.push(await sequentialPosts(server, readCredentials(server)));
        fanouts.push(await fanOut(server, readCredentials(server), seconds, ctx));
      } catch (error) {
        findings.notes.push(
          `${size} sockets: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        await server.close();
      }
    }
    // A fresh server: a backlog left by the fan-out must not slow this down.
    ctx.log(`REST throughput, ${REST_SENDERS} concurrent senders in a group of ${REST_SENDERS}`);
    const server = await startBenchServer({
      fanoutUsers: REST_SENDERS,
      timeoutMs: 120_000,
      cli: true,
    });
    try {
      postLatency.push(await sequentialPosts(server, readCredentials(server)));
      rest = await restThroughput(server, readCredentials(server));
    } finally {
      await server.close();
    }
    for (const readers of SMALL_GROUPS) {
      const small = await startBenchServer({ fanoutUsers: readers, timeoutMs: 60_000, cli: true });
      try {
        postLatency.push(await sequentialPosts(small, readCredentials(small)));
      } finally {
        await small.close();
      }
    }
    postLatency.sort((a, b) => a.members - b.members);
    findings.data = { fanouts, rest, postLatency };
    findings.tables.push({
      title: `Fan-out at ${MESSAGES_PER_SECOND} messages/s (latency: sender's stamp before the POST to arrival in a client)`,
      columns: [
        'sockets',
        'joined',
        'join time',
        'duration',
        'attempted',
        'sent',
        'delivered',
        'expected',
        'dups',
        'p50 ms',
        'p99 ms',
        'max ms',
        'RSS idle',
        'RSS joined',
        'RSS/socket',
      ],
      rows: fanouts.map((f) => [
        f.sockets,
        f.joined,
        `${(f.joinMs / 1000).toFixed(1)} s`,
        `${f.seconds} s`,
        f.attempted,
        f.sent,
        f.delivered,
        f.expected,
        f.duplicates,
        f.p50,
        f.p99,
        f.max,
        mib(f.rssIdleBytes),
        mib(f.rssJoinedBytes),
        f.rssPerSocketBytes === null ? null : `${(f.rssPerSocketBytes / 1024).toFixed(1)} KiB`,
      ]),
    });
    for (const f of fanouts) {
      if (f.joinErrors.length > 0)
        findings.notes.push(`${f.sockets} sockets, join errors: ${f.joinErrors.join('; ')}`);
      if (f.drops > 0)
        findings.notes.push(`${f.sockets} sockets: ${f.drops} channel errors/drops during the run`);
      if (f.sendFailures > 0)
        findings.notes.push(
          `${f.sockets} sockets: ${f.sendFailures} POSTs failed or timed out (${POST_TIMEOUT_MS / 1000} s) with no socket receiving them`,
        );
      if (f.skipped > 0) {
        findings.notes.push(
          `${f.sockets} sockets: the sender skipped ${f.skipped} of ${f.skipped + f.attempted} ticks because ${MAX_IN_FLIGHT} POSTs were unanswered (server backlog)`,
        );
      }
    }
    findings.tables.push({
      title: `POST …/messages one at a time by group size (${SEQUENTIAL_POSTS} sends, no sockets)`,
      columns: ['members', 'p50 ms', 'max ms'],
      rows: postLatency.map((p) => [p.members, p.p50, p.max]),
    });
    if (rest) {
      if (rest.errors.length > 0)
        findings.notes.push(`REST failures: ${rest.errors.slice(0, 5).join('; ')}`);
      findings.tables.push({
        title: `REST POST …/messages, ${rest.senders} concurrent senders in a group of ${rest.senders + 1}, no sockets attached`,
        columns: ['duration s', 'created', 'failed', 'messages/s', 'p50 ms', 'p99 ms'],
        rows: [[rest.seconds, rest.created, rest.failed, rest.perSecond, rest.p50, rest.p99]],
      });
    }
    const at1000 = fanouts.find((f) => f.sockets === 1000);
    findings.checks.push(
      check(
        'fan-out p99 ≤ 100 ms at 1,000 sockets',
        at1000 ? ms(at1000.p99) : 'not measured',
        at1000 && at1000.p99 !== null ? at1000.p99 <= FANOUT_P99_BUDGET_MS : false,
      ),
    );
    for (const f of fanouts) {
      findings.checks.push(
        check(
          `nothing lost at ${f.sockets.toLocaleString('en-US')} sockets (delivered = expected, all joined, full rate)`,
          `${f.delivered.toLocaleString('en-US')} / ${f.expected.toLocaleString('en-US')}, joined ${f.joined}/${f.sockets}`,
          f.delivered === f.expected &&
            f.duplicates === 0 &&
            f.joined === f.sockets &&
            f.sendFailures === 0 &&
            f.skipped === 0,
        ),
      );
    }
    findings.notes.push(
      "Server, client workers and sender share this machine's cores: at 5,000 sockets the client processes parse every frame too, so latency there includes client backlog.",
    );
    return findings;
  },
};
