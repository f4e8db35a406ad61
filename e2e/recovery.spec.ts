/**
 * Recovery without a click, and the offline-first reload: the server dies in
 * the middle of a burst and the page is reloaded while it is down; the
 * browser goes offline for 30 s; a reload with the server unreachable paints
 * the cached inbox and conversation at once; and another user on the same
 * page never sees the first user's data. Nobody clicks Retry.
 */
import { expect, test, type Page } from '@playwright/test';
import { timelineMessage } from './support/demo.js';
import { useBuiltDemo } from './support/faults/built-demo.js';
import {
  composer,
  openConversation,
  openDemo,
  sendThroughComposer,
} from './support/faults/demo-page.js';
import { LocalServer } from './support/faults/local-server.js';
import { RestUser } from './support/faults/rest.js';

const demo = useBuiltDemo();
const RECOVERY_MS = 10_000;

function inboxRows(page: Page) {
  return page.getByRole('listbox', { name: 'Conversations' }).getByRole('option');
}

async function expectStoredOnce(
  rest: RestUser,
  conversationId: string,
  baseline: number,
  lines: readonly string[],
  timeoutMs: number,
): Promise<void> {
  await expect
    .poll(async () => (await rest.messagesAfter(conversationId, baseline)).map((m) => m.body), {
      timeout: timeoutMs,
      message: 'every message stored exactly once, in the order written',
    })
    .toEqual(lines);
}

test('the server dies during a burst and the page reloads while it is down: back within 10 s, once each, in order', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const server = await LocalServer.start();
  const context = await browser.newContext();
  try {
    const rest = await RestUser.of(server.url, 'alice');
    const direct = await rest.directWith('bob');
    const page = await context.newPage();
    await openDemo(page, 'alice', server.url, demo.url());
    await openConversation(page, /Bob Chen/);
    const run = Date.now().toString(36);
    const lines = Array.from(
      { length: 12 },
      (_, i) => `burst ${run} ${String(i).padStart(2, '0')}`,
    );

    for (const line of lines.slice(0, 4)) expect(await sendThroughComposer(page, line)).toBe(true);
    await server.crash();
    for (const line of lines.slice(4)) expect(await sendThroughComposer(page, line)).toBe(true);
    await page.reload();
    // The cached inbox and conversation are there although the server is not.
    await expect(inboxRows(page).first()).toBeVisible();
    await expect(timelineMessage(page, lines[11]!)).toBeVisible();

    await server.restart();
    const back = Date.now();
    await expect(inboxRows(page).first()).toBeVisible({ timeout: RECOVERY_MS });
    await expectStoredOnce(rest, direct.id, direct.last_sequence, lines, RECOVERY_MS);
    for (const line of lines) {
      await expect(timelineMessage(page, line)).toHaveCount(1, {
        timeout: Math.max(1000, RECOVERY_MS - (Date.now() - back)),
      });
    }
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the browser is offline for 30 s during a burst: everything arrives once, in order, without a click', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const server = await LocalServer.start();
  const context = await browser.newContext();
  try {
    const rest = await RestUser.of(server.url, 'alice');
    const direct = await rest.directWith('bob');
    const page = await context.newPage();
    await openDemo(page, 'alice', server.url, demo.url());
    await openConversation(page, /Bob Chen/);
    const run = Date.now().toString(36);
    const lines = Array.from(
      { length: 12 },
      (_, i) => `offline ${run} ${String(i).padStart(2, '0')}`,
    );

    for (const line of lines.slice(0, 4)) expect(await sendThroughComposer(page, line)).toBe(true);
    await context.setOffline(true);
    for (const line of lines.slice(4)) expect(await sendThroughComposer(page, line)).toBe(true);
    await expect(page.locator('poolse-conversation').locator('[part~="banner"]')).toContainText(
      'Offline',
    );
    // Waiting sends say they are queued rather than "Sending…".
    await expect(timelineMessage(page, lines[11]!)).toContainText('Queued');
    await page.waitForTimeout(30_000);
    await context.setOffline(false);
    await expectStoredOnce(rest, direct.id, direct.last_sequence, lines, RECOVERY_MS);
    for (const line of lines) await expect(timelineMessage(page, line)).toHaveCount(1);
    await expect(composer(page)).toBeEditable();
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a reload with the server unreachable paints the cached inbox and conversation; another user sees none of it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const server = await LocalServer.start();
  const context = await browser.newContext();
  try {
    const alice = await RestUser.of(server.url, 'alice');
    const secret = `Alice only ${Date.now().toString(36)}`;
    await alice.request('POST', '/v1/conversations', {
      type: 'group',
      name: secret,
      member_external_ids: ['carol'],
    });
    const page = await context.newPage();
    await openDemo(page, 'alice', server.url, demo.url());
    await expect(inboxRows(page).filter({ hasText: secret })).toHaveCount(1);
    await openConversation(page, /Bob Chen/);
    const lastLine = `cached ${Date.now().toString(36)}`;
    expect(await sendThroughComposer(page, lastLine)).toBe(true);
    await expect(timelineMessage(page, lastLine)).toBeVisible();
    await page.waitForTimeout(1500); // the cache writes a moment after things settle

    await server.crash();
    await page.reload({ waitUntil: 'commit' });
    const paintedAt = (await (
      await page.waitForFunction(
        (text) => {
          const rows = document
            .querySelector('poolse-inbox')
            ?.shadowRoot?.querySelectorAll('[role="option"]').length;
          const timeline = document
            .querySelector('poolse-conversation')
            ?.shadowRoot?.querySelector('[part="timeline"]')?.shadowRoot;
          const shown = [...(timeline?.querySelectorAll('poolse-message') ?? [])].some((m) =>
            m.shadowRoot?.textContent?.includes(text),
          );
          return rows && shown ? performance.now() : false;
        },
        lastLine,
        { polling: 'raf', timeout: 10_000 },
      )
    ).jsonValue()) as number;
    const navigationStart = await page.evaluate(
      () =>
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
          ?.responseEnd ?? 0,
    );
    const paintMs = paintedAt - navigationStart;
    test.info().annotations.push({ type: 'offline paint (ms)', description: paintMs.toFixed(0) });
    // Painted from the cache with no server at all. The 300 ms goal is tracked by the
    // `resilience` bench; on this machine the page itself takes ~2 s to boot before the store starts.
    expect(paintMs, 'painted from the cache, with the server down').toBeLessThan(5000);

    // Bob on the same page (same browser storage): alice's conversations never show, not even for a frame.
    await server.restart();
    await page.addInitScript((text) => {
      const seen = { leaked: false };
      (window as unknown as { __leak: typeof seen }).__leak = seen;
      const look = (): void => {
        const inbox = document.querySelector('poolse-inbox')?.shadowRoot?.textContent ?? '';
        if (inbox.includes(text)) seen.leaked = true;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, secret);
    await openDemo(page, 'bob', server.url, demo.url());
    await expect(inboxRows(page).first()).toBeVisible();
    await page.waitForTimeout(1000);
    expect(
      await page.evaluate(
        () => (window as unknown as { __leak: { leaked: boolean } }).__leak.leaked,
      ),
    ).toBe(false);
    await expect(inboxRows(page).filter({ hasText: secret })).toHaveCount(0);
  } finally {
    await context.close();
    await server.stop();
  }
});
