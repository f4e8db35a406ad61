/**
 * Behind a proxy that refuses WebSockets: the widget falls back to
 * long-poll, and two people chat live (typing, messages, reactions,
 * receipts). When WebSockets get through again, both move back, and every
 * message is still there exactly once.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  API_URL,
  composerInput,
  conversationPane,
  mainComposer,
  sendWithEnter,
  timelineMessage,
  uniqueName,
} from './support/demo.js';
import { openConversation, openDemo } from './support/faults/demo-page.js';
import { WebSocketBlockingProxy } from './support/faults/websocket-blocking-proxy.js';

const ALICE = 'Alice Martin';
const BOB = 'Bob Chen';

function typingLine(page: Page): Locator {
  return conversationPane(page).locator('[part~="typing"]');
}

async function react(page: Page, text: string, emoji: string): Promise<void> {
  const message = timelineMessage(page, text);
  await message.hover();
  const toolbar = message.locator('[part~="actions"]');
  await toolbar.getByRole('button', { name: 'Add reaction' }).click();
  await message
    .getByRole('dialog', { name: 'Pick a reaction' })
    .getByRole('button', { name: emoji, exact: true })
    .click();
}

test('WebSockets refused: long-poll carries the chat live, and the move back loses and doubles nothing', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const proxy = await WebSocketBlockingProxy.start(API_URL);
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  try {
    const alice = await aliceContext.newPage();
    const bob = await bobContext.newPage();
    await openDemo(alice, 'alice', proxy.url);
    await openDemo(bob, 'bob', proxy.url);
    expect(proxy.upgradesRefused).toBeGreaterThan(0);
    await expect.poll(() => proxy.longPolls).toBeGreaterThan(0);
    await openConversation(alice, new RegExp(BOB));
    await openConversation(bob, new RegExp(ALICE));

    await test.step('typing shows on the other side', async () => {
      await composerInput(mainComposer(alice)).pressSequentially('hel');
      await expect(typingLine(bob)).toHaveText(`${ALICE} is typing…`);
      await composerInput(mainComposer(alice)).fill('');
    });

    const first = uniqueName('over long-poll');
    await test.step('a message arrives live, a reaction comes back, and the receipt shows', async () => {
      await sendWithEnter(mainComposer(alice), first);
      await expect(timelineMessage(bob, first)).toBeVisible();
      await react(bob, first, '👍');
      await expect(
        timelineMessage(alice, first).getByRole('button', { name: 'React with 👍: 1' }),
      ).toBeVisible();
      // Bob has the conversation open, so he read it: Alice sees it on her message.
      await expect(timelineMessage(alice, first).locator('[part~="receipt"]')).toContainText('Bob');
    });

    const second = uniqueName('from bob over long-poll');
    await sendWithEnter(mainComposer(bob), second);
    await expect(timelineMessage(alice, second)).toBeVisible();

    await test.step('WebSockets come back: both pages move back to them', async () => {
      proxy.blocking = false;
      // Each page tries a WebSocket every 30 s while on long-poll: a probe, then its socket.
      await expect.poll(() => proxy.upgradesPassed, { timeout: 75_000 }).toBeGreaterThanOrEqual(4);
    });

    const third = uniqueName('over the websocket again');
    const fourth = uniqueName('bob over the websocket');
    await sendWithEnter(mainComposer(alice), third);
    await expect(timelineMessage(bob, third)).toBeVisible();
    await sendWithEnter(mainComposer(bob), fourth);
    await expect(timelineMessage(alice, fourth)).toBeVisible();
    // Typing keeps going for a few seconds, as a person's does: the server
    // absorbs a ping that comes within a second of the one before the send.
    await composerInput(mainComposer(bob)).pressSequentially('ok, one more thing', { delay: 150 });
    await expect(typingLine(alice)).toHaveText(`${BOB} is typing…`);

    for (const page of [alice, bob]) {
      for (const text of [first, second, third, fourth]) {
        await expect(timelineMessage(page, text)).toHaveCount(1);
      }
    }
  } finally {
    await aliceContext.close();
    await bobContext.close();
    await proxy.close();
  }
});
