import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import '../../../components/provider/provider.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import { describe, it } from '../shared/mocha.js';
import { PEOPLE, renderInbox, rows, settle } from './chat-fixture.js';

async function populated(theme: 'light' | 'dark') {
  let directId = '';
  const fx = await renderInbox({
    theme,
    setup: (f) => {
      directId = f.addConversation({ members: ['bob'] }).id;
      f.addMessage(directId, { from: 'bob', body: 'Are we still on for lunch?' });
      const group = f.addConversation({
        name: 'Lisbon offsite',
        members: ['bob', 'carol', 'dave'],
      });
      for (let i = 0; i < 4; i += 1)
        f.addMessage(group.id, { from: 'carol', body: 'Flights are booked' });
      f.addConversation({ name: 'Quiet room', members: ['bob', 'carol'] });
    },
  });
  await fx.store.openConversation(directId);
  fx.fake.emit(directId, 'presence_state', fx.fake.presenceOf([fx.fake.provision('bob').id]));
  fx.fake.emit(directId, 'typing:start', { user_id: fx.fake.provision('bob').id });
  fx.store.selectConversation(directId);
  await settle(
    fx.inbox,
    () => rows(fx.inbox).some((r) => r.getAttribute('aria-selected') === 'true'),
    'selected',
  );
  await settle(fx.inbox, () => rows(fx.inbox).some((r) => r.hasAttribute('data-typing')), 'typing');
  return fx;
}

describe('<poolse-inbox> accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe with rows, selection, badges, presence and typing (${theme})`, async () => {
      const { inbox, host, store } = await populated(theme);
      expect(host.getAttribute('theme')).to.equal(theme);
      await expect(inbox).to.be.accessible();
      store.destroy();
    });

    it(`passes axe in the empty, loading and error states (${theme})`, async () => {
      const empty = await renderInbox({ theme });
      await expect(empty.inbox).to.be.accessible();
      const loading = await renderInbox({ theme, start: false });
      await expect(loading.inbox).to.be.accessible();
      const failing = await renderInbox({
        theme,
        start: false,
        setup: (f) => f.failNext('me.show'),
      });
      await failing.store.start();
      await failing.inbox.updateComplete;
      await expect(failing.inbox).to.be.accessible();
    });
  }

  it('follows the OS colour scheme with theme="auto"', async () => {
    const auto = await renderInbox();
    auto.host.setAttribute('theme', 'auto');
    const bg = () => getComputedStyle(auto.inbox).backgroundColor;
    try {
      await emulateMedia({ colorScheme: 'dark' });
      expect(bg()).to.equal('rgb(22, 24, 29)');
      await emulateMedia({ colorScheme: 'light' });
      expect(bg()).to.equal('rgb(255, 255, 255)');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('uses dark tokens under a dark theme', async () => {
    const light = await renderInbox({ theme: 'light' });
    const dark = await renderInbox({ theme: 'dark' });
    const bg = (el: HTMLElement) => getComputedStyle(el).backgroundColor;
    expect(bg(light.inbox)).to.equal('rgb(255, 255, 255)');
    expect(bg(dark.inbox)).to.not.equal(bg(light.inbox));
  });
});

describe('<poolse-inbox> inside <poolse-provider>', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`takes the store and the ${theme} theme from the provider, and passes axe`, async () => {
      const fake = new FakeChatClient({
        externalId: 'alice',
        userResolver: (id) => PEOPLE[id] ?? null,
      });
      const id = fake.addConversation({ members: ['bob'] }).id;
      fake.addMessage(id, { from: 'bob', body: 'Hello from the provider' });
      const provider = await fixture<PoolseProvider>(
        html`<poolse-provider theme=${theme} .client=${fake as unknown as Poolse}
          ><poolse-inbox></poolse-inbox
        ></poolse-provider>`,
      );
      const inbox = provider.querySelector('poolse-inbox')!;
      await settle(inbox, () => rows(inbox).length === 1, 'row from the provider store');
      await settle(inbox, () => rows(inbox)[0]!.textContent!.includes('Bob Chen'), 'resolved name');
      const background = getComputedStyle(inbox).backgroundColor;
      expect(background).to.equal(theme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)');
      rows(inbox)[0]!.click();
      await settle(
        inbox,
        () => provider.activeConversationId === id,
        'provider follows the selection',
      );
      await expect(inbox).to.be.accessible();
    });
  }
});
