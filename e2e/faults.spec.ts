/**
 * Network faults during a steady exchange (issue 9, item 1). Alice and Bob
 * write to each other through the composer every ~200 ms while, in turn, the
 * sockets are dropped, the server is killed and started again on the same
 * data, a page goes offline for a while, and the server answers 500/429 to a
 * share of writes. Afterwards both screens and the database hold every
 * message exactly once, in sequence order, and nothing is left pending or
 * failed. `FAULTS=300` (the soak) runs a long version.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  drawnRowsOf,
  openConversation,
  openDemo,
  readWholeTimeline,
} from './support/faults/demo-page.js';
import { useBuiltDemo } from './support/faults/built-demo.js';
import { Exchange } from './support/faults/exchange.js';
import { DEMO_API_KEY, LocalServer } from './support/faults/local-server.js';
import { RestUser } from './support/faults/rest.js';
import { settle } from './support/faults/settle.js';
import { WriteFaults } from './support/faults/write-faults.js';

const FAULTS = Math.max(1, Number(process.env.FAULTS ?? 20) || 20);
type FaultKind = 'drop-sockets' | 'server-errors' | 'offline' | 'kill-restart';
const KINDS: readonly FaultKind[] = ['drop-sockets', 'server-errors', 'offline', 'kill-restart'];

test.use({ viewport: { width: 1280, height: 1200 } });

// The built demo, not the dev server: Vite's dev client reloads the page when
// its own socket comes back after the page was offline.
const demo = useBuiltDemo();

test(`${FAULTS} faults during a steady exchange: nothing lost, nothing doubled, in order`, async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000 + FAULTS * 6_000);
  const server = await LocalServer.start();
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const faults = new WriteFaults(server.url);
  const survived: Record<FaultKind, number> = {
    'drop-sockets': 0,
    'server-errors': 0,
    offline: 0,
    'kill-restart': 0,
  };
  try {
    const aliceRest = await RestUser.of(server.url, 'alice');
    const direct = await aliceRest.directWith('bob');
    const baseline = direct.last_sequence;

    const alice = await aliceContext.newPage();
    const bob = await bobContext.newPage();
    await faults.install(aliceContext);
    await faults.install(bobContext);
    const appUrl = demo.url();
    await openDemo(alice, 'alice', server.url, appUrl);
    await openDemo(bob, 'bob', server.url, appUrl);
    await openConversation(alice, /Bob Chen/);
    await openConversation(bob, /Alice Martin/);

    const exchange = new Exchange(`f${Date.now().toString(36)}`);
    exchange.start(alice, 'a');
    exchange.start(bob, 'b');
    const pages: Page[] = [alice, bob];
    const contexts = [aliceContext, bobContext];

    for (let i = 0; i < FAULTS; i += 1) {
      const kind = KINDS[i % KINDS.length]!;
      switch (kind) {
        case 'drop-sockets': {
          const response = await fetch(`${server.url}/_test/drop-sockets`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
          });
          expect(response.status, 'the test route drops the sockets').toBe(204);
          await alice.waitForTimeout(800);
          break;
        }
        case 'server-errors':
          faults.set({ error500: 0.2, error429: 0.15 });
          await alice.waitForTimeout(2_500);
          faults.set({ error500: 0, error429: 0 });
          break;
        case 'offline': {
          // Alice, Bob, then both at once, in turn.
          const round = Math.floor(i / KINDS.length) % 3;
          const offline = round === 2 ? contexts : [contexts[round]!];
          for (const context of offline) await context.setOffline(true);
          await alice.waitForTimeout(2_500);
          for (const context of offline) await context.setOffline(false);
          break;
        }
        case 'kill-restart':
          // Every other time the server stays away longer than the SDK's retries last.
          await server.killAndRestart(Math.floor(i / KINDS.length) % 2 === 0 ? 300 : 2_500);
          await alice.waitForTimeout(800);
          break;
      }
      survived[kind] += 1;
    }
    await exchange.stop();

    // Recovery: the network is back; a user clicks Retry on what failed for good.
    const settled = await Promise.all(pages.map((page) => settle(page, 45_000)));
    const retryClicks = settled.reduce((sum, s) => sum + s.retryClicks, 0);

    // The database: every line the composers took, exactly once, with gapless sequences.
    const stored = await aliceRest.messagesAfter(direct.id, baseline);
    const bodies = stored.map((m) => m.body ?? '');
    const attempted = new Set([...exchange.accepted, ...exchange.refused]);
    const count = (list: readonly string[]) =>
      list.reduce((map, b) => map.set(b, (map.get(b) ?? 0) + 1), new Map<string, number>());
    const storedCounts = count(bodies);
    const missing = exchange.accepted.filter((line) => !storedCounts.has(line));
    const doubled = [...storedCounts].filter(([, n]) => n > 1).map(([line]) => line);
    const strangers = bodies.filter((b) => !attempted.has(b));
    expect(missing, 'no accepted message is lost').toEqual([]);
    expect(doubled, 'no message is stored twice').toEqual([]);
    expect(strangers, 'nothing but what was written is stored').toEqual([]);
    expect(stored.map((m) => m.sequence)).toEqual(stored.map((_, i) => baseline + i + 1));
    // Each writer's own lines keep the order they were written in.
    for (const label of ['a', 'b']) {
      const mine = bodies.filter((b) => b.split('-')[1] === label);
      expect(mine, `writer ${label}'s lines are stored in the order written`).toEqual(
        [...mine].sort(),
      );
    }

    // Both screens: every stored message once, in sequence order, all sent.
    const expectedOrder = stored.map((m) => m.body);
    for (const page of pages) {
      const rows = [...(await readWholeTimeline(page, 400 + FAULTS * 10)).values()];
      const unsent = rows.filter((r) => r.status !== 'sent');
      expect(unsent, 'nothing is left pending or failed on screen').toEqual([]);
      const ours = rows
        .filter((r) => attempted.has(r.body))
        .sort((a, b) => a.sequence - b.sequence);
      expect(
        ours.map((r) => r.body),
        'the screen shows each message once, in the stored order',
      ).toEqual(expectedOrder);
      expect(ours.map((r) => r.sequence)).toEqual(stored.map((m) => m.sequence));
    }
    // A last look at the live rows: still in order after reading back.
    for (const page of pages) {
      const rows = await drawnRowsOf(page);
      expect(rows.map((r) => r.sequence)).toEqual(
        [...rows.map((r) => r.sequence)].sort((a, b) => a - b),
      );
    }

    const figures = {
      faults: FAULTS,
      survived,
      restarts: server.restarts,
      messages: stored.length,
      accepted: exchange.accepted.length,
      refusedByComposer: exchange.refused.length,
      injected: faults.counts,
      retryClicks,
      lost: missing.length,
      doubled: doubled.length,
    };
    await testInfo.attach('fault-figures', {
      body: JSON.stringify(figures, null, 2),
      contentType: 'application/json',
    });
    console.log(`[faults] ${JSON.stringify(figures)}`);
    expect(
      settled.every((s) => s.settled),
      'both pages settle with nothing pending',
    ).toBe(true);
  } finally {
    await faults.uninstall();
    await aliceContext.close();
    await bobContext.close();
    await server.stop();
  }
});
