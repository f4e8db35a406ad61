/**
 * Makes "the server" answer 500 or 429 to a share of message writes, as the
 * browser sees it: the page's requests are intercepted (the server itself
 * needs no fault switch). Half of the 500s are sent after the real request
 * went through, like a proxy failing on the way back: the message is stored
 * but the client never hears so, and must not double it when it resends.
 */
import type { BrowserContext, Request, Route } from '@playwright/test';

export interface WriteFaultShares {
  /** Share of writes answered 500 (0..1). */
  error500: number;
  /** Share of writes answered 429 with `Retry-After: 1` (0..1). */
  error429: number;
}

export interface WriteFaultCounts {
  error500: number;
  error500AfterCommit: number;
  error429: number;
  passed: number;
}

function envelope(code: string, message: string, apiUrl: string): string {
  return JSON.stringify({ error: { code, message, doc_url: `${apiUrl}/docs/errors#${code}` } });
}

function isMessageWrite(request: Request): boolean {
  return (
    request.method() === 'POST' &&
    /\/v1\/conversations\/[^/]+\/messages$/.test(new URL(request.url()).pathname)
  );
}

/**
 * Intercepts message writes of every page of `context` towards `apiUrl`.
 * `random` is injectable so a failing run can be replayed.
 */
export class WriteFaults {
  readonly counts: WriteFaultCounts = {
    error500: 0,
    error500AfterCommit: 0,
    error429: 0,
    passed: 0,
  };
  private shares: WriteFaultShares = { error500: 0, error429: 0 };
  private readonly installed = new Set<BrowserContext>();

  constructor(
    private readonly apiUrl: string,
    private readonly random: () => number = Math.random,
  ) {}

  async install(context: BrowserContext): Promise<void> {
    if (this.installed.has(context)) return;
    this.installed.add(context);
    await context.route(
      (url) => url.href.startsWith(`${this.apiUrl}/v1/`),
      (route) => this.handle(route),
    );
  }

  /** From now on, answer these shares of writes with errors (both 0: everything passes). */
  set(shares: WriteFaultShares): void {
    this.shares = shares;
  }

  async uninstall(): Promise<void> {
    for (const context of this.installed) await context.unrouteAll({ behavior: 'ignoreErrors' });
    this.installed.clear();
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    if (!isMessageWrite(request)) return route.fallback();
    const roll = this.random();
    const cors = {
      'Access-Control-Allow-Origin': request.headers()['origin'] ?? '*',
      'Access-Control-Expose-Headers': 'Retry-After',
      'Content-Type': 'application/json',
    };
    if (roll < this.shares.error500) {
      // The first half of the 500 band lets the write through first.
      if (roll < this.shares.error500 / 2) {
        try {
          await route.fetch();
          this.counts.error500AfterCommit += 1;
        } catch {
          // The server is down right now: a plain 500 then.
        }
      }
      this.counts.error500 += 1;
      return route.fulfill({
        status: 500,
        headers: cors,
        body: envelope('internal', 'Injected failure.', this.apiUrl),
      });
    }
    if (roll < this.shares.error500 + this.shares.error429) {
      this.counts.error429 += 1;
      return route.fulfill({
        status: 429,
        headers: { ...cors, 'Retry-After': '1' },
        body: envelope('rate_limited', 'Injected rate limit.', this.apiUrl),
      });
    }
    this.counts.passed += 1;
    return route.fallback();
  }
}
