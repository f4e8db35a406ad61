/**
 * Watches a page for the signs of injected content doing something: a
 * dialog, the trap global `window.__pwned` being set, or a request (or
 * socket) to an origin other than the app's and the API's.
 */
import type { Page } from '@playwright/test';

export interface PageGuard {
  dialogs: string[];
  /** Uncaught errors in the page (bad data must never break rendering). */
  pageErrors: string[];
  strayRequests: string[];
  /** Whether `window.__pwned` is set in the page now. */
  pwned(): Promise<boolean>;
}

export function guardPage(page: Page, allowedOrigins: readonly string[]): PageGuard {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).host));
  const guard: PageGuard = {
    dialogs: [],
    pageErrors: [],
    strayRequests: [],
    pwned: () =>
      page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined),
  };
  page.on('pageerror', (error) => guard.pageErrors.push(error.message.slice(0, 300)));
  page.on('dialog', (dialog) => {
    guard.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  const check = (url: string): void => {
    let host: string | null = null;
    try {
      const parsed = new URL(url);
      host =
        parsed.protocol === 'http:' ||
        parsed.protocol === 'https:' ||
        parsed.protocol === 'ws:' ||
        parsed.protocol === 'wss:'
          ? parsed.host
          : null;
    } catch {
      host = null;
    }
    if (host === null || !allowed.has(host)) guard.strayRequests.push(url.slice(0, 200));
  };
  page.on('request', (request) => check(request.url()));
  page.on('websocket', (socket) => check(socket.url()));
  // Popups and new windows count as leaving too.
  page.on('popup', (popup) => guard.strayRequests.push(`popup: ${popup.url()}`));
  return guard;
}
