/**
 * Accessibility beyond axe, in Chromium against the demo: what a screen
 * reader reads (the accessibility tree, as Playwright ARIA snapshots), a
 * whole session by keyboard alone with focus always visible and restored,
 * Windows high contrast (forced colors), reduced motion, reflow at 320 CSS
 * pixels and 200% text, and targets of at least 24×24 pixels.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  composerInput,
  conversationPane,
  inboxList,
  inboxRow,
  mainComposer,
  openConversation,
  openDemoAs,
  threadPanel,
  timeline,
  timelineMessage,
  uniqueName,
} from './support/demo.js';

const GROUP = 'Lisbon offsite';

interface Focused {
  tag: string;
  label: string;
  /** Text of the message the focus is in, if any. */
  message: string;
  outline: string;
  outlineWidth: number;
}

/** The element that really has focus, through shadow roots, and how it shows it. */
async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    let host: Element | null = el;
    let message = '';
    while (host) {
      if (host.localName === 'poolse-message') {
        message = host.shadowRoot?.querySelector('[part~="body"]')?.textContent ?? '';
        break;
      }
      host = host.parentElement ?? (host.getRootNode() as ShadowRoot).host ?? null;
    }
    // The ring is on the control, or (for a text area inside a frame) on the frame around it.
    let ringed: Element | null = el;
    let style = getComputedStyle(el);
    for (
      let up = 0;
      up < 3 && ringed && style.outlineStyle === 'none' && style.boxShadow === 'none';
      up += 1
    ) {
      ringed = ringed.parentElement;
      if (ringed) style = getComputedStyle(ringed);
    }
    const ringWidth =
      style.outlineStyle !== 'none'
        ? parseFloat(style.outlineWidth) || 0
        : Math.max(
            0,
            ...[...style.boxShadow.matchAll(/(\d+(?:\.\d+)?)px/g)].map((m) =>
              parseFloat(m[1] ?? '0'),
            ),
          );
    return {
      tag: el.localName,
      label: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
      message,
      outline:
        style.outlineStyle !== 'none'
          ? style.outlineStyle
          : style.boxShadow === 'none'
            ? 'none'
            : 'shadow',
      outlineWidth: ringWidth,
    };
  });
}

/** Presses `key` until the focused element matches, as a keyboard user would move; fails on a trap. */
async function pressUntil(
  page: Page,
  key: string,
  match: (f: Focused) => boolean,
  max = 250,
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now && match(now)) return now;
    seen.push(now ? `${now.tag}:${now.label}` : 'body');
  }
  throw new Error(
    `never reached the wanted control with ${key}; went through ${seen.slice(-20).join(' | ')}`,
  );
}

