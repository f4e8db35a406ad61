/**
 * Each framework demo (demo/frameworks/<name>), built with its own tooling
 * against the packed npm tarball and served as static files, talks to the
 * demo-seeded server that playwright.config.ts starts: the inbox renders,
 * a conversation opens, a message typed into the composer is sent (and is on
 * the server), and the host app receives the elements' events through its
 * framework's own listeners.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { expect, test } from '@playwright/test';
import { FRAMEWORKS, buildFrameworks, outputDir, type Framework } from '../scripts/frameworks.mjs';

/** The API server playwright.config.ts starts (demo seed, dev token route). */
const API_URL = process.env.POOLSE_E2E_API_URL ?? 'http://127.0.0.1:4310';
const GROUP_NAME = 'Lisbon offsite';
/** One of the seeded group conversation's recent messages (in its first page). */
const GROUP_LATEST = 'Reminder: send your dietary requirements to Carol by Friday.';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a built app's folder on a free port; unknown paths get index.html (as a host would). */
async function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file = resolve(join(base, pathname));
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403).end();
        return;
      }
      const found = await stat(file).catch(() => null);
      if (!found || found.isDirectory()) file = join(base, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Bodies of a conversation's newest messages, as another member reads them from the API. */
async function bodiesOnServer(conversationId: string): Promise<string[]> {
  const tokenResponse = await fetch(`${API_URL}/demo/token?external_id=bob`, { method: 'POST' });
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await fetch(`${API_URL}/v1/conversations/${conversationId}/messages?limit=20`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { data } = (await response.json()) as { data: Array<{ body: string | null }> };
  return data.map((message) => message.body ?? '');
}

const apps = new Map<Framework, { url: string; server: Server }>();

test.beforeAll(async () => {
  // First run: four npm installs and builds (minutes); later runs skip what is up to date.
  test.setTimeout(15 * 60_000);
  const timings = buildFrameworks(FRAMEWORKS, { log: (line) => console.log(line) });
  console.log(`framework demos ready in ${(timings.total / 1000).toFixed(1)} s`, timings);
  for (const name of FRAMEWORKS) apps.set(name, await serveStatic(outputDir(name)));
});

test.afterAll(async () => {
  await Promise.all(
    [...apps.values()].map(({ server }) => new Promise((done) => server.close(done))),
  );
  apps.clear();
});

for (const name of FRAMEWORKS) {
  test(`${name}: inbox, conversation, sending, and the host hears the events`, async ({ page }) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const app = apps.get(name);
    if (!app) throw new Error(`${name} is not being served`);
    await page.goto(`${app.url}/?api=${encodeURIComponent(API_URL)}&user=alice`);

    // The inbox renders the demo conversations.
    const inbox = page.locator('poolse-inbox');
    const group = inbox.getByRole('option', { name: new RegExp(GROUP_NAME) });
    await expect(group).toBeVisible();
    expect(await inbox.getByRole('option').count()).toBeGreaterThanOrEqual(2);

    // Selecting one shows its messages, and the host heard the selection.
    await group.click();
    const conversationId = await group.getAttribute('data-id');
    expect(conversationId).toBeTruthy();
    const conversation = page.locator('poolse-conversation');
    await expect(conversation.locator('[part="title"]')).toHaveText(GROUP_NAME);
    await expect(conversation.getByText(GROUP_LATEST)).toBeVisible();
    await expect(
      page.locator('[data-host-event]', { hasText: 'poolse-conversation-select' }),
    ).toHaveText(`poolse-conversation-select: ${conversationId}`);

    // Typing and pressing Enter sends: the message shows in the timeline and reaches the server.
    const text = `Hello from the ${name} demo ${Date.now()}`;
    const composer = conversation.locator('poolse-composer textarea');
    await expect(composer).toBeEnabled();
    await composer.fill(text);
    await composer.press('Enter');
    await expect(conversation.locator('poolse-timeline').getByText(text)).toBeVisible();
    await expect(composer).toHaveValue('');
    await expect(page.locator('[data-host-event]', { hasText: 'poolse-message-send' })).toHaveText(
      `poolse-message-send: ${text}`,
    );
    await expect.poll(() => bodiesOnServer(conversationId ?? '')).toContain(text);

    // The host's own state reaches the element as a property (the provider reflects `theme`).
    const provider = page.locator('poolse-provider');
    await expect(provider).toHaveAttribute('theme', 'light');
    await page.locator('[data-host-theme]').click();
    await expect(provider).toHaveAttribute('theme', 'dark');

    expect(pageErrors).toEqual([]);
  });
}
