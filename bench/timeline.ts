/**
 * Timeline: alice's conversations of 1,000, 10,000 and 50,000 messages
 * (bulk-seeded on a fresh local server) in headless Chromium, each in a fresh
 * browser context. Measures the time from the click selecting the
 * conversation in `<poolse-inbox>` to the frame in which its newest message
 * is on screen; frame times (requestAnimationFrame deltas) while a reader
 * wheels up to the very top, waiting for older pages as they load; the
 * timeline's DOM size at the end; and the JS heap at the end (after a GC).
 */
import type { CDPSession, Page } from 'playwright';
import { setTimeout as sleep } from 'node:timers/promises';
import { openAs, startBrowserApp, type BrowserApp } from './support/browser-app.js';
import {
  check,
  emptyFindings,
  ms,
  type Benchmark,
  type BenchContext,
  type BenchFindings,
} from './support/report.js';
import { growth, summarize } from './support/stats.js';

const SIZES = [1000, 10_000, 50_000] as const;
const FRAME_MS = 1000 / 60;
/** A delta this long means at least one vsync was missed (rAF deltas jitter around 16.7 ms). */
const MISSED_FRAME_MS = 20;
const PAINT_BUDGET_MS = 150;
const LONG_FRAME_BUDGET_MS = 50;
/** One wheel gesture of a reader flicking upwards. */
const WHEEL_PX = 1500;
const WHEEL_GAP_MS = 40;
/** Scrolling time allowed per size; the run as a whole must end in time. */
const SCROLL_CAP_MS: Record<number, number> = { 1000: 45_000, 10_000: 60_000, 50_000: 90_000 };
/** Time kept for the benchmark after this one (realtime). */
const RESERVE_MS = 75_000;

interface SizeResult {
  size: number;
  paintMs: number | null;
  /** Click to the newest page in the store (REST and store work; the rest of paintMs is rendering). */
  storedMs: number | null;
  reachedTop: boolean;
  loaded: number;
  scrollSeconds: number;
  frames: number;
  framesOver16: number;
  framesOver50: number;
  worstFrameMs: number | null;
  p95FrameMs: number | null;
  p50FrameMs: number | null;
  /** Elements in the timeline (message shadow roots included) once the newest page is shown. */
  openElementsDeep: number | null;
  timelineElements: number | null;
  timelineElementsDeep: number | null;
  renderedMessages: number | null;
  documentNodes: number | null;
  heapUsedBytes: number | null;
}

