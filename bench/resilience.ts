/**
 * Resilience figures: how fast a reload paints the inbox and the last open
 * conversation, cold (nothing cached) and warm (the offline cache), and
 * offline (warm, with the network down); and send → paint over long-poll
 * beside the WebSocket, measured the same way as the realtime benchmark
 * (alice's `send`, the frame the message is on bob's screen).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright';
import { SEND_SCHEDULE, openConversation } from './realtime-latency.js';
import { openAs, startBrowserApp, type BrowserApp } from './support/browser-app.js';
import { check, emptyFindings, ms, type Benchmark, type BenchFindings } from './support/report.js';
import { summarize, type Summary } from './support/stats.js';

const RELOADS = 5;
const PACED_MESSAGES = 60;
const BURSTS = 3;
const BURST_SIZE = 20;
const WARM_PAINT_BUDGET_MS = 300;

/** Time from navigation start to the frame where inbox rows and the conversation's messages are drawn. */
async function firstPaintMs(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const inbox = document.querySelector('poolse-inbox');
      const rows = inbox?.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0;
      const timeline = document
        .querySelector('poolse-conversation')
        ?.shadowRoot?.querySelector('[part="timeline"]');
      const messages = timeline?.shadowRoot?.querySelectorAll('poolse-message').length ?? 0;
      return rows > 0 && messages > 0 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

function directWith(page: Page, other: string): Promise<string | null> {
  return page.evaluate(`(() => {
    const inbox = window.__poolseBench.store().getState().inbox;
    const direct = inbox.ids.map((id) => inbox.byId[id]).find((c) => c.type === 'direct' && c.member_external_ids.includes(${JSON.stringify(other)}));
    return direct ? direct.id : null;
  })()`) as Promise<string | null>;
}

async function reloadFigures(app: BrowserApp): Promise<Record<string, Summary>> {
  const cold: number[] = [];
  const warm: number[] = [];
  const offline: number[] = [];
  for (let i = 0; i < RELOADS; i += 1) {
    const opened = await openAs(app, 'alice');
    const id = await directWith(opened.page, 'bob');
    if (!id) throw new Error("alice's inbox has no direct conversation with bob");
    // Cold: a fresh context (empty cache) opening the conversation's URL directly.
    const url = `${app.web.url}${app.pagePath}?user=alice#conversation=${id}`;
    const fresh = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const coldPage = await fresh.newPage();
    await coldPage.goto(url, { waitUntil: 'commit' });
    cold.push(await firstPaintMs(coldPage));
    // Let the cache write what was shown, then reload: warm.
    await sleep(1000);
    await coldPage.reload({ waitUntil: 'commit' });
    warm.push(await firstPaintMs(coldPage));
    await sleep(500);
    await fresh.setOffline(true);
    await coldPage.reload({ waitUntil: 'commit' }).catch(() => undefined);
    offline.push(await firstPaintMs(coldPage).catch(() => Number.NaN));
    await fresh.close();
    await opened.context.close();
  }
  return {
    'cold (nothing cached)': summarize(cold),
    'warm (offline cache)': summarize(warm),
    'warm, network offline': summarize(offline.filter(Number.isFinite)),
  };
}

async function sendToPaint(app: BrowserApp, query: string): Promise<Summary> {
  const alice = await openAs(app, 'alice', undefined, query);
  const bob = await openAs(app, 'bob', undefined, query);
  try {
    const conversationId = await directWith(bob.page, 'alice');
    if (!conversationId) throw new Error("bob's inbox has no direct conversation with alice");
    await openConversation(alice.page, conversationId);
    await openConversation(bob.page, conversationId);
    const painted = new Map<string, number>();
    await bob.page.exposeFunction('__benchPainted', (body: string, paintedAt: number) => {
      if (!painted.has(body)) painted.set(body, paintedAt);
    });
    await bob.page.evaluate(`window.__poolseBench.watchBodies(${JSON.stringify(conversationId)})`);
    await sleep(1000);
    const sent = (await alice.page.evaluate(
      `${SEND_SCHEDULE}(${JSON.stringify({ conversationId, human: PACED_MESSAGES, bursts: BURSTS, burstSize: BURST_SIZE })})`,
    )) as Array<{ body: string; at: number }>;
    const waitUntil = Date.now() + 20_000;
    while (painted.size < sent.length && Date.now() < waitUntil) await sleep(100);
    return summarize(
      sent
        .map((s) => (painted.has(s.body) ? (painted.get(s.body) ?? 0) - s.at : null))
        .filter((v): v is number => v !== null),
    );
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
}

export const resilienceBenchmark: Benchmark = {
  id: 'resilience',
  title: 'Reload to first paint (cold, warm, offline) and long-poll send → paint',
  async run(ctx): Promise<BenchFindings> {
    const findings = emptyFindings();
    const app = await startBrowserApp({});
    try {
      findings.notes.push(...app.notes);
      ctx.log(`reload to first paint, ${RELOADS} rounds`);
      const reloads = await reloadFigures(app);
      findings.tables.push({
        title: 'Navigation start → inbox rows and the last conversation drawn (ms)',
        columns: ['reload', 'n', 'p50', 'p95', 'max'],
        rows: Object.entries(reloads).map(([label, s]) => [label, s.n, s.p50, s.p95, s.max]),
      });
      const total = PACED_MESSAGES + BURSTS * BURST_SIZE;
      ctx.log(`send → paint over WebSocket and long-poll, ${total} messages each`);
      const websocket = await sendToPaint(app, '&transport=websocket');
      const longpoll = await sendToPaint(app, '&transport=longpoll');
      findings.tables.push({
        title: `alice's send() → on bob's screen, ${total} messages (ms)`,
        columns: ['transport', 'painted', 'p50', 'p95', 'p99', 'max'],
        rows: [
          ['WebSocket', websocket.n, websocket.p50, websocket.p95, websocket.p99, websocket.max],
          ['long-poll', longpoll.n, longpoll.p50, longpoll.p95, longpoll.p99, longpoll.max],
        ],
      });
      findings.data = { reloads, websocket, longpoll };
      const warm = reloads['warm, network offline'];
      findings.checks.push(
        check(
          `offline reload paints the cached inbox and conversation within ${WARM_PAINT_BUDGET_MS} ms`,
          ms(warm?.p95 ?? null),
          warm?.p95 === null || warm === undefined ? null : warm.p95 <= WARM_PAINT_BUDGET_MS,
        ),
      );
    } finally {
      await app.close();
    }
    return findings;
  },
};
