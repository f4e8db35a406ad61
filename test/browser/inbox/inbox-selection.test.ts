import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describe, it } from '../shared/mocha.js';
import { part, renderInbox, rowNames, rows, settle, shadow } from './chat-fixture.js';

async function threeRows() {
  const ids: Record<string, string> = {};
  const fx = await renderInbox({
    setup: (f) => {
      for (const name of ['Gamma', 'Beta', 'Alpha']) {
        ids[name] = f.addConversation({ name, members: ['bob', 'carol'] }).id;
        f.addMessage(ids[name], { from: 'bob', body: name.toLowerCase() });
      }
    },
  });
  expect(rowNames(fx.inbox)).to.deep.equal(['Alpha', 'Beta', 'Gamma']);
  return { ...fx, ids };
}

const focused = (root: ShadowRoot) =>
  (root.activeElement as HTMLElement | null)?.querySelector('[part~="name"]')?.textContent;

describe('<poolse-inbox> selection', () => {
  it('is a listbox of options with one tab stop', async () => {
    const { inbox } = await threeRows();
    const list = part(shadow(inbox), 'list')!;
    expect(list.getAttribute('role')).to.equal('listbox');
    expect(list.getAttribute('aria-label')).to.equal('Conversations');
    expect(rows(inbox).map((r) => r.getAttribute('role'))).to.deep.equal([
      'option',
      'option',
      'option',
    ]);
    expect(rows(inbox).map((r) => r.getAttribute('aria-selected'))).to.deep.equal([
      'false',
      'false',
      'false',
    ]);
    expect(rows(inbox).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1]);
  });

  it('moves focus with arrows, Home and End, and selects with Enter and Space', async () => {
    const { inbox, store, ids } = await threeRows();
    const root = shadow(inbox);
    rows(inbox)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(root)).to.equal('Beta');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // stays on the last row
    expect(focused(root)).to.equal('Gamma');
    await sendKeys({ press: 'Home' });
    expect(focused(root)).to.equal('Alpha');
    await sendKeys({ press: 'End' });
    expect(focused(root)).to.equal('Gamma');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(root)).to.equal('Beta');
    // Moving focus does not select.
    expect(store.getState().activeConversationId).to.equal(null);

    const selected = oneEvent(inbox, 'poolse-conversation-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail).to.deep.equal({ conversationId: ids.Beta });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    await inbox.updateComplete;
    expect(store.getState().activeConversationId).to.equal(ids.Beta);
    expect(rows(inbox).map((r) => r.getAttribute('aria-selected'))).to.deep.equal([
      'false',
      'true',
      'false',
    ]);

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await inbox.updateComplete;
    expect(store.getState().activeConversationId).to.equal(ids.Gamma);
    // Tab leaves the list from the current row, and the tab stop follows focus.
    expect(rows(inbox).map((r) => r.tabIndex)).to.deep.equal([-1, -1, 0]);
  });

  it('jumps to the next row starting with a typed letter', async () => {
    const { inbox } = await threeRows();
    const root = shadow(inbox);
    rows(inbox)[0]!.focus();
    await sendKeys({ press: 'g' });
    expect(focused(root)).to.equal('Gamma');
    await sendKeys({ press: 'b' });
    expect(focused(root)).to.equal('Beta');
    await sendKeys({ press: 'z' }); // no match: focus stays
    expect(focused(root)).to.equal('Beta');
  });

  it('selects on click unless a listener cancels the event', async () => {
    const { inbox, store, ids } = await threeRows();
    const cancel = (e: Event) => e.preventDefault();
    document.addEventListener('poolse-conversation-select', cancel);
    try {
      rows(inbox)[2]!.click();
      await inbox.updateComplete;
      expect(store.getState().activeConversationId).to.equal(null);
      expect(rows(inbox)[2]!.getAttribute('aria-selected')).to.equal('false');
    } finally {
      document.removeEventListener('poolse-conversation-select', cancel);
    }
    const seen: string[] = [];
    const record = (e: CustomEvent<{ conversationId: string }>) =>
      seen.push(e.detail.conversationId);
    document.addEventListener('poolse-conversation-select', record);
    try {
      rows(inbox)[2]!.click();
      await inbox.updateComplete;
    } finally {
      document.removeEventListener('poolse-conversation-select', record);
    }
    expect(seen).to.deep.equal([ids.Gamma]);
    expect(store.getState().activeConversationId).to.equal(ids.Gamma);
    expect(rows(inbox)[2]!.getAttribute('aria-selected')).to.equal('true');
  });

  it('follows a selection made elsewhere without firing the event', async () => {
    const { inbox, store, ids } = await threeRows();
    let fired = 0;
    const count = () => (fired += 1);
    inbox.addEventListener('poolse-conversation-select', count);
    store.selectConversation(ids.Alpha);
    await settle(inbox, () => rows(inbox)[0]!.getAttribute('aria-selected') === 'true', 'selected');
    inbox.removeEventListener('poolse-conversation-select', count);
    expect(fired).to.equal(0);
  });

  it('focus() puts focus on the selected row', async () => {
    const { inbox, store, ids } = await threeRows();
    store.selectConversation(ids.Beta);
    await settle(inbox, () => rows(inbox)[1]!.getAttribute('aria-selected') === 'true', 'selected');
    inbox.focus();
    expect(focused(shadow(inbox))).to.equal('Beta');
  });

  it('keeps focus on the same conversation when rows reorder', async () => {
    const { inbox, fake, ids } = await threeRows();
    const root = shadow(inbox);
    rows(inbox)[1]!.focus(); // Beta
    fake.postMessage(ids.Gamma, { from: 'carol', body: 'news' });
    await settle(inbox, () => rowNames(inbox)[0] === 'Gamma', 'Gamma first');
    expect(focused(root)).to.equal('Beta');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(root)).to.equal('Alpha');
  });
});
