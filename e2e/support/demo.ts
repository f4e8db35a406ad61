/**
 * Helpers for driving the demo app (`index.html`) as a demo user. They find
 * things the way a user does: by role, label and `part`, never by an
 * element's internal class names, so the elements can change inside.
 */
import {
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';

/** The local server the Playwright config starts (see `playwright.config.ts`). */
export const API_URL = process.env.POOLSE_E2E_API_URL ?? 'http://127.0.0.1:4310';

export interface DemoSession {
  context: BrowserContext;
  page: Page;
  user: string;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  acceptDownloads?: boolean;
}

/** Opens the demo as `user` in a browser context of its own and waits until the inbox has loaded. */
export async function openDemoAs(
  browser: Browser,
  user: string,
  options: OpenOptions = {},
): Promise<DemoSession> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  await page.goto(`/?user=${encodeURIComponent(user)}`);
  await expect(inboxList(page)).toBeVisible();
  return { context, page, user };
}

/** The inbox's listbox of conversations. */
export function inboxList(page: Page): Locator {
  return page.locator('poolse-inbox').getByRole('listbox', { name: 'Conversations' });
}

/**
 * The inbox row whose name is exactly `name`. Found by CSS rather than by
 * role so it still resolves while the inbox pane is hidden (phone width).
 */
export function inboxRow(page: Page, name: string): Locator {
  return page.locator('poolse-inbox [role="option"]').filter({
    has: page.locator('[part~="name"]', {
      hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`),
    }),
  });
}

/** The conversation pane. */
export function conversationPane(page: Page): Locator {
  return page.locator('poolse-conversation');
}

/** The conversation header (name, members, presence). */
export function conversationHeader(page: Page): Locator {
  return conversationPane(page).locator('[part~="header"]').first();
}

/** The main timeline (`role="log"`, "Messages"), not the thread panel's. */
export function timeline(page: Page): Locator {
  return conversationPane(page).locator('poolse-timeline').getByRole('log');
}

/** A message of the main timeline holding `text`. */
export function timelineMessage(page: Page, text: string | RegExp): Locator {
  return timeline(page).locator('poolse-message').filter({ hasText: text });
}

/** The conversation's own composer (not the thread panel's). */
export function mainComposer(page: Page): Locator {
  return conversationPane(page).locator('poolse-composer:not([thread-root-id])');
}

/** The text area of a composer. */
export function composerInput(composer: Locator): Locator {
  return composer.getByRole('combobox', { name: 'Message' });
}

/** The thread panel. */
export function threadPanel(page: Page): Locator {
  return conversationPane(page).locator('poolse-thread');
}

/** Types `text` into a composer and sends it with Enter, as a user would. */
export async function sendWithEnter(composer: Locator, text: string): Promise<void> {
  const input = composerInput(composer);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

/** Opens (selects) a conversation from the inbox by clicking its row, and waits for its timeline. */
export async function openConversation(page: Page, name: string): Promise<void> {
  const row = inboxRow(page, name);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(conversationPane(page).getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(timeline(page)).toBeVisible();
}

/** A name unique to this test run, so specs never see each other's conversations. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
