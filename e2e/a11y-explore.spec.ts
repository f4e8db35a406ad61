import { test } from '@playwright/test';
import { conversationPane, inboxList, openConversation, openDemoAs, timelineMessage, threadPanel, mainComposer } from './support/demo.js';
test('explore', async ({ browser }) => {
  const { page, context } = await openDemoAs(browser, 'alice');
  console.log('INBOX\n' + (await inboxList(page).ariaSnapshot()).slice(0, 1500));
  await openConversation(page, 'Lisbon offsite');
  const last = timelineMessage(page, 'are you still vegan?');
  await last.waitFor();
  console.log('HEADER\n' + (await conversationPane(page).locator('[part~="header"]').first().ariaSnapshot()));
  const msgs = conversationPane(page).locator('poolse-message');
  const n = await msgs.count();
  for (let i = 0; i < n; i++) console.log(`MSG ${i}\n` + (await msgs.nth(i).ariaSnapshot()));
  console.log('COMPOSER\n' + (await mainComposer(page).ariaSnapshot()));
  await last.hover();
  await last.locator('[part~="actions"]').getByRole('button', { name: 'Reply in thread' }).click();
  await threadPanel(page).getByRole('heading', { name: 'Thread' }).waitFor();
  console.log('THREAD\n' + (await threadPanel(page).ariaSnapshot()));
  await context.close();
});
