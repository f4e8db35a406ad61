/**
 * The chat two people hold in the demo (issue 5): alice and bob, each in a
 * browser context of their own, against the local server.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  composerInput,
  conversationHeader,
  conversationPane,
  inboxList,
  inboxRow,
  mainComposer,
  openConversation,
  openDemoAs,
  sendWithEnter,
  threadPanel,
  timeline,
  timelineMessage,
  uniqueName,
  type DemoSession,
} from './support/demo.js';

const ALICE = 'Alice Martin';
const BOB = 'Bob Chen';

/** Shows a message's hover toolbar and returns it. */
async function messageToolbar(message: Locator): Promise<Locator> {
  await message.hover();
  const toolbar = message.locator('[part~="actions"]');
  await expect(toolbar).toBeVisible();
  return toolbar;
}

/** Opens a message's "More actions" menu and picks `item`. */
async function chooseMenuItem(message: Locator, item: string): Promise<void> {
  const toolbar = await messageToolbar(message);
  await toolbar.getByRole('button', { name: 'More actions' }).click();
  const menu = message.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: item }).click();
}

/** The accessible "is typing" line of the open conversation. */
function typingLine(page: Page): Locator {
  return conversationPane(page).locator('[part~="typing"]');
}

test.describe('a direct chat between alice and bob', () => {
  let alice: DemoSession;
  let bob: DemoSession;

  test.beforeEach(async ({ browser }) => {
    alice = await openDemoAs(browser, 'alice');
    bob = await openDemoAs(browser, 'bob');
  });

  test.afterEach(async () => {
    await alice.context.close();
    await bob.context.close();
  });

  test('create, send, live delivery, badge, reaction, thread, typing, edit and delete', async () => {
    const text = uniqueName('Lunch at noon?');

    await test.step('alice starts the direct chat from the inbox\'s "new conversation" action', async () => {
      await alice.page.getByRole('button', { name: 'New conversation' }).click();
      const dialog = alice.page.getByRole('dialog', { name: 'New conversation' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('radio', { name: 'Direct' })).toBeChecked();
      await dialog.getByRole('textbox', { name: 'Member' }).fill('bob');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog).toBeHidden();
      await expect(inboxRow(alice.page, BOB)).toHaveAttribute('aria-selected', 'true');
      await expect(
        conversationPane(alice.page).getByRole('heading', { name: BOB, exact: true }),
      ).toBeVisible();
    });

    await test.step('alice sends; bob sees it live in his inbox with an unread badge', async () => {
      const row = inboxRow(bob.page, ALICE);
      const badge = row.locator('[part~="badge"]');
      const unreadBefore = (await badge.count()) > 0 ? Number(await badge.textContent()) : 0;
      await sendWithEnter(mainComposer(alice.page), text);
      await expect(timelineMessage(alice.page, text)).toBeVisible();
      await expect(row.locator('[part~="preview"]')).toHaveText(text);
      await expect(badge).toHaveText(String(unreadBefore + 1));
      await expect(row).toHaveAccessibleName(new RegExp(`${unreadBefore + 1} unread messages?`));
      await expect(row).toHaveAttribute('data-unread', '');
      // Newest activity first.
      await expect(inboxList(bob.page).getByRole('option').first()).toContainText(ALICE);
    });

    await test.step('bob opens it: the badge clears and the message is there', async () => {
      await openConversation(bob.page, ALICE);
      await expect(timelineMessage(bob.page, text)).toBeVisible();
      const row = inboxRow(bob.page, ALICE);
      await expect(row.locator('[part~="badge"]')).toHaveCount(0);
      await expect(row).not.toHaveAttribute('data-unread', '');
    });

    await test.step('bob reacts; alice sees the reaction', async () => {
      const message = timelineMessage(bob.page, text);
      const toolbar = await messageToolbar(message);
      await toolbar.getByRole('button', { name: 'Add reaction' }).click();
      const picker = message.getByRole('dialog', { name: 'Pick a reaction' });
      await expect(picker).toBeVisible();
      await picker.getByRole('button', { name: '👍', exact: true }).click();
      const own = message.getByRole('button', { name: 'React with 👍: 1' });
      await expect(own).toHaveAttribute('aria-pressed', 'true');

      const seen = timelineMessage(alice.page, text).getByRole('button', {
        name: 'React with 👍: 1',
      });
      await expect(seen).toBeVisible();
      await expect(seen).toHaveAttribute('aria-pressed', 'false');
    });

    const reply = uniqueName('Yes, the usual place');
    await test.step('alice replies in a thread; bob sees "1 reply"', async () => {
      const toolbar = await messageToolbar(timelineMessage(alice.page, text));
      await toolbar.getByRole('button', { name: 'Reply in thread' }).click();
      const thread = threadPanel(alice.page);
      await expect(thread.getByRole('heading', { name: 'Thread' })).toBeVisible();
      await expect(thread.locator('[part~="root"]')).toContainText(text);
      await sendWithEnter(thread.locator('poolse-composer'), reply);
      await expect(thread.locator('[part~="replies"]')).toContainText(reply);
      // A reply stays out of the main feed.
      await expect(timelineMessage(alice.page, reply)).toHaveCount(0);

      const replies = timelineMessage(bob.page, text).getByRole('button', { name: '1 reply' });
      await expect(replies).toBeVisible();
      await replies.click();
      await expect(threadPanel(bob.page).locator('[part~="replies"]')).toContainText(reply);
      await threadPanel(bob.page).getByRole('button', { name: 'Close thread' }).click();
      await expect(threadPanel(bob.page)).toHaveCount(0);
      await threadPanel(alice.page).getByRole('button', { name: 'Close thread' }).click();
    });

    await test.step('typing shows on the other side', async () => {
      const input = composerInput(mainComposer(bob.page));
      await input.click();
      await input.pressSequentially('Let me check my cal', { delay: 20 });
      await expect(typingLine(alice.page)).toHaveText(`${BOB} is typing…`);
      await expect(inboxRow(alice.page, BOB).locator('[part~="preview"]')).toHaveText(/typing…/);
      // Bob never sees his own typing.
      await expect(typingLine(bob.page)).toHaveText('');
      await input.fill('');
    });

    const edited = uniqueName('Lunch at one instead?');
    await test.step('alice edits; bob sees the new text and the edited mark', async () => {
      await chooseMenuItem(timelineMessage(alice.page, text), 'Edit');
      const input = composerInput(mainComposer(alice.page));
      await expect(input).toHaveValue(text);
      await expect(
        mainComposer(alice.page).getByRole('status', { name: 'Editing your message' }),
      ).toBeVisible();
      await input.fill(edited);
      await input.press('Enter');
      await expect(timelineMessage(alice.page, edited).locator('[part~="edited"]')).toHaveText(
        '(edited)',
      );

      const bobs = timelineMessage(bob.page, edited);
      await expect(bobs.locator('[part~="body"]')).toContainText(edited);
      await expect(bobs.locator('[part~="edited"]')).toHaveText('(edited)');
      await expect(timelineMessage(bob.page, text)).toHaveCount(0);
    });

    await test.step('alice deletes after confirming; bob sees the tombstone', async () => {
      await chooseMenuItem(timelineMessage(alice.page, edited), 'Delete');
      const confirm = alice.page.getByRole('alertdialog', { name: 'Delete this message?' });
      await expect(confirm).toBeVisible();
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await expect(confirm).toBeHidden();
      await expect(timelineMessage(alice.page, edited)).toHaveCount(0);

      await expect(timelineMessage(bob.page, edited)).toHaveCount(0);
      await expect(timeline(bob.page).locator('[part~="tombstone"]').last()).toHaveText(
        'This message was deleted.',
      );
    });
  });

  test('new conversations: a direct chat with someone new, and a named group bob sees appear', async () => {
    const newcomer = `erin-${Date.now().toString(36)}`;
    const newButton = alice.page.getByRole('button', { name: 'New conversation' });
    const dialog = alice.page.getByRole('dialog', { name: 'New conversation' });

    await newButton.click();
    await dialog.getByRole('textbox', { name: 'Member' }).fill(newcomer);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    // Nobody resolves a name for an unknown person: the row and header show the external id.
    const row = inboxRow(alice.page, newcomer);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await expect(row.locator('[part~="preview"]')).toHaveText('No messages yet');
    await expect(
      conversationPane(alice.page).getByRole('heading', { name: newcomer, exact: true }),
    ).toBeVisible();

    const group = uniqueName('Design review');
    await newButton.click();
    await dialog.getByRole('radio', { name: 'Group' }).check();
    await dialog.getByRole('textbox', { name: 'Members' }).fill('bob, carol');
    await dialog.getByRole('textbox', { name: 'Group name' }).fill(group);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(inboxRow(alice.page, group)).toHaveAttribute('aria-selected', 'true');
    await expect(conversationHeader(alice.page).locator('[part~="subtitle"]')).toContainText(
      '3 members',
    );
    // Bob is not told by a message: the new group shows up in his inbox live.
    await expect(inboxRow(bob.page, group)).toBeVisible();
  });

  test('presence: bob shows online while his page is open, offline once it closes', async () => {
    await openConversation(alice.page, BOB);
    await openConversation(bob.page, ALICE);

    const subtitle = conversationHeader(alice.page).locator('[part~="subtitle"]');
    await expect(subtitle).toHaveText('Online');
    await expect(conversationHeader(alice.page).locator('[part~="online-dot"]')).toBeVisible();
    const rowAvatar = inboxRow(alice.page, BOB).locator('poolse-avatar');
    await expect(rowAvatar).toHaveAttribute('presence', 'online');
    await expect(rowAvatar.locator('[part~="presence"]')).toBeVisible();

    await bob.context.close();

    await expect(subtitle).toHaveText('Offline');
    await expect(conversationHeader(alice.page).locator('[part~="online-dot"]')).toHaveCount(0);
    await expect(rowAvatar.locator('[part~="presence"]')).toHaveCount(0);
  });

  test('keyboard: pick a conversation with arrows and Enter, send with Enter', async () => {
    const rows = inboxList(alice.page).getByRole('option');
    await expect(rows.first()).toBeVisible();
    const names = await rows.locator('[part~="name"]').allTextContents();
    const target = names.findIndex((name) => name.trim() === BOB);
    expect(target, `a row named ${BOB} in ${names.join(' | ')}`).toBeGreaterThanOrEqual(0);

    // Into the listbox by keyboard: it holds one tab stop.
    await alice.page.getByRole('button', { name: 'New conversation' }).focus();
    await alice.page.keyboard.press('Tab');
    await expect(rows.first()).toBeFocused();
    await alice.page.keyboard.press('End');
    await expect(rows.last()).toBeFocused();
    await alice.page.keyboard.press('Home');
    await expect(rows.first()).toBeFocused();
    for (let i = 0; i < target; i += 1) await alice.page.keyboard.press('ArrowDown');
    await expect(inboxRow(alice.page, BOB)).toBeFocused();
    await alice.page.keyboard.press('Enter');
    await expect(inboxRow(alice.page, BOB)).toHaveAttribute('aria-selected', 'true');
    await expect(
      conversationPane(alice.page).getByRole('heading', { name: BOB, exact: true }),
    ).toBeVisible();

    const text = uniqueName('Sent by keyboard');
    const input = composerInput(mainComposer(alice.page));
    await input.focus();
    await alice.page.keyboard.type('first line');
    await alice.page.keyboard.press('Shift+Enter');
    await alice.page.keyboard.type(text);
    await expect(input).toHaveValue(`first line\n${text}`);
    await alice.page.keyboard.press('Enter');
    await expect(input).toHaveValue('');
    await expect(timelineMessage(alice.page, text)).toBeVisible();
    await expect(inboxRow(bob.page, ALICE).locator('[part~="preview"]')).toContainText(
      'first line',
    );
  });
});
