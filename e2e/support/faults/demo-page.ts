/**
 * The demo app as a user drives it: open it as someone against a given
 * server, pick a conversation in the inbox, write in the composer, and read
 * the timeline as it is drawn (it is virtualized, so reading all of it means
 * scrolling through it).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the demo (served at `appUrl`; default: the config's base URL) as `user` against the server at `apiUrl`. */
export async function openDemo(
  page: Page,
  user: string,
  apiUrl: string,
  appUrl = '',
): Promise<void> {
  await page.goto(`${appUrl}/?user=${encodeURIComponent(user)}&api=${encodeURIComponent(apiUrl)}`);
  await expect(page.getByRole('listbox', { name: 'Conversations' })).toBeVisible();
}

/** Selects the inbox row whose name matches `name` and waits for its timeline. */
export async function openConversation(page: Page, name: string | RegExp): Promise<void> {
  const inbox = page.getByRole('listbox', { name: 'Conversations' });
  await inbox.getByRole('option', { name }).first().click();
  await expect(
    page.locator('poolse-conversation').getByRole('log', { name: 'Messages' }).first(),
  ).toBeVisible();
}

/** The main composer's text area (not a thread's). */
export function composer(page: Page): Locator {
  return page
    .locator('poolse-conversation [part="composer"] poolse-composer')
    .getByRole('combobox', { name: 'Message' });
}

/**
 * Writes `text` and presses Enter. Answers whether the composer took it (it
 * empties itself once the message is handed to the outbox); a composer that
 * is busy or not ready leaves the text where it was.
 */
export async function sendThroughComposer(
  page: Page,
  text: string,
  timeoutMs = 5_000,
): Promise<boolean> {
  const box = composer(page);
  try {
    await box.fill(text, { timeout: timeoutMs });
    await box.press('Enter', { timeout: timeoutMs });
    await expect(box).toHaveValue('', { timeout: timeoutMs });
    return true;
  } catch {
    await box.fill('', { timeout: timeoutMs }).catch(() => undefined);
    return false;
  }
}

/** One message row as drawn: its key, texts, sequence, send status and place on screen. */
export interface DrawnRow {
  key: string;
  body: string;
  sender: string;
  quoteBody: string | null;
  fileNames: string[];
  reactions: string[];
  sequence: number;
  status: string;
  top: number;
}

/** The main timeline's message rows that are drawn now, top to bottom. */
export async function drawnRowsOf(page: Page): Promise<DrawnRow[]> {
  return page.evaluate(() => {
    const conversation = document.querySelector('poolse-conversation');
    const timeline = conversation?.shadowRoot?.querySelector('[part="timeline"]');
    const root = timeline?.shadowRoot;
    if (!root) return [];
    const rows: DrawnRow[] = [];
    for (const el of root.querySelectorAll('poolse-message')) {
      const rect = el.getBoundingClientRect();
      if (rect.height === 0) continue;
      const shadow = el.shadowRoot;
      const text = (selector: string) => shadow?.querySelector(selector)?.textContent ?? null;
      const message = (el as unknown as { message?: { sequence?: unknown } }).message;
      const bodyEl = shadow?.querySelector('[part="body"]');
      // The body without the "(edited)" mark, which is a child of its own.
      const body = bodyEl
        ? [...bodyEl.childNodes]
            .filter(
              (n) =>
                n.nodeType === Node.TEXT_NODE ||
                (n instanceof Element && n.getAttribute('part') !== 'edited'),
            )
            .map((n) => n.textContent ?? '')
            .join('')
        : '';
      const reactions = shadow?.querySelector('poolse-reactions')?.shadowRoot;
      rows.push({
        key: el.getAttribute('data-key') ?? '',
        body,
        sender: text('[part="sender"]') ?? '',
        quoteBody: text('[part="quote-body"]'),
        fileNames: [...(shadow?.querySelectorAll('[part="file-name"]') ?? [])].map(
          (n) => n.textContent ?? '',
        ),
        reactions: [...(reactions?.querySelectorAll('[part="emoji"]') ?? [])].map(
          (n) => n.textContent ?? '',
        ),
        sequence: typeof message?.sequence === 'number' ? message.sequence : -1,
        status: el.getAttribute('status') ?? 'sent',
        top: rect.top,
      });
    }
    return rows.sort((a, b) => a.top - b.top);
  });
}

/** The main timeline's scroll state and where it is on screen. */
async function scrollState(
  page: Page,
): Promise<{ top: number; x: number; y: number; height: number } | null> {
  return page.evaluate(() => {
    const timeline = document
      .querySelector('poolse-conversation')
      ?.shadowRoot?.querySelector('[part="timeline"]');
    const scroller = timeline?.shadowRoot?.querySelector<HTMLElement>('[part="scroller"]');
    if (!scroller) return null;
    const rect = scroller.getBoundingClientRect();
    return {
      top: scroller.scrollTop,
      x: rect.x + rect.width / 2,
      y: rect.y + rect.height / 2,
      height: rect.height,
    };
  });
}

/**
 * Reads the whole main timeline by scrolling it from the bottom to the top
 * (older pages load on the way). Every snapshot must be in sequence order
 * top to bottom; answers the rows seen, by key.
 */
export async function readWholeTimeline(
  page: Page,
  maxSteps = 400,
  onSnapshot: (rows: DrawnRow[]) => Promise<void> = async () => undefined,
): Promise<Map<string, DrawnRow>> {
  const seen = new Map<string, DrawnRow>();
  let still = 0;
  for (let step = 0; step < maxSteps && still < 8; step += 1) {
    await page.waitForTimeout(120);
    const rows = await drawnRowsOf(page);
    const sequences = rows.map((r) => r.sequence);
    const sorted = [...sequences].sort((a, b) => a - b);
    expect(sequences, 'rows on screen are in sequence order, top to bottom').toEqual(sorted);
    for (const row of rows) seen.set(row.key, row);
    await onSnapshot(rows);
    // Scroll like a reader does (a wheel), so the timeline does not snap back to the bottom.
    const state = await scrollState(page);
    if (!state) {
      const shown = await page.evaluate(
        () =>
          document
            .querySelector('poolse-conversation')
            ?.shadowRoot?.querySelector('[part="timeline"]')
            ?.shadowRoot?.innerHTML.slice(0, 500) ?? '(no timeline)',
      );
      throw new Error(`the timeline has no scroller: ${shown}`);
    }
    await page.mouse.move(state.x, state.y);
    await page.mouse.wheel(0, -Math.round(state.height * 0.7));
    // At the top nothing moves; wait a little for an older page before concluding.
    still = state.top === 0 ? still + 1 : 0;
  }
  return seen;
}
