/**
 * The browser side of the benchmarks: the local server, the built demo, and
 * Chromium, started together and torn down together; and opening the app as
 * one demo user with the probes installed.
 */
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from './chromium.js';
import { startDemoWeb, type DemoWeb } from './demo-web.js';
import { PROBES_SCRIPT } from './page-probes.js';
import { startBenchServer, type BenchServer, type BenchServerOptions } from './server-process.js';

export interface BrowserApp {
  server: BenchServer;
  web: DemoWeb;
  browser: Browser;
  /** `index.html` when it carries `<poolse-conversation>`, else the bench page. */
  pagePath: string;
  notes: string[];
  close(): Promise<void>;
}

const DEMO_PATH = '/';
const BENCH_PATH = '/bench/pages/app.html';

export async function startBrowserApp(serverOptions: BenchServerOptions): Promise<BrowserApp> {
  const server = await startBenchServer({ demo: true, ...serverOptions });
  let web: DemoWeb | null = null;
  let browser: Browser | null = null;
  try {
    web = await startDemoWeb(server.info.url);
    browser = await launchChromium();
    const notes: string[] = [];
    const pagePath = (await demoHasConversation(browser, web.url)) ? DEMO_PATH : BENCH_PATH;
    if (pagePath !== DEMO_PATH) {
      notes.push(
        'index.html has no working <poolse-provider> + <poolse-conversation> yet: measured on bench/pages/app.html (same elements and layout).',
      );
    }
    const [s, w, b] = [server, web, browser];
    return {
      server,
      web,
      browser,
      pagePath,
      notes,
      close: async () => {
        await b.close().catch(() => undefined);
        await w.close();
        await s.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await web?.close();
    await server.close();
    throw error;
  }
}

async function demoHasConversation(browser: Browser, webUrl: string): Promise<boolean> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${webUrl}${DEMO_PATH}?user=alice`, { waitUntil: 'load', timeout: 30_000 });
    return await page
      .waitForFunction(
        () => {
          const provider = document.querySelector('poolse-provider') as
            (Element & { store?: unknown }) | null;
          return Boolean(
            customElements.get('poolse-conversation') &&
            document.querySelector('poolse-conversation') &&
            provider?.store,
          );
        },
        undefined,
        { timeout: 10_000 },
      )
      .then(() => true)
      .catch(() => false);
  } finally {
    await context.close();
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
}

/** A fresh context (own cache and heap) with the app open as `user` and the probes in place. */
export async function openAs(
  app: BrowserApp,
  user: string,
  viewport = { width: 1280, height: 800 },
  /** Extra query parameters of the page (e.g. `&transport=longpoll`). */
  query = '',
): Promise<OpenedPage> {
  const context = await app.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript({ content: PROBES_SCRIPT });
  await page.goto(`${app.web.url}${app.pagePath}?user=${encodeURIComponent(user)}${query}`, {
    waitUntil: 'load',
    timeout: 30_000,
  });
  await page.locator('poolse-inbox [role=option]').first().waitFor({ timeout: 30_000 });
  return { context, page };
}