interface TimelineProbe {
  loaded: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  count: number;
  scrollTop: number | null;
  scrollHeight: number | null;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function probe(page: Page, conversationId: string): Promise<TimelineProbe> {
  return (await page.evaluate(
    `window.__poolseBench.timelineState(${JSON.stringify(conversationId)})`,
  )) as TimelineProbe;
}

async function measureSize(
  app: BrowserApp,
  size: number,
  conversationId: string,
  name: string,
  capMs: number,
  ctx: BenchContext,
): Promise<SizeResult> {
  const { context, page } = await openAs(app, 'alice');
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const row = page.locator('poolse-inbox [role=option]', { hasText: name });
    await row.waitFor({ timeout: 30_000 });
    // Settle after start-up so the measurement is the selection alone.
    await sleep(500);
    await page.evaluate(
      `window.__poolseBench.armNewest(${size}, ${JSON.stringify(conversationId)})`,
    );
    await row.click();
    await page.waitForFunction('window.__poolseBench.newestAt !== null', undefined, {
      timeout: 30_000,
      polling: 50,
    });
    const paintMs = (await page.evaluate(
      'window.__poolseBench.newestAt - window.__poolseBench.clickAt',
    )) as number;
    const storedMs = (await page.evaluate(
      'window.__poolseBench.storedAt === null ? null : window.__poolseBench.storedAt - window.__poolseBench.clickAt',
    )) as number | null;
    ctx.log(`${size}: newest page on screen ${paintMs.toFixed(0)} ms after the click`);
    // The same place in every history (the newest page, at the bottom): the like-for-like DOM size.
    await sleep(500);
    const openNodes = (await page.evaluate('window.__poolseBench.timelineNodes()')) as {
      deep: number | null;
    };

    // Scroll up as a reader would: wheel gestures over the timeline, pausing at the top while older pages load.
    const scroller = page.locator('poolse-conversation poolse-timeline [part~="scroller"]');
    const box = await scroller.boundingBox();
    if (!box) throw new Error('the timeline scroller is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate('window.__poolseBench.startFrames()');
    const started = performance.now();
    let state = await probe(page, conversationId);
    let atTopSince: number | null = null;
    while (performance.now() - started < capMs) {
      if (!state.hasOlder && !state.loadingOlder && (state.scrollTop ?? 0) <= 1) {
        // The beginning: stay a moment so the last layout settles in the frame record.
        atTopSince ??= performance.now();
        if (performance.now() - atTopSince > 500) break;
      } else {
        atTopSince = null;
      }
      await page.mouse.wheel(0, -WHEEL_PX);
      await sleep(WHEEL_GAP_MS);
      state = await probe(page, conversationId);
    }
    const scrollSeconds = (performance.now() - started) / 1000;
    const frames = (await page.evaluate('window.__poolseBench.stopFrames()')) as number[];
    const reachedTop = !state.hasOlder && (state.scrollTop ?? 0) <= 1;
    ctx.log(
      `${size}: ${reachedTop ? 'reached the top' : 'stopped before the top'} after ${scrollSeconds.toFixed(0)} s, ${state.count} messages loaded`,
    );

    const nodes = (await page.evaluate('window.__poolseBench.timelineNodes()')) as {
      own: number | null;
      deep: number | null;
      messages: number | null;
    };
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await metrics(cdp);
    const summary = summarize(frames);
    return {
      size,
      paintMs,
      storedMs,
      reachedTop,
      loaded: state.count,
      scrollSeconds,
      frames: frames.length,
      framesOver16: frames.filter((f) => f > MISSED_FRAME_MS).length,
      framesOver50: frames.filter((f) => f > LONG_FRAME_BUDGET_MS).length,
      worstFrameMs: summary.max,
      p95FrameMs: summary.p95,
      p50FrameMs: summary.p50,
      openElementsDeep: openNodes.deep,
      timelineElements: nodes.own,
      timelineElementsDeep: nodes.deep,
      renderedMessages: nodes.messages,
      documentNodes: m.Nodes ?? null,
      heapUsedBytes: m.JSHeapUsedSize ?? null,
    };
  } finally {
    await context.close();
  }
}

function mib(bytes: number | null): string | null {
  return bytes === null ? null : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

export const timelineBenchmark: Benchmark = {
  id: 'timeline',
  title: 'Timeline in Chromium (1k / 10k / 50k messages)',
  async run(ctx): Promise<BenchFindings> {
    const findings = emptyFindings();
    ctx.log('server with bulk history, demo build, Chromium');
    const app = await startBrowserApp({ bulk: SIZES, timeoutMs: 120_000 });
    const results: SizeResult[] = [];
    try {
      findings.notes.push(...app.notes);
      for (const size of SIZES) {
        const history = app.server.info.histories[String(size)];
        if (!history) throw new Error(`the server seeded no ${size}-message conversation`);
        const left = ctx.deadline - Date.now() - RESERVE_MS;
        const capMs = Math.max(15_000, Math.min(SCROLL_CAP_MS[size] ?? 60_000, left - 30_000));
        try {
          results.push(
            await measureSize(app, size, history.conversationId, history.name, capMs, ctx),
          );
        } catch (error) {
          findings.notes.push(
            `${size} messages: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    } finally {
      await app.close();
    }
    findings.data = { pagePath: app.pagePath, results };
    findings.tables.push({
      title: 'Per history size (frames: rAF deltas while wheeling to the top)',
      columns: [
        'messages',
        'select→newest painted',
        'of which: newest page in store',
        'reached top',
        'loaded',
        'scroll s',
        'frames',
        `> 16.7 ms`,
        '> 50 ms',
        'p50 frame',
        'p95 frame',
        'worst frame',
        'elements at open (deep)',
        'elements at end (own root)',
        'elements at end (deep)',
        'messages in DOM',
        'document nodes',
        'JS heap (after GC)',
      ],
      rows: results.map((r) => [
        r.size,
        ms(r.paintMs),
        ms(r.storedMs),
        r.reachedTop ? 'yes' : 'no',
        r.loaded,
        r.scrollSeconds,
        r.frames,
        r.framesOver16,
        r.framesOver50,
        r.p50FrameMs,
        r.p95FrameMs,
        r.worstFrameMs,
        r.openElementsDeep,
        r.timelineElements,
        r.timelineElementsDeep,
        r.renderedMessages,
        r.documentNodes,
        mib(r.heapUsedBytes),
      ]),
    });
    const first = results[0];
    const last = results[results.length - 1];
    if (first && last && first !== last) {
      findings.tables.push({
        title: `Growth from ${first.size.toLocaleString('en-US')} to ${last.size.toLocaleString('en-US')} messages`,
        columns: ['figure', String(first.size), String(last.size), 'growth'],
        rows: [
          [
            'select → newest painted (ms)',
            first.paintMs,
            last.paintMs,
            growth(first.paintMs, last.paintMs),
          ],
          [
            'p95 frame (ms)',
            first.p95FrameMs,
            last.p95FrameMs,
            growth(first.p95FrameMs, last.p95FrameMs),
          ],
          [
            'frames > 16.7 ms',
            first.framesOver16,
            last.framesOver16,
            growth(first.framesOver16, last.framesOver16),
          ],
          [
            'timeline elements at open (incl. message shadow)',
            first.openElementsDeep,
            last.openElementsDeep,
            growth(first.openElementsDeep, last.openElementsDeep),
          ],
          [
            'timeline elements at end (incl. message shadow)',
            first.timelineElementsDeep,
            last.timelineElementsDeep,
            growth(first.timelineElementsDeep, last.timelineElementsDeep),
          ],
          [
            'JS heap after GC (MiB)',
            first.heapUsedBytes === null ? null : first.heapUsedBytes / 1024 ** 2,
            last.heapUsedBytes === null ? null : last.heapUsedBytes / 1024 ** 2,
            growth(first.heapUsedBytes, last.heapUsedBytes),
          ],
        ],
      });
    }
    for (const r of results) {
      const label = r.size.toLocaleString('en-US');
      findings.checks.push(
        check(
          `newest page painted ≤ 150 ms after selection (${label})`,
          ms(r.paintMs),
          r.paintMs !== null && r.paintMs <= PAINT_BUDGET_MS,
        ),
      );
      findings.checks.push(
        check(
          `no frame over 50 ms while scrolling (${label})`,
          `${r.framesOver50} over, worst ${ms(r.worstFrameMs)}`,
          r.framesOver50 === 0,
        ),
      );
      findings.checks.push(
        check(
          `p95 frame ≤ 16.7 ms while scrolling (${label})`,
          ms(r.p95FrameMs),
          r.p95FrameMs !== null && r.p95FrameMs <= FRAME_MS + 0.5,
        ),
      );
      if (!r.reachedTop)
        findings.notes.push(
          `${label}: the scroll stopped at its time cap (${r.scrollSeconds.toFixed(0)} s) with ${r.loaded} of ${label} messages loaded; figures are at that point.`,
        );
    }
    const withNodes = results.filter((r) => r.openElementsDeep !== null);
    if (withNodes.length >= 2) {
      // Compared at the same place (the newest page): at the end the position differs (the top of 1,000 vs wherever the cap stopped).
      const counts = withNodes.map((r) => r.openElementsDeep as number);
      const min = Math.min(...counts);
      const max = Math.max(...counts);
      // "Independent of history size": within 25% from the smallest to the largest history.
      findings.checks.push(
        check(
          'timeline DOM nodes independent of history size (at the newest page)',
          `${min}–${max} elements`,
          max <= min * 1.25,
        ),
      );
    }
    findings.notes.push(
      'Element counts: "own root" is the timeline\'s shadow root alone; "deep" adds every nested shadow root (each message\'s own).',
    );
    findings.notes.push(
      `Frames "> 16.7 ms" count rAF deltas over ${MISSED_FRAME_MS} ms (a missed vsync); p95 passes at ≤ 17.2 ms (rAF jitter).`,
    );
    return findings;
  },
};
