import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConversationCreateRequest } from '../../../src/sdk/types.js';
import { describe, it } from '../shared/mocha.js';
import { has, part, renderInbox, rowNamed, rows, settle, shadow } from './chat-fixture.js';

function dialogOf(root: ShadowRoot): HTMLDialogElement {
  return root.querySelector('dialog') as HTMLDialogElement;
}

async function openDialog(root: ShadowRoot): Promise<HTMLDialogElement> {
  (part(root, 'new-button') as HTMLButtonElement).click();
  const dialog = dialogOf(root);
  expect(dialog.open).to.equal(true);
  return dialog;
}

describe('<poolse-inbox> new conversation', () => {
  it('creates a direct conversation, selects it and focuses its row', async () => {
    const { inbox, fake, store } = await renderInbox({
      setup: (f) => {
        f.addConversation({ name: 'Existing', members: ['bob', 'carol'] });
      },
    });
    const root = shadow(inbox);
    const button = part(root, 'new-button')!;
    expect(button.getAttribute('aria-label')).to.equal('New conversation');
    const dialog = await openDialog(root);
    // The members field has focus: type and press Enter like a user.
    expect(root.activeElement?.getAttribute('part')).to.equal('members-input');
    await sendKeys({ type: 'carol' });
    const selected = oneEvent(inbox, 'poolse-conversation-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    const request = fake.callsTo('conversations.create')[0]?.args[0] as ConversationCreateRequest;
    expect(request).to.deep.equal({ type: 'direct', member_external_ids: ['carol'] });
    expect(dialog.open).to.equal(false);
    expect(store.getState().activeConversationId).to.equal(event.detail.conversationId);
    await settle(inbox, () => rows(inbox).length === 2, 'new row');
    const row = rowNamed(inbox, 'Carol Diaz');
    expect(row.getAttribute('aria-selected')).to.equal('true');
    expect(root.activeElement === row, 'new row has focus').to.equal(true);
  });

  it('creates a named group from several external ids', async () => {
    const { inbox, fake } = await renderInbox();
    const root = shadow(inbox);
    await openDialog(root);
    const group = root.querySelector<HTMLInputElement>('input[value="group"]')!;
    group.click();
    await inbox.updateComplete;
    expect(has(root, 'name-input')).to.equal(true);
    (part(root, 'members-input') as HTMLInputElement).value = 'bob, dave  bob alice';
    (part(root, 'name-input') as HTMLInputElement).value = '  Road trip ';
    (part(root, 'create-button') as HTMLButtonElement).click();
    await settle(inbox, () => rows(inbox).length === 1, 'group row');
    const request = fake.callsTo('conversations.create')[0]?.args[0] as ConversationCreateRequest;
    // Unique, in order, without yourself; the name trimmed.
    expect(request).to.deep.equal({
      type: 'group',
      member_external_ids: ['bob', 'dave'],
      name: 'Road trip',
    });
    expect(part(rows(inbox)[0]!, 'name')?.textContent).to.equal('Road trip');
  });

  it('explains what is wrong instead of sending a bad request', async () => {
    const { inbox, fake } = await renderInbox();
    const root = shadow(inbox);
    const dialog = await openDialog(root);
    (part(root, 'create-button') as HTMLButtonElement).click();
    await inbox.updateComplete;
    expect(part(root, 'form-error')?.textContent).to.equal('Enter at least one member.');
    (part(root, 'members-input') as HTMLInputElement).value = 'bob carol';
    (part(root, 'create-button') as HTMLButtonElement).click();
    await inbox.updateComplete;
    expect(part(root, 'form-error')?.textContent).to.equal(
      'A direct conversation has exactly one other person.',
    );
    expect(fake.callsTo('conversations.create')).to.have.length(0);
    expect(dialog.open).to.equal(true);

    fake.failNext('conversations.create');
    (part(root, 'members-input') as HTMLInputElement).value = 'bob';
    (part(root, 'create-button') as HTMLButtonElement).click();
    await settle(
      inbox,
      () => part(root, 'form-error')?.textContent === 'Could not create the conversation.',
      'error',
    );
    expect(dialog.open).to.equal(true);

    (part(root, 'cancel-button') as HTMLButtonElement).click();
    expect(dialog.open).to.equal(false);
    // Closing resets the form for next time.
    await settle(inbox, () => !has(root, 'form-error'), 'error cleared');
    expect((part(root, 'members-input') as HTMLInputElement).value).to.equal('');
  });

  it('is an accessible dialog', async () => {
    const { inbox } = await renderInbox();
    const root = shadow(inbox);
    const dialog = await openDialog(root);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('new-title');
    await expect(inbox).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.equal(false);
  });
});