/** Focus shows: a ring of at least 2px, not the browser's nothing. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const now = await focused(page);
  expect(now, 'something has focus').not.toBeNull();
  expect(now!.outline, `focus ring on ${now!.tag} "${now!.label}"`).not.toBe('none');
  expect(now!.outlineWidth).toBeGreaterThanOrEqual(2);
}

test.describe('the accessibility tree', () => {
  test('inbox, timeline, composer, thread panel and lightbox read as they should', async ({
    browser,
  }) => {
    const { page, context } = await openDemoAs(browser, 'alice');
    try {
      // The inbox: a listbox of conversations, each read as name, time, preview and unread count.
      await expect(inboxList(page)).toMatchAriaSnapshot(`
        - listbox "Conversations":
          - option /Lisbon offsite .+ unread message/:
            - text: Lisbon offsite
            - time: /.+/
            - text: /are you still vegan\\?/
      `);
      await openConversation(page, GROUP);
      await expect(timelineMessage(page, 'are you still vegan?')).toBeVisible();
      await expect(conversationPane(page).locator('[part~="header"]').first()).toMatchAriaSnapshot(`
        - heading "${GROUP}" [level=2]
        - text: 4 members
      `);
      // A message from someone else: sender, time, text, attachment name, reactions.
      await expect(timelineMessage(page, 'Here is the terrace').first()).toMatchAriaSnapshot(`
        - text: Dave Okafor
        - time: /\\d+:\\d+/
        - paragraph: "Here is the terrace I mentioned:"
        - button "Open image rooftop-terrace.png"
        - group "Reactions":
          - 'button "React with 😍: 3" [pressed]'
      `);
      // One's own: read as "You", with its replies and who has seen it.
      await expect(timelineMessage(page, 'Draft agenda').first()).toMatchAriaSnapshot(`
        - text: You
        - time: /\\d+:\\d+/
        - paragraph: Draft agenda is in the shared folder. Comments welcome!
        - button "2 replies"
        - text: /Seen by Carol Diaz, Bob Chen, Dave Okafor/
      `);
      // A message without reactions exposes no empty group.
      expect(
        await timelineMessage(page, 'Vegetarian here')
          .getByRole('group', { name: 'Reactions' })
          .count(),
      ).toBe(0);
      // The composer: a combobox (mentions and emoji suggestions) and its tools.
      await expect(mainComposer(page)).toMatchAriaSnapshot(`
        - combobox "Message"
        - toolbar "Message tools":
          - button "Attach files"
          - button "Insert emoji"
          - button "Send" [disabled]
      `);
      // Its popups: the mention list, then the emoji picker.
      const input = composerInput(mainComposer(page));
      await input.fill('@carol');
      await expect(mainComposer(page).getByRole('listbox', { name: 'People to mention' }))
        .toMatchAriaSnapshot(`
        - listbox "People to mention":
          - option /Carol Diaz/
      `);
      await input.press('Escape');
      await input.fill('');
      await mainComposer(page).getByRole('button', { name: 'Insert emoji' }).click();
      await expect(mainComposer(page).getByRole('group', { name: 'Emoji picker' }))
        .toMatchAriaSnapshot(`
        - group "Emoji picker":
          - searchbox "Search emoji"
          - tablist "Emoji categories"
      `);
      await page.keyboard.press('Escape');
      // The thread panel: a region with its heading, close button, log and composer.
      await timelineMessage(page, 'Draft agenda')
        .getByRole('button', { name: '2 replies' })
        .click();
      await expect(threadPanel(page)).toMatchAriaSnapshot(`
        - region "Thread":
          - heading "Thread" [level=2]
          - button "Close thread"
          - log "Thread"
          - combobox "Message"
      `);
      await threadPanel(page).getByRole('button', { name: 'Close thread' }).click();
      // The lightbox: a modal dialog named for what it is, with the image's name.
      await timelineMessage(page, 'Here is the terrace')
        .getByRole('button', { name: /Open image/ })
        .click();
      await expect(page.getByRole('dialog', { name: 'Image viewer' })).toMatchAriaSnapshot(`
        - dialog "Image viewer":
          - text: rooftop-terrace.png
          - link "Download"
          - button "Close image viewer"
          - img "rooftop-terrace.png"
      `);
    } finally {
      await context.close();
    }
  });
});

test.describe('keyboard alone', () => {
  test('open, send, edit, react, reply in a thread, delete, view an image, upload and cancel', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const { page, context } = await openDemoAs(browser, 'alice');
    const isMine = (text: string) => (f: Focused) => f.message.includes(text);
    try {
      // Open a conversation from the inbox.
      await pressUntil(
        page,
        'Tab',
        (f) =>
          (f.tag === 'div' && f.label.startsWith(GROUP)) ||
          (f.label.includes(GROUP) && f.tag !== 'button'),
      );
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await expect(conversationPane(page).getByRole('heading', { name: GROUP })).toBeVisible();
      await expect(inboxRow(page, GROUP)).toHaveAttribute('aria-selected', 'true');

      // Write and send.
      await pressUntil(page, 'Tab', (f) => f.tag === 'textarea');
      await expectVisibleFocus(page);
      const text = uniqueName('By keyboard');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      const mine = timelineMessage(page, text);
      await expect(mine).toBeVisible();
      await expect(mine.locator('[part~="status"]')).toHaveCount(0);

      // React: back from the composer to the message's reaction button, pick the first quick reaction.
      await pressUntil(page, 'Shift+Tab', (f) => isMine(text)(f) && f.label === 'Add reaction');
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await expect(mine.getByRole('dialog', { name: 'Pick a reaction' })).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(mine.getByRole('button', { name: /React with .+: 1/ })).toBeVisible();
      await expect.poll(async () => (await focused(page))?.tag ?? 'body').not.toBe('body');

      // Edit from the message menu: focus moves to the composer, Enter saves.
      await pressUntil(page, 'Tab', (f) => isMine(text)(f) && f.label === 'More actions', 20);
      await page.keyboard.press('Enter');
      await expect(mine.getByRole('menu')).toBeVisible();
      await pressUntil(page, 'ArrowDown', (f) => f.label.startsWith('Edit'), 10);
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page))?.tag).toBe('textarea');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(`${text} (fixed)`);
      await page.keyboard.press('Enter');
      await expect(timelineMessage(page, `${text} (fixed)`)).toBeVisible();

      // Reply in a thread, then close it: focus comes back to where it was.
      await pressUntil(page, 'Shift+Tab', (f) => isMine(text)(f) && f.label === 'Reply in thread');
      await page.keyboard.press('Enter');
      await expect(threadPanel(page).getByRole('heading', { name: 'Thread' })).toBeVisible();
      await expect.poll(async () => (await focused(page))?.tag).toBe('textarea');
      await page.keyboard.type('A reply by keyboard');
      await page.keyboard.press('Enter');
      await expect(threadPanel(page).getByText('A reply by keyboard')).toBeVisible();
      await pressUntil(page, 'Shift+Tab', (f) => f.label === 'Close thread', 40);
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await expect(threadPanel(page)).toHaveCount(0);
      const back = await focused(page);
      expect(back?.label).toBe('Reply in thread');
      expect(back?.message).toContain(text);

      // Delete, with the confirmation answered by keyboard.
      await pressUntil(page, 'Tab', (f) => isMine(text)(f) && f.label === 'More actions', 10);
      await page.keyboard.press('Enter');
      await pressUntil(page, 'ArrowDown', (f) => f.label.startsWith('Delete'), 10);
      await page.keyboard.press('Enter');
      const confirm = mine.getByRole('alertdialog').or(mine.getByRole('dialog'));
      await expect(confirm).toBeVisible();
      await pressUntil(page, 'Tab', (f) => f.label === 'Delete', 5);
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await expect(timeline(page).getByText('This message was deleted.').last()).toBeVisible();
      await expect.poll(async () => (await focused(page))?.tag ?? 'body').not.toBe('body');

      // The lightbox: open from the image, Escape closes, focus returns to the image.
      await pressUntil(page, 'Shift+Tab', (f) => f.label === 'Open image rooftop-terrace.png');
      await page.keyboard.press('Enter');
      const viewer = page.getByRole('dialog', { name: 'Image viewer' });
      await expect(viewer).toBeVisible();
      await expectVisibleFocus(page);
      await page.keyboard.press('Escape');
      await expect(viewer).toBeHidden();
      expect((await focused(page))?.label).toBe('Open image rooftop-terrace.png');

      // Upload and cancel: the file chooser opens from the keyboard; the chip's cancel returns to the text area.
      await pressUntil(page, 'Tab', (f) => f.label === 'Attach files');
      const chooser = page.waitForEvent('filechooser');
      await page.keyboard.press('Enter');
      await (
        await chooser
      ).setFiles({
        name: 'big.bin',
        mimeType: 'application/octet-stream',
        buffer: Buffer.alloc(4 * 1024 * 1024, 7),
      });
      const cancel = mainComposer(page).getByRole('button', {
        name: /(Cancel upload of|Remove) big\.bin/,
      });
      await expect(cancel).toBeVisible();
      await pressUntil(
        page,
        'Shift+Tab',
        (f) => /(Cancel upload of|Remove) big\.bin/.test(f.label),
        10,
      );
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await expect(cancel).toHaveCount(0);
      await expect.poll(async () => (await focused(page))?.tag).toBe('textarea');
    } finally {
      await context.close();
    }
  });
});

test.describe('what the operating system asks for', () => {
  test('high contrast keeps selection, own reactions, focus and bubbles visible', async ({
    browser,
  }) => {
    const { page, context } = await openDemoAs(browser, 'alice');
    try {
      await page.emulateMedia({ forcedColors: 'active' });
      await openConversation(page, GROUP);
      const rowStyle = (row: Locator) => row.evaluate((el) => getComputedStyle(el).outlineStyle);
      const selected = await rowStyle(inboxRow(page, GROUP));
      const other = await rowStyle(inboxRow(page, 'Bob Chen'));
      expect(selected, 'the selected conversation stands out').not.toBe(other);
      const chip = (name: RegExp) =>
        timeline(page)
          .getByRole('button', { name })
          .first()
          .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(await chip(/React with 😍/), 'own reaction stands out').not.toBe(
        await chip(/React with 🐟/),
      );
      const bubble = timelineMessage(page, 'are you still vegan?').locator('[part~="bubble"]');
      expect(await bubble.evaluate((el) => getComputedStyle(el).borderStyle)).toBe('solid');
      await composerInput(mainComposer(page)).focus();
      await page.keyboard.press('Shift+Tab');
      await expectVisibleFocus(page);
    } finally {
      await context.close();
    }
  });

  test('reduced motion turns animations and transitions off', async ({ browser }) => {
    const { page, context } = await openDemoAs(browser, 'alice');
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openConversation(page, GROUP);
      const moving = await page.evaluate(() => {
        const found: string[] = [];
        const visit = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            const style = getComputedStyle(el);
            const longest = (list: string) =>
              Math.max(...list.split(',').map((v) => parseFloat(v) || 0));
            if (longest(style.animationDuration) > 0.01 || longest(style.transitionDuration) > 0.01)
              found.push(`${el.localName}.${el.getAttribute('part') ?? el.className}`);
            if (el.shadowRoot) visit(el.shadowRoot);
          }
        };
        for (const host of document.querySelectorAll('poolse-provider'))
          visit(host.shadowRoot ?? document);
        document
          .querySelectorAll('poolse-inbox, poolse-conversation')
          .forEach((el) => el.shadowRoot && visit(el.shadowRoot));
        return found;
      });
      expect(moving).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const [label, viewport] of [
    ['320 CSS pixels', { width: 320, height: 640 }],
    // A 1280×800 window zoomed to 200% lays out like 640×400 CSS pixels.
    ['200% zoom', { width: 640, height: 400 }],
  ] as const) {
    test(`reflows at ${label} without sideways scrolling or clipped controls`, async ({
      browser,
    }) => {
      const { page, context } = await openDemoAs(browser, 'alice', { viewport });
      try {
        await openConversation(page, GROUP);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
        for (const control of [
          composerInput(mainComposer(page)),
          mainComposer(page).getByRole('button', { name: 'Send' }),
          mainComposer(page).getByRole('button', { name: 'Attach files' }),
        ]) {
          await expect(control).toBeInViewport();
        }
      } finally {
        await context.close();
      }
    });
  }

  test('every control is at least 24×24 pixels', async ({ browser }) => {
    const { page, context } = await openDemoAs(browser, 'alice');
    try {
      await openConversation(page, GROUP);
      await timelineMessage(page, 'are you still vegan?').hover();
      const small = await page.evaluate(() => {
        const found: string[] = [];
        const visit = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll(
            'button, [role="option"], [role="tab"], a[href], input, textarea',
          )) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) continue; // not shown
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || style.opacity === '0') continue;
            // WCAG 2.5.8: 24×24, or room for a 24px circle around a smaller one (spacing exception).
            if (box.width < 24 || box.height < 24)
              found.push(
                `${el.getAttribute('aria-label') ?? el.textContent?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`,
              );
          }
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
        };
        for (const el of document.querySelectorAll('poolse-provider *'))
          if (el.shadowRoot) visit(el.shadowRoot);
        return [...new Set(found)];
      });
      expect(small).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
