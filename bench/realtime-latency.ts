/**
 * Realtime latency: alice and bob in two browser contexts on the demo,
 * their direct conversation open on both sides. Alice sends 300 messages
 * through her page's chat store (as the composer does): 100 at a human-ish
 * pace, then bursts of 20. Bob's page notes the first frame in which each one
 * is on screen in his timeline. Latency: alice's `send` call to that frame
 * (both pages share the machine's clock).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright';
import { openAs, startBrowserApp } from './support/browser-app.js';
import { check, emptyFindings, ms, type Benchmark, type BenchFindings } from './support/report.js';
import { summarize, type Summary } from './support/stats.js';

const HUMAN_MESSAGES = 100;
const BURSTS = 10;
const BURST_SIZE = 20;
const P99_BUDGET_MS = 50;

/** Runs in alice's page: sends on the schedule and returns when each `send` was called. */
export const SEND_SCHEDULE = String.raw`
(async ({ conversationId, human, bursts, burstSize }) => {
  const store = window.__poolseBench.store();
  const sent = [];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let seed = 7;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const sendOne = (i, phase) => {
    const body = 'rt-' + i + ' ' + phase;
    const at = performance.timeOrigin + performance.now();
    store.send(conversationId, { body });
    sent.push({ body, at, phase });
  };
  let i = 0;
  for (let n = 0; n < human; n += 1) {
    sendOne(i++, 'paced');
    await sleep(80 + random() * 170);
  }
  for (let b = 0; b < bursts; b += 1) {
    for (let n = 0; n < burstSize; n += 1) sendOne(i++, 'burst');
    await sleep(500);
  }
  return sent;
})
`;

export async function openConversation(page: Page, conversationId: string): Promise<void> {
  await page.evaluate(
    `document.querySelector('poolse-provider').activeConversationId = ${JSON.stringify(conversationId)}`,
  );
  await page.waitForFunction(
    `(() => { const s = window.__poolseBench.timelineState(${JSON.stringify(conversationId)}); return s.loaded && s.scrollTop !== null; })()`,
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForFunction(
    `window.__poolseBench.store().getState().status === 'connected'`,
    undefined,
    { timeout: 30_000 },
  );
}

export const realtimeLatencyBenchmark: Benchmark = {
  id: 'realtime',
  title: 'Realtime latency (alice sends, bob sees it painted)',
  async run(ctx): Promise<BenchFindings> {
    const findings = emptyFindings();
    ctx.log('server, demo build, Chromium');
    const app = await startBrowserApp({});
    try {
      findings.notes.push(...app.notes);
      const alice = await openAs(app, 'alice');
      const bob = await openAs(app, 'bob');
      const conversationId = (await bob.page.evaluate(`(() => {
        const inbox = window.__poolseBench.store().getState().inbox;
        const direct = inbox.ids.map((id) => inbox.byId[id]).find((c) => c.type === 'direct' && c.member_external_ids.includes('alice'));
        return direct ? direct.id : null;
      })()`)) as string | null;
      if (!conversationId) throw new Error("bob's inbox has no direct conversation with alice");
      await openConversation(alice.page, conversationId);
      await openConversation(bob.page, conversationId);
      const painted = new Map<string, number>();
      const arrived = new Map<string, number>();
      const committed = new Map<string, number>();
      await bob.page.exposeFunction(
        '__benchPainted',
        (body: string, paintedAt: number, arrivedAt: number, insertedAt: number) => {
          if (painted.has(body)) return;
          painted.set(body, paintedAt);
          arrived.set(body, arrivedAt);
          if (Number.isFinite(insertedAt)) committed.set(body, insertedAt);
        },
      );
      await bob.page.evaluate(
        `window.__poolseBench.watchBodies(${JSON.stringify(conversationId)})`,
      );
      // Let presence and the first read receipts settle.
      await sleep(1000);

      ctx.log(`alice sends ${HUMAN_MESSAGES} paced + ${BURSTS}×${BURST_SIZE} burst messages`);
      const sent = (await alice.page.evaluate(
        `${SEND_SCHEDULE}(${JSON.stringify({ conversationId, human: HUMAN_MESSAGES, bursts: BURSTS, burstSize: BURST_SIZE })})`,
      )) as Array<{ body: string; at: number; phase: 'paced' | 'burst' }>;
      const waitUntil = Date.now() + 15_000;
      while (painted.size < sent.length && Date.now() < waitUntil) await sleep(100);

      const latencies = (
        phase?: string,
        until: Map<string, number> = painted,
        from?: Map<string, number>,
      ): number[] =>
        sent
          .filter((s) => phase === undefined || s.phase === phase)
          .map((s) => {
            const end = until.get(s.body);
            const start = from ? from.get(s.body) : s.at;
            return end === undefined || start === undefined ? null : end - start;
          })
          .filter((v): v is number => v !== null);
      const all = summarize(latencies());
      const rows: Array<[string, Summary]> = [
        ['all', all],
        ['paced (80–250 ms apart)', summarize(latencies('paced'))],
        [`bursts of ${BURST_SIZE}`, summarize(latencies('burst'))],
      ];
      const stages: Array<[string, Summary]> = [
        [
          "alice's send() → server commit (outbox, REST; ms clock)",
          summarize(latencies(undefined, committed)),
        ],
        [
          "server commit → in bob's store (socket, SDK; ms clock)",
          summarize(latencies(undefined, arrived, committed)),
        ],
        ["send() → in bob's store (all of the above)", summarize(latencies(undefined, arrived))],
        [
          "in bob's store → on bob's screen (render)",
          summarize(latencies(undefined, painted, arrived)),
        ],
      ];
      findings.data = {
        sent: sent.length,
        painted: painted.size,
        all,
        rows: Object.fromEntries(rows),
        stages: Object.fromEntries(stages),
      };
      findings.tables.push({
        title: "alice's send() to the frame the message is on bob's screen (ms)",
        columns: ['messages', 'sent', 'painted', 'p50', 'p95', 'p99', 'max'],
        rows: rows.map(([label, s]) => [
          label,
          label === 'all' ? sent.length : null,
          s.n,
          s.p50,
          s.p95,
          s.p99,
          s.max,
        ]),
      });
      findings.tables.push({
        title: 'Where the time goes (all messages, ms)',
        columns: ['stage', 'p50', 'p95', 'p99', 'max'],
        rows: stages.map(([label, s]) => [label, s.p50, s.p95, s.p99, s.max]),
      });
      if (painted.size < sent.length)
        findings.notes.push(
          `${sent.length - painted.size} of ${sent.length} messages were never seen on bob's screen within 15 s.`,
        );
      findings.checks.push(
        check(
          'realtime p99 ≤ 50 ms on loopback',
          ms(all.p99),
          all.p99 !== null && all.p99 <= P99_BUDGET_MS && painted.size === sent.length,
        ),
      );
      await alice.context.close();
      await bob.context.close();
    } finally {
      await app.close();
    }
    return findings;
  },
};
