/**
 * After the faults: the user's part in recovering. A send that failed for
 * good (its retries ran out while the server was away) shows "Not sent." with
 * a Retry button; a user presses it. This presses every Retry button in view
 * until nothing is failed or pending in the main timeline.
 */
import type { Page } from '@playwright/test';

export interface SettleResult {
  retryClicks: number;
  settled: boolean;
}

/** Counts the main timeline's rows in a state other than sent, as drawn now. */
async function unsettledRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const timeline = document
      .querySelector('poolse-conversation')
      ?.shadowRoot?.querySelector('[part="timeline"]');
    const rows = timeline?.shadowRoot?.querySelectorAll(
      'poolse-message:is([status="pending"], [status="failed"])',
    );
    return rows?.length ?? 0;
  });
}

async function scrollToBottom(page: Page): Promise<void> {
  const box = await page
    .locator('poolse-conversation')
    .getByRole('log', { name: 'Messages' })
    .first()
    .boundingBox({ timeout: 2_000 })
    .catch(() => null);
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 100_000);
}

export async function settle(page: Page, timeoutMs = 30_000): Promise<SettleResult> {
  const deadline = Date.now() + timeoutMs;
  let retryClicks = 0;
  let calm = 0;
  while (Date.now() < deadline) {
    await scrollToBottom(page);
    const retry = page
      .locator('poolse-conversation poolse-message[status="failed"]')
      .getByRole('button', { name: 'Retry' });
    const count = await retry.count();
    for (let i = 0; i < count; i += 1) {
      // Each click turns its row back to pending, so the first one left is the next to click.
      // Focus and Enter (as from the keyboard): the timeline may move under a pointer.
      const clicked = await retry
        .first()
        .focus({ timeout: 2_000 })
        .then(() => page.keyboard.press('Enter'))
        .then(() => true)
        .catch(() => false);
      if (clicked) retryClicks += 1;
    }
    calm = (await unsettledRows(page)) === 0 ? calm + 1 : 0;
    // Calm twice in a row, a second apart: nothing came back as failed meanwhile.
    if (calm >= 2) return { retryClicks, settled: true };
    await page.waitForTimeout(1_000);
  }
  return { retryClicks, settled: false };
}
