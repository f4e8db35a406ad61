/**
 * Screenshots of the demo for a person to look at (issue 5): light and dark,
 * desktop and phone width, with a conversation open. Saved under
 * `test-results/screenshots/` (git-ignored). The spec also checks what a
 * broken layout would show first: sideways scrolling at phone width, and a
 * timeline or composer pushed out of view.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  conversationPane,
  inboxList,
  mainComposer,
  openConversation,
  openDemoAs,
  threadPanel,
  timeline,
  timelineMessage,
} from './support/demo.js';

const SHOTS_DIR = 'test-results/screenshots';
/** The seeded group: history over days, a thread, reactions, a quote, an image. */
const GROUP = 'Lisbon offsite';

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

const THEMES = ['light', 'dark'] as const;

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Whether the element's box lies within the window, horizontally and vertically. */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await expect(locator).toBeInViewport({ ratio: 0.99 });
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  expect(box).not.toBeNull();
  expect(size).not.toBeNull();
  if (!box || !size) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
}

for (const theme of THEMES) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    test(`demo in ${theme} at ${device} width (${viewport.width}×${viewport.height})`, async ({
      browser,
    }) => {
      const session = await openDemoAs(browser, 'alice', { viewport, colorScheme: theme });
      const { page } = session;
      try {
        // The demo's theme switch (its own markup, found by its data hook).
        await page.locator(`[data-theme-choice="${theme}"]`).click();
        await expect(page.locator('poolse-provider')).toHaveAttribute('theme', theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

        if (device === 'phone') {
          // One pane at a time: the inbox first.
          await expect(inboxList(page)).toBeInViewport();
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${SHOTS_DIR}/${theme}-${device}-inbox.png` });
        }

        await openConversation(page, GROUP);
        // The newest seeded message is in view once the timeline has settled at the bottom.
        await expect(timelineMessage(page, 'are you still vegan?')).toBeVisible();
        await expectInViewport(page, timeline(page));
        await expectInViewport(page, mainComposer(page).getByRole('combobox', { name: 'Message' }));
        await expectInViewport(page, mainComposer(page).getByRole('button', { name: 'Send' }));
        await expect(conversationPane(page).getByRole('heading', { name: GROUP })).toBeInViewport();
        if (device === 'phone') {
          await expect(page.getByRole('button', { name: 'Conversations' })).toBeVisible();
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        }
        // Let images and fonts finish, and park the mouse off the timeline so no
        // hover toolbar shows: the picture is what a person sees at rest.
        await page.waitForLoadState('networkidle');
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${SHOTS_DIR}/${theme}-${device}-conversation.png` });

        // The thread panel beside (desktop) or over (phone) the timeline.
        const last = timelineMessage(page, 'are you still vegan?');
        await last.hover();
        await last
          .locator('[part~="actions"]')
          .getByRole('button', { name: 'Reply in thread' })
          .click();
        const thread = threadPanel(page);
        await expect(thread.getByRole('heading', { name: 'Thread' })).toBeVisible();
        await expectInViewport(
          page,
          thread.locator('poolse-composer').getByRole('combobox', { name: 'Message' }),
        );
        await expectInViewport(page, thread.getByRole('button', { name: 'Close thread' }));
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${SHOTS_DIR}/${theme}-${device}-thread.png` });
      } finally {
        await session.context.close();
      }
    });
  }
}

/** The same screens in Arabic (right to left) and Japanese, for a person to check the mirroring and the type. */
const LOCALES = {
  ar: { conversations: 'المحادثات', message: 'رسالة', send: 'إرسال', dir: 'rtl' },
  ja: { conversations: '会話', message: 'メッセージ', send: '送信', dir: 'ltr' },
} as const;

for (const [locale, words] of Object.entries(LOCALES)) {
  for (const theme of THEMES) {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      test(`demo in ${locale}, ${theme}, at ${device} width`, async ({ browser }) => {
        const context = await browser.newContext({ viewport, colorScheme: theme });
        const page = await context.newPage();
        try {
          await page.goto(`/?user=alice&locale=${locale}`);
          await page.locator(`[data-theme-choice="${theme}"]`).click();
          const inbox = page
            .locator('poolse-inbox')
            .getByRole('listbox', { name: words.conversations });
          await expect(inbox).toBeVisible();
          // Arabic mirrors by itself: the provider takes dir="rtl" from its locale.
          if (words.dir === 'rtl')
            await expect(page.locator('poolse-provider')).toHaveAttribute('dir', 'rtl');
          else await expect(page.locator('poolse-provider')).not.toHaveAttribute('dir', 'rtl');
          if (device === 'phone') {
            expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
            await page.screenshot({ path: `${SHOTS_DIR}/${locale}-${theme}-${device}-inbox.png` });
          }
          await page.locator('poolse-inbox [role="option"]').filter({ hasText: GROUP }).click();
          await expect(timelineMessage(page, 'are you still vegan?')).toBeVisible();
          const composer = mainComposer(page);
          const input = composer.getByRole('combobox', { name: words.message });
          const send = composer.getByRole('button', { name: words.send });
          await expectInViewport(page, input);
          await expectInViewport(page, send);
          // The send button sits at the end of the line: right in Japanese, left in Arabic.
          const inputBox = await input.boundingBox();
          const sendBox = await send.boundingBox();
          expect(inputBox && sendBox).toBeTruthy();
          if (inputBox && sendBox) {
            if (words.dir === 'rtl')
              expect(sendBox.x).toBeLessThan(inputBox.x + inputBox.width / 2);
            else expect(sendBox.x).toBeGreaterThan(inputBox.x + inputBox.width / 2);
          }
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await page.waitForLoadState('networkidle');
          await page.mouse.move(0, 0);
          await page.screenshot({
            path: `${SHOTS_DIR}/${locale}-${theme}-${device}-conversation.png`,
          });
        } finally {
          await context.close();
        }
      });
    }
  }
}
