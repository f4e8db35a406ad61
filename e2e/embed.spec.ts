/**
 * The two-line CDN snippet without a token endpoint, in Chromium, under the
 * strict CSP of `csp.spec.ts`: with `data-user-id` and `data-user-hash` the
 * chat opens as that verified user; without them as a visitor, who keeps
 * their conversation across reloads and brings it along when they sign in.
 */
import { expect, test, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_TENANT_ID } from '../server/seed/demo-seed.js';
import type {
  Conversation,
  IdentitySecretInfo,
  IdentityTokenResponse,
  Message,
} from '../src/sdk/types.js';
import { buildCdn, type Build } from './support/faults/builds.js';
import { collectViolations, strictCsp, summarize } from './support/faults/csp.js';
import { DEMO_API_KEY, LocalServer } from './support/faults/local-server.js';
import { startStaticServer, type StaticServer } from './support/faults/static-server.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

let api: LocalServer | null = null;
let cdnBuild: Build | null = null;
let site: StaticServer | null = null;

async function backend<T>(apiUrl: string, method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${apiUrl}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** What the server says a user sees: their conversations and each one's messages. */
async function seenBy(apiUrl: string, externalId: string) {
  const { token } = await backend<{ token: string }>(
    apiUrl,
    'POST',
    `/users/${externalId}/tokens`,
    {},
  );
  const get = async <T>(path: string) =>
    (await (
      await fetch(`${apiUrl}/v1${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as T;
  const conversations = (await get<{ data: Conversation[] }>('/conversations')).data;
  return {
    conversations,
    messages: async (conversationId: string) =>
      (await get<{ data: Message[] }>(`/conversations/${conversationId}/messages`)).data,
  };
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  api = await LocalServer.start();
  cdnBuild = await buildCdn();
  // The site owner's set-up, through the API-key routes.
  const secret = (await backend<IdentitySecretInfo>(api.url, 'POST', '/identity-secrets', {}))
    .secret;
  await backend(api.url, 'PATCH', '/tenant/settings', {
    visitors_enabled: true,
    support_name: 'Help desk',
    support_team_external_ids: ['alice'],
  });
  const fill = (template: string, user?: { id: string; name: string }) =>
    template
      .replaceAll('%API_URL%', api?.url ?? '')
      .replaceAll('%TENANT_ID%', DEMO_TENANT_ID)
      .replaceAll('%USER_ID%', user?.id ?? '')
      .replaceAll('%USER_NAME%', user?.name ?? '')
      // What the site's backend computes: one line in the README's server section.
      .replaceAll(
        '%USER_HASH%',
        user ? createHmac('sha256', secret).update(user.id).digest('hex') : '',
      );
  const identified = readFileSync(here('csp/identified.html'), 'utf8');
  site = await startStaticServer({
    roots: [
      { dir: cdnBuild.dir, prefix: '/cdn' },
      { dir: here('csp'), prefix: '' },
    ],
    pages: {
      '/as-carol.html': fill(identified, { id: 'carol', name: 'Carol Diaz' }),
      '/as-dave.html': fill(identified, { id: 'dave', name: 'Dave Okafor' }),
      '/as-visitor.html': fill(readFileSync(here('csp/visitor.html'), 'utf8')),
    },
    headers: { 'Content-Security-Policy': strictCsp(api.url) },
  });
});

test.afterAll(async () => {
  await site?.close();
  cdnBuild?.remove();
  await api?.stop();
});

function world(): { api: LocalServer; site: StaticServer } {
  if (!api || !site) throw new Error('beforeAll did not run');
  return { api, site };
}

async function openPanel(page: Page) {
  await page.getByRole('button', { name: /^Open chat/ }).click();
  const panel = page.getByRole('dialog', { name: 'Chat' });
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * Opens the page and the chat (the closed launcher signs in only when it
 * opens) and waits for the snippet's sign-in call; answers its body.
 */
async function openSite(page: Page, url: string, route: 'verify' | 'visitor') {
  const signIn = page.waitForResponse((r) => r.url().endsWith(`/v1/auth/${route}`));
  await page.goto(url);
  const panel = await openPanel(page);
  const response = await signIn;
  expect(response.ok(), `POST /v1/auth/${route} answered ${response.status()}`).toBe(true);
  return { answer: (await response.json()) as IdentityTokenResponse, panel };
}

async function sendLine(page: Page, line: string) {
  const panel = page.getByRole('dialog', { name: 'Chat' });
  const box = panel.getByRole('combobox', { name: 'Message' });
  await box.fill(line);
  await box.press('Enter');
  await expect(
    panel.locator('poolse-message[status="sent"]').filter({ hasText: line }),
  ).toHaveCount(1);
}

test('data-user-id and data-user-hash open the chat as that verified user', async ({ page }) => {
  const { api, site } = world();
  const violations = await collectViolations(page);
  const { answer: signedIn, panel } = await openSite(page, `${site.url}/as-carol.html`, 'verify');
  expect(signedIn.user.external_id).toBe('carol');
  expect(signedIn.user.display_name).toBe('Carol Diaz');

  const inbox = panel.getByRole('listbox', { name: 'Conversations' });
  const carolSees = await seenBy(api.url, 'carol');
  expect(carolSees.conversations.length, 'the demo gives carol conversations').toBeGreaterThan(0);
  // The inbox is carol's: each of her conversations has its row.
  await expect(inbox.getByRole('option')).toHaveCount(carolSees.conversations.length);
  await inbox.getByRole('option').first().click();
  const line = `verified ${Date.now()}`;
  await sendLine(page, line);

  const again = await seenBy(api.url, 'carol');
  const sent = (await Promise.all(again.conversations.map((c) => again.messages(c.id))))
    .flat()
    .find((m) => m.body === line);
  expect(sent?.sender_external_id, 'the server saw carol send it').toBe('carol');
  await page.waitForTimeout(300);
  expect(summarize(await violations()), 'no CSP violation').toEqual([]);
});

test('without an identity the chat opens as a visitor, who keeps the conversation and brings it along on sign-in', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { api, site } = world();
  const violations = await collectViolations(page);
  const opened = await openSite(page, `${site.url}/as-visitor.html`, 'visitor');
  const visitor = opened.answer;
  let panel = opened.panel;
  expect(visitor.user.is_visitor).toBe(true);

  const inbox = () => panel.getByRole('listbox', { name: 'Conversations' });
  await expect(inbox().getByRole('option')).toHaveCount(1);
  await inbox()
    .getByRole('option', { name: /Help desk/ })
    .click();
  const question = `visitor question ${Date.now()}`;
  await sendLine(page, question);

  // The team sees it.
  const alice = await seenBy(api.url, 'alice');
  const support = alice.conversations.find((c) => c.id === visitor.support_conversation_id);
  expect(support?.name).toBe('Help desk');
  const inSupport = await alice.messages(visitor.support_conversation_id ?? '');
  expect(inSupport.find((m) => m.body === question)?.sender_external_id).toBe(
    visitor.user.external_id,
  );

  // A reload comes back as the same visitor (the browser kept the credentials).
  const back = await openSite(page, `${site.url}/as-visitor.html`, 'visitor');
  expect(back.answer.user.id).toBe(visitor.user.id);
  panel = back.panel;
  await inbox()
    .getByRole('option', { name: /Help desk/ })
    .click();
  await expect(panel.locator('poolse-message').filter({ hasText: question })).toHaveCount(1);

  // Signing in on the site merges the visitor into the user, history kept.
  const dave = await openSite(page, `${site.url}/as-dave.html`, 'verify');
  expect(dave.answer.user.external_id).toBe('dave');
  expect(dave.answer.merged_visitor).toBe(true);
  panel = dave.panel;
  await inbox()
    .getByRole('option', { name: /Help desk/ })
    .click();
  await expect(panel.locator('poolse-message').filter({ hasText: question })).toHaveCount(1);
  const daveSees = await seenBy(api.url, 'dave');
  const moved = await daveSees.messages(visitor.support_conversation_id ?? '');
  expect(moved.find((m) => m.body === question)?.sender_external_id).toBe('dave');

  await page.waitForTimeout(300);
  expect(summarize(await violations()), 'no CSP violation').toEqual([]);
});
