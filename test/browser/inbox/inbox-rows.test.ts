import { expect, waitUntil } from '@open-wc/testing';
import { describe, it } from '../shared/mocha.js';
import type { PoolseAvatar } from '../../../components/avatar/avatar.js';
import {
  has,
  part,
  renderInbox,
  rowNamed,
  rowNames,
  rows,
  settle,
  shadow,
} from './chat-fixture.js';

describe('<poolse-inbox> rows', () => {
  it('shows name, preview, time and initials for direct and group chats', async () => {
    let directId = '';
    const { inbox } = await renderInbox({
      setup: (fake) => {
        const direct = fake.addConversation({ members: ['bob'] });
        directId = direct.id;
        fake.addMessage(direct.id, { from: 'bob', body: 'See you\nat noon' });
        const group = fake.addConversation({ name: 'Lisbon offsite', members: ['bob', 'carol'] });
        fake.addMessage(group.id, { from: 'carol', body: 'Flights booked' });
        fake.addConversation({ members: ['bob', 'carol', 'dave'], type: 'group' });
      },
    });
    // Names of direct chats come from the app's user resolver.
    await settle(inbox, () => rowNames(inbox).includes('Bob Chen'), 'resolved name');
    const direct = rowNamed(inbox, 'Bob Chen');
    expect(direct.dataset.id).to.equal(directId);
    expect(part(direct, 'preview')?.textContent).to.equal('See you at noon');
    expect(part(direct, 'time')?.textContent?.trim()).to.not.equal('');
    const avatar = part(direct, 'avatar') as HTMLElement & { name: string };
    expect(avatar.name).to.equal('Bob Chen');
    expect(avatar.shadowRoot?.querySelector('[part~="initials"]')?.textContent).to.equal('BC');

    expect(part(rowNamed(inbox, 'Lisbon offsite'), 'preview')?.textContent).to.equal(
      'Flights booked',
    );
    // An unnamed group is named after its members; with no message it says so.
    await settle(
      inbox,
      () => rowNames(inbox).includes('Bob Chen, Carol Diaz, Dave Okafor'),
      'member names',
    );
    const unnamed = rowNamed(inbox, 'Bob Chen, Carol Diaz, Dave Okafor');
    expect(part(unnamed, 'preview')?.textContent).to.equal('No messages yet');
    expect(part(unnamed, 'preview')?.dataset.kind).to.equal('empty');
  });

  it('shows unread badges, hides them at zero and caps them at 99+', async () => {
    let quietId = '';
    let busyId = '';
    const { inbox } = await renderInbox({
      setup: (fake) => {
        const quiet = fake.addConversation({ name: 'Quiet', members: ['bob', 'carol'] });
        quietId = quiet.id;
        fake.addMessage(quiet.id, { from: 'alice', body: 'mine' });
        const some = fake.addConversation({ name: 'Some', members: ['bob', 'carol'] });
        for (let i = 0; i < 3; i += 1) fake.addMessage(some.id, { from: 'bob' });
        const busy = fake.addConversation({ name: 'Busy', members: ['bob', 'carol'] });
        busyId = busy.id;
        for (let i = 0; i < 120; i += 1) fake.addMessage(busy.id, { from: 'carol' });
      },
    });
    expect(has(rowNamed(inbox, 'Quiet'), 'badge')).to.equal(false);
    expect(rowNamed(inbox, 'Quiet').hasAttribute('data-unread')).to.equal(false);
    expect(part(rowNamed(inbox, 'Some'), 'badge')?.textContent).to.equal('3');
    expect(rowNamed(inbox, 'Some').textContent).to.contain('3 unread messages');
    const busy = rowNamed(inbox, 'Busy');
    expect(busy.dataset.id).to.equal(busyId);
    expect(part(busy, 'badge')?.textContent).to.equal('99+');
    expect(busy.hasAttribute('data-unread')).to.equal(true);
    expect(quietId).to.not.equal('');
  });

  it('bumps the badge for messages from others, never for your own', async () => {
    let id = '';
    const { inbox, fake } = await renderInbox({
      setup: (f) => {
        id = f.addConversation({ name: 'Team', members: ['bob', 'carol'] }).id;
      },
    });
    const badge = () => part(rowNamed(inbox, 'Team'), 'badge')?.textContent ?? null;
    const preview = () => part(rowNamed(inbox, 'Team'), 'preview')?.textContent;
    fake.postMessage(id, { from: 'alice', body: 'my opening line' });
    await settle(inbox, () => preview() === 'my opening line', 'own preview');
    expect(badge()).to.equal(null);
    fake.postMessage(id, { from: 'bob', body: 'one' });
    await settle(inbox, () => badge() === '1', 'badge 1');
    fake.postMessage(id, { from: 'carol', body: 'two' });
    await settle(inbox, () => badge() === '2', 'badge 2');
    fake.postMessage(id, { from: 'alice', body: 'my own answer' });
    await settle(inbox, () => preview() === 'my own answer', 'preview');
    expect(badge()).to.not.equal('3');
  });

  it('keeps the newest activity first as events arrive', async () => {
    const ids: Record<string, string> = {};
    const { inbox, fake } = await renderInbox({
      setup: (f) => {
        for (const name of ['Oldest', 'Middle', 'Newest']) {
          ids[name] = f.addConversation({ name, members: ['bob', 'carol'] }).id;
          f.addMessage(ids[name], { from: 'bob', body: `hello ${name}` });
        }
      },
    });
    expect(rowNames(inbox)).to.deep.equal(['Newest', 'Middle', 'Oldest']);
    fake.postMessage(ids.Oldest, { from: 'carol', body: 'back on top' });
    await settle(inbox, () => rowNames(inbox)[0] === 'Oldest', 'Oldest moves up');
    expect(rowNames(inbox)).to.deep.equal(['Oldest', 'Newest', 'Middle']);
    expect(part(rowNamed(inbox, 'Oldest'), 'preview')?.textContent).to.equal('back on top');
    fake.postMessage(ids.Middle, { from: 'alice', body: 'me too' });
    await settle(inbox, () => rowNames(inbox)[0] === 'Middle', 'own message moves up too');
    // A conversation someone else creates appears live, on top once it has activity.
    const created = fake.addConversation({ name: 'Brand new', members: ['dave', 'bob'] });
    fake.emitUser('conversation:created', fake.conversation(created.id));
    await settle(
      inbox,
      () => rowNames(inbox).includes('Brand new'),
      'created conversation appears',
    );
    expect(rows(inbox)).to.have.length(4);
  });

  it('shows a presence dot for the other member of a direct chat', async () => {
    let id = '';
    const { inbox, fake, store } = await renderInbox({
      setup: (f) => {
        id = f.addConversation({ members: ['bob'] }).id;
      },
    });
    await store.openConversation(id);
    const avatar = () => part(rows(inbox)[0]!, 'avatar') as PoolseAvatar;
    expect(avatar().presence).to.equal('');
    const bob = fake.provision('bob');
    const bobOnline = fake.presenceOf([bob.id]);
    fake.emit(id, 'presence_state', { ...bobOnline, ...fake.presenceOf([fake.user.id]) });
    await settle(inbox, () => avatar().presence === 'online', 'online dot');
    await avatar().updateComplete;
    const dot = avatar().shadowRoot?.querySelector<HTMLElement>('[part~="presence"]');
    expect(dot?.dataset.state).to.equal('online');
    expect(rows(inbox)[0]!.textContent).to.contain('online');
    fake.emit(id, 'presence_diff', { joins: {}, leaves: bobOnline });
    await settle(inbox, () => avatar().presence === '', 'dot gone');
    store.closeConversation(id);
  });

  it('shows "typing…" in the row while someone types there', async () => {
    let id = '';
    const { inbox, fake, store } = await renderInbox({
      setup: (f) => {
        id = f.addConversation({ members: ['bob'] }).id;
        f.addMessage(id, { from: 'bob', body: 'last words' });
      },
    });
    await store.openConversation(id);
    const preview = () => part(rows(inbox)[0]!, 'preview')!;
    const bob = fake.provision('bob');
    fake.emit(id, 'typing:start', { user_id: bob.id });
    await settle(inbox, () => preview().dataset.kind === 'typing', 'typing shown');
    expect(preview().textContent).to.equal('typing…');
    expect(rows(inbox)[0]!.hasAttribute('data-typing')).to.equal(true);
    fake.emit(id, 'typing:stop', { user_id: bob.id });
    await settle(inbox, () => preview().dataset.kind === 'message', 'preview back');
    expect(preview().textContent).to.equal('last words');
    store.closeConversation(id);
  });

  it('names the person typing in a group', async () => {
    let id = '';
    const { inbox, fake, store } = await renderInbox({
      setup: (f) => {
        id = f.addConversation({ name: 'Crew', members: ['bob', 'carol'] }).id;
      },
    });
    await store.openConversation(id);
    await settle(
      inbox,
      () => Object.keys(store.getState().members[id] ?? {}).length === 3,
      'members loaded',
    );
    fake.emit(id, 'typing:start', { user_id: fake.provision('carol').id });
    const preview = () => part(rowNamed(inbox, 'Crew'), 'preview')!;
    await settle(inbox, () => preview().dataset.kind === 'typing', 'typing shown');
    await settle(inbox, () => preview().textContent === 'Carol Diaz is typing…', 'named');
    store.closeConversation(id);
  });

  it('renders in French through the locale context', async () => {
    const { inbox } = await renderInbox({ locale: 'fr' });
    // The French table loads on first use; English shows until it is there.
    await waitUntil(
      () =>
        shadow(inbox).querySelector('[part~="new-button"]')?.getAttribute('aria-label') ===
        'Nouvelle conversation',
      'the French strings arrive',
    );
    expect(shadow(inbox).querySelector('[part~="empty"]')?.textContent).to.contain(
      'Aucune conversation',
    );
  });
});
