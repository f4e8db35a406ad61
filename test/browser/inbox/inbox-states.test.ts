import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeApiError } from '../../support/fake-chat-client.js';
import { describe, it } from '../shared/mocha.js';
import { has, part, renderInbox, rows, settle, shadow } from './chat-fixture.js';

describe('<poolse-inbox> states', () => {
  it('shows skeleton rows while loading, then the rows', async () => {
    let gateRelease: (() => void) | undefined;
    const { inbox, store, fake } = await renderInbox({
      start: false,
      setup: (f) => {
        f.addConversation({ name: 'Later', members: ['bob', 'carol'] });
        gateRelease = f.holdNext('conversations.list').release;
      },
    });
    const root = shadow(inbox);
    expect(has(root, 'skeleton')).to.equal(true);
    const started = store.start();
    await waitUntil(() => fake.callsTo('conversations.list').length === 1, 'list requested');
    await inbox.updateComplete;
    const skeleton = part(root, 'skeleton')!;
    expect(skeleton.getAttribute('aria-busy')).to.equal('true');
    expect(skeleton.textContent).to.contain('Loading conversations');
    expect(rows(inbox)).to.have.length(0);
    gateRelease?.();
    await started;
    await settle(inbox, () => rows(inbox).length === 1, 'row shown');
    expect(has(root, 'skeleton')).to.equal(false);
  });

  it('shows the empty state, replaceable through the empty slot', async () => {
    const { inbox } = await renderInbox();
    const empty = part(shadow(inbox), 'empty')!;
    expect(empty.textContent).to.contain('No conversations yet');
    const custom = await renderInbox({
      slotted: html`<p slot="empty" id="custom">Say hello to support</p>`,
    });
    const slot = part(shadow(custom.inbox), 'empty')!.querySelector(
      'slot[name="empty"]',
    ) as HTMLSlotElement;
    expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['custom']);
  });

  it('shows an error with a retry button that loads again', async () => {
    const { inbox, store } = await renderInbox({
      setup: (f) => {
        f.addConversation({ name: 'Recovered', members: ['bob', 'carol'] });
        f.failNext('me.show', new FakeApiError(503, 'internal'));
      },
      start: false,
    });
    await store.start();
    await settle(inbox, () => part(shadow(inbox), 'error') !== null, 'error shown');
    const error = part(shadow(inbox), 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('Could not load your conversations.');
    const retry = part(shadow(inbox), 'retry-button') as HTMLButtonElement;
    expect(retry.textContent?.trim()).to.equal('Retry');
    retry.click();
    await settle(inbox, () => rows(inbox).length === 1, 'rows after retry');
    expect(has(shadow(inbox), 'error')).to.equal(false);
  });

  it('offers the header slot', async () => {
    const { inbox } = await renderInbox({
      slotted: html`<strong slot="header" id="brand">Support</strong>`,
    });
    const slot = shadow(inbox).querySelector('slot[name="header"]') as HTMLSlotElement;
    expect(slot.assignedElements().map((e) => e.id)).to.deep.equal(['brand']);
  });
});
