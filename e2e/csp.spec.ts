/**
 * Strict CSP (issue 9, item 4). The built demo and a host page that embeds
 * the launcher from the classic-script CDN build are served under
 * `default-src 'self'; script-src 'self'; style-src 'self'` plus the local
 * server's origins, and a user goes through the common paths. No CSP
 * violation may be reported (inline `style="…"` attributes and injected
 * `<style>` elements are the usual offenders; CSSOM and constructable
 * stylesheets are allowed).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeDemoPng } from '../server/seed/png.js';
import { buildCdn, buildDemo, type Build } from './support/faults/builds.js';
import { collectViolations, strictCsp, summarize, type Violation } from './support/faults/csp.js';
import { composer, openConversation, openDemo } from './support/faults/demo-page.js';
import { LocalServer } from './support/faults/local-server.js';
import { startStaticServer, type StaticServer } from './support/faults/static-server.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

let api: LocalServer | null = null;
let demoBuild: Build | null = null;
let cdnBuild: Build | null = null;
let site: StaticServer | null = null;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  api = await LocalServer.start();
  [demoBuild, cdnBuild] = await Promise.all([buildDemo(), buildCdn()]);
  const launcherPage = readFileSync(here('csp/launcher.html'), 'utf8').replaceAll(
    '%API_URL%',
    api.url,
  );
  site = await startStaticServer({
    roots: [
      { dir: cdnBuild.dir, prefix: '/cdn' },
      { dir: here('csp'), prefix: '' },
      { dir: demoBuild.dir, prefix: '' },
    ],
    pages: { '/launcher.html': launcherPage },
    headers: { 'Content-Security-Policy': strictCsp(api.url) },
  });
});

test.afterAll(async () => {
  await site?.close();
  demoBuild?.remove();
  cdnBuild?.remove();
  await api?.stop();
});

function world(): { api: LocalServer; site: StaticServer } {
  if (!api || !site) throw new Error('beforeAll did not run');
  return { api, site };
}

/** Waits a moment for late violations (lazy chunks, images) before reading them. */
async function settledViolations(page: Page, read: () => Promise<Violation[]>): Promise<string[]> {
  await page.waitForTimeout(500);
  return summarize(await read());
}

test('the demo app runs under a strict CSP: inbox, conversation, send, upload, emoji picker, thread', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { api, site } = world();
  const violations = await collectViolations(page);
  const response = await page.request.get(`${site.url}/`);
  expect(response.headers()['content-security-policy'], 'the page is served under the policy').toBe(
    strictCsp(api.url),
  );

  await openDemo(page, 'alice', api.url, site.url);
  await openConversation(page, /Bob Chen/);
  const line = `under CSP ${Date.now()}`;
  await composer(page).fill(line);
  await composer(page).press('Enter');
  await expect(
    page.locator('poolse-conversation poolse-message[status="sent"]').filter({ hasText: line }),
  ).toHaveCount(1);

  // An image through the attach button: a blob: thumbnail, a progress bar, then an image in the timeline.
  const tools = page.locator('poolse-conversation [part="composer"] poolse-composer');
  const chooser = page.waitForEvent('filechooser');
  await tools.getByRole('button', { name: 'Attach files' }).click();
  await (
    await chooser
  ).setFiles({ name: 'terrace.png', mimeType: 'image/png', buffer: makeDemoPng() });
  await composer(page).fill('with a picture');
  await composer(page).press('Enter');
  await expect(
    page
      .locator('poolse-conversation poolse-message[status="sent"]')
      .filter({ hasText: 'with a picture' })
      .locator('[part="image"]'),
  ).toBeVisible();

  await tools.getByRole('button', { name: 'Insert emoji' }).click();
  const picker = page.getByRole('dialog', { name: 'Emoji picker' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('tab').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();

  await openConversation(page, /Lisbon offsite/);
  // By keyboard, like a keyboard user: the timeline keeps itself at the bottom, so a
  // pointer aimed at a row higher up can land on whatever scrolled there meanwhile.
  const replies = page.locator('poolse-conversation poolse-message [part="replies"]').last();
  await replies.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'Thread' })).toBeVisible();

  expect(await settledViolations(page, violations), 'no CSP violation').toEqual([]);
});

test('the CDN launcher runs under a strict CSP on a page with a hostile global reset', async ({
  page,
}) => {
  const { site } = world();
  const violations = await collectViolations(page);
  await page.goto(`${site.url}/launcher.html`);
  // The host's reset is in force (a heading is as plain as a span).
  expect(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).display)).toBe('inline');
  const bubble = page.getByRole('button', { name: /^Open chat/ });
  await expect(bubble).toBeVisible();
  await bubble.click();
  const panel = page.getByRole('dialog', { name: 'Chat' });
  await expect(panel).toBeVisible();
  await panel
    .getByRole('listbox', { name: 'Conversations' })
    .getByRole('option', { name: /bob/i })
    .first()
    .click();
  const box = panel.getByRole('combobox', { name: 'Message' });
  const line = `launcher under CSP ${Date.now()}`;
  await box.fill(line);
  await box.press('Enter');
  await expect(
    panel.locator('poolse-message[status="sent"]').filter({ hasText: line }),
  ).toHaveCount(1);
  expect(await settledViolations(page, violations), 'no CSP violation').toEqual([]);
});
