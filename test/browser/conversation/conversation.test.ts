import { expect, html } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../../components/conversation/conversation.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import type { PoolseMessage } from '../../../components/message/message.js';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import {
  makeAttachment,
  messageByBody,
  messages,
  mountInRoot,
  openConversation,
  partOf,
  rows,
  settle,
  startChat,
  until,
} from './support.js';

describe('<poolse-conversation>', () => {
  // The virtualizer's own measuring can outrun one observation round; browsers report it, harmlessly.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('shows the empty slot when no conversation is selected', async () => {
    const { store } = await startChat();
    await store.start();
    const { element: el } = await mountInRoot<PoolseConversation>(
      store,
      html`<poolse-conversation></poolse-conversation>`,
    );
    expect(partOf(el, 'empty-title')?.textContent).to.equal('No conversation selected');
    expect(el.shadowRoot!.querySelector('slot[name="empty"]')).to.exist;
  });

  it('shows the header with the other person and their presence', async () => {
    const { el, client, conversation, store } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { from: 'alice', body: 'hi' });
    });
    expect(partOf(el, 'title')?.textContent).to.equal('alice');
    expect(partOf(el, 'subtitle')?.textContent?.trim()).to.equal('Offline');
    const aliceId = client.provision('alice').id;
    client.emit(conversation.id, 'presence_state', client.presenceOf([aliceId, client.user.id]));
    await until(
      () => (store.getState().presence[conversation.id] ?? []).includes(aliceId),
      'presence',
    );
    await el.updateComplete;
    expect(partOf(el, 'subtitle')?.textContent?.trim()).to.equal('Online');
  });

  it('groups messages by sender and time and separates days', async () => {
    const { el } = await openConversation((c, conv) => {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      const old = c.addMessage(conv.id, { from: 'alice', body: 'yesterday' });
      c.patchMessage(old.id, (m) => ({ ...m, inserted_at: yesterday, updated_at: yesterday }));
      c.addMessage(conv.id, { from: 'alice', body: 'one' });
      c.addMessage(conv.id, { from: 'alice', body: 'two' });
      const late = c.addMessage(conv.id, { from: 'alice', body: 'much later' });
      const later = new Date(Date.now() + 10 * 60_000).toISOString();
      c.patchMessage(late.id, (m) => ({ ...m, inserted_at: later, updated_at: later }));
      c.addMessage(conv.id, { body: 'mine' });
    });
    const [one, two, late, mine] = ['one', 'two', 'much later', 'mine'].map((b) =>
      messageByBody(el, b),
    );
    // Same sender within five minutes: one header; a new day, a gap or another sender: a new one.
    expect(one!.continued).to.equal(false);
    expect(two!.continued).to.equal(true);
    expect(late!.continued).to.equal(false);
    expect(mine!.continued).to.equal(false);
    expect(two!.shadowRoot!.querySelector('[part~="sender"]')).to.equal(null);
    expect(one!.shadowRoot!.querySelector('[part~="sender"]')?.textContent).to.equal('alice');
    expect(mine!.hasAttribute('own')).to.equal(true);
    const labels = rows(el).map((r) =>
      r.localName === 'poolse-message' ? (r as PoolseMessage).message?.body : r.textContent,
    );
    expect(labels.slice(0, 4)).to.deep.equal(['Yesterday', 'yesterday', 'Today', 'one']);
  });

  it('puts the unread divider above the first unread message', async () => {
    const { el } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { body: 'I wrote this' });
      c.addMessage(conv.id, { from: 'alice', body: 'first unread' });
      c.addMessage(conv.id, { from: 'alice', body: 'second unread' });
    });
    const keys = rows(el).map((r) =>
      r.localName === 'poolse-message'
        ? (r as PoolseMessage).message?.body
        : r.getAttribute('part'),
    );
    expect(keys).to.deep.equal(['day', 'I wrote this', 'unread', 'first unread', 'second unread']);
    const divider = rows(el).find((r) => r.getAttribute('part') === 'unread')!;
    expect(divider.textContent).to.equal('New messages');
  });

  it('marks the conversation read when the newest message is on screen', async () => {
    const { client, conversation } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { from: 'alice', body: 'read me' });
    });
    await until(() => client.callsTo('messages.markRead').length > 0, 'markRead');
    const newest = client.mainFeed(conversation.id).at(-1)!;
    expect(client.callsTo('messages.markRead')[0]!.args).to.deep.equal([newest.id]);
  });

  it('says who is typing', async () => {
    const { el, client, conversation } = await openConversation(() => undefined, {
      members: ['alice', 'bob', 'carol'],
      name: 'Team',
    });
    const typing = () => partOf(el, 'typing')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(typing()).to.equal('');
    const ids = ['alice', 'bob', 'carol'].map((x) => client.provision(x).id);
    await until(() => Object.keys(client.membershipsOf(conversation.id)).length > 0, 'members');
    client.emit(conversation.id, 'typing:start', { user_id: ids[0]! });
    await until(() => typing() === 'alice is typing…', `one typing, got "${typing()}"`);
    client.emit(conversation.id, 'typing:start', { user_id: ids[1]! });
    await until(() => typing() === 'alice and bob are typing…', `two typing, got "${typing()}"`);
    client.emit(conversation.id, 'typing:start', { user_id: ids[2]! });
    await until(() => typing() === '3 people are typing…', `three typing, got "${typing()}"`);
  });

  it('shows a banner while realtime reconnects', async () => {
    const { el, client } = await openConversation();
    expect(partOf(el, 'banner')).to.equal(null);
    client.setStatus('reconnecting');
    await until(() => !!partOf(el, 'banner'), 'the banner');
    expect(partOf(el, 'banner')!.getAttribute('role')).to.equal('status');
    expect(partOf(el, 'banner')!.textContent).to.contain('Reconnecting');
    client.setStatus('connected');
    await until(() => !partOf(el, 'banner'), 'the banner to go');
  });

  it('toggles a reaction through the store', async () => {
    const { el, client } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { from: 'alice', body: 'react to me' });
    });
    const message = messageByBody(el, 'react to me');
    const reactions = message.shadowRoot!.querySelector('poolse-reactions')!;
    await reactions.openPicker();
    const thumbs = reactions.shadowRoot!.querySelector<HTMLButtonElement>('[part~="quick-emoji"]')!;
    expect(thumbs.textContent?.trim()).to.equal('👍');
    thumbs.click();
    await until(() => client.callsTo('message.addReaction').length === 1, 'addReaction');
    expect(client.callsTo('message.addReaction')[0]!.args).to.deep.equal(['👍']);
    await until(
      () => !!reactions.shadowRoot!.querySelector('[part~="reaction-own"]'),
      'the own chip',
    );
    const chip = reactions.shadowRoot!.querySelector<HTMLButtonElement>('[part~="reaction-own"]')!;
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    chip.click();
    await until(() => client.callsTo('message.removeReaction').length === 1, 'removeReaction');
  });

  it('lets a listener cancel a reaction', async () => {
    const { el, client } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { from: 'alice', body: 'no reactions here' });
    });
    el.addEventListener('poolse-reaction-toggle', (e) => e.preventDefault());
    const reactions = messageByBody(el, 'no reactions here').shadowRoot!.querySelector(
      'poolse-reactions',
    )!;
    reactions.toggle('🎉');
    await new Promise((r) => setTimeout(r, 30));
    expect(client.callsTo('message.addReaction')).to.have.length(0);
  });

  it('opens the message menu by keyboard and quotes through the store draft', async () => {
    const { el, store, conversation } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { from: 'alice', body: 'quote me' });
    });
    const message = messageByBody(el, 'quote me');
    const trigger = message.shadowRoot!.querySelector<HTMLButtonElement>('[data-menu-trigger]')!;
    expect(trigger.getAttribute('aria-label')).to.equal('More actions');
    trigger.focus();
    await message.openMenu();
    const items = [...message.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    expect(items.map((i) => i.dataset['action'])).to.deep.equal([
      'reply',
      'quote',
      'react',
      'copy',
    ]);
    expect(message.shadowRoot!.activeElement).to.equal(items[0]);
    items[0]!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }),
    );
    expect(message.shadowRoot!.activeElement).to.equal(items[1]);
    items[1]!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }),
    );
    expect(message.shadowRoot!.activeElement).to.equal(items[3]);
    items[3]!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }),
    );
    expect(message.shadowRoot!.activeElement).to.equal(items[0]);
    items[1]!.click();
    expect(store.getState().drafts[conversation.id]?.quotedMessageId).to.equal(message.message!.id);
  });

  it('edits own messages through the store draft', async () => {
    const { el, store, conversation } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { body: 'my typo' });
    });
    const message = messageByBody(el, 'my typo');
    await message.openMenu();
    const actions = [...message.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].map(
      (i) => i.dataset['action'],
    );
    expect(actions).to.deep.equal(['reply', 'quote', 'react', 'copy', 'edit', 'delete']);
    message.shadowRoot!.querySelector<HTMLElement>('[data-action="edit"]')!.click();
    const draft = store.getState().drafts[conversation.id];
    expect(draft?.editingMessageId).to.equal(message.message!.id);
    expect(draft?.body).to.equal('my typo');
    // A keyboard user lands in the composer, ready to type.
    const composer = el.shadowRoot!.querySelector('poolse-composer')!;
    await until(
      () => composer.shadowRoot!.activeElement?.localName === 'textarea',
      'focus in the composer',
    );
  });

  it('asks before deleting, and deletes only when confirmed', async () => {
    const { el, client } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { body: 'delete me' });
    });
    const message = messageByBody(el, 'delete me');
    await message.openMenu();
    message.shadowRoot!.querySelector<HTMLElement>('[data-action="delete"]')!.click();
    await message.updateComplete;
    const dialog = message.shadowRoot!.querySelector<HTMLDialogElement>('[part~="confirm"]')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Delete this message?');
    expect(client.callsTo('message.delete')).to.have.length(0);
    message.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm-cancel"]')!.click();
    await message.updateComplete;
    expect(client.callsTo('message.delete')).to.have.length(0);

    await message.openMenu();
    message.shadowRoot!.querySelector<HTMLElement>('[data-action="delete"]')!.click();
    await message.updateComplete;
    message.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm-delete"]')!.click();
    await until(() => client.callsTo('message.delete').length === 1, 'the delete');
    await until(() => !!messages(el).find((m) => m.message?.deleted_at), 'the tombstone');
  });

  it('opens a thread panel with the root and its replies oldest first, and closes it', async () => {
    let rootId = '';
    const { el, client } = await openConversation((c, conv) => {
      const root = c.addMessage(conv.id, { from: 'alice', body: 'thread root' });
      rootId = root.id;
      c.addMessage(conv.id, { from: 'alice', body: 'reply one', replyToId: root.id });
      c.addMessage(conv.id, { body: 'reply two', replyToId: root.id });
    });
    const root = messageByBody(el, 'thread root');
    expect(partOf(root, 'replies')?.textContent).to.contain('2 replies');
    partOf(root, 'replies')!.focus();
    partOf(root, 'replies')!.click();
    await el.updateComplete;
    const thread = el.shadowRoot!.querySelector('poolse-thread')!;
    expect(thread).to.exist;
    await until(() => client.callsTo('message.replies').length > 0, 'the replies load');
    await until(
      () => thread.shadowRoot!.querySelectorAll('[part~="replies"] poolse-message').length === 2,
      'replies',
    );
    const bodies = [...thread.shadowRoot!.querySelectorAll<PoolseMessage>('poolse-message')].map(
      (m) => m.message?.body,
    );
    expect(bodies).to.deep.equal(['thread root', 'reply one', 'reply two']);
    expect(client.callsTo('message.replies')[0]!.target).to.equal(rootId);
    const composer = thread.shadowRoot!.querySelector('poolse-composer');
    expect(composer?.getAttribute('thread-root-id')).to.equal(rootId);
    await until(
      () => thread.shadowRoot!.activeElement === composer,
      'the thread composer to take focus',
    );
    partOf(thread, 'close-button')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('poolse-thread')).to.equal(null);
    expect(root.shadowRoot!.activeElement).to.equal(partOf(root, 'replies'));
  });

  it('shows the conversation named by conversation-id, whatever the provider selected', async () => {
    const { client, store } = await startChat();
    const first = client.addConversation({ members: ['alice'] });
    const second = client.addConversation({ members: ['bob', 'carol'], name: 'Second' });
    client.addMessage(second.id, { from: 'bob', body: 'in the second' });
    await store.start();
    store.selectConversation(first.id);
    const { element: el } = await mountInRoot<PoolseConversation>(
      store,
      html`<poolse-conversation conversation-id=${second.id}></poolse-conversation>`,
    );
    await until(() => !!store.getState().timelines[second.id]?.loaded, 'the second timeline');
    await settle(el);
    expect(partOf(el, 'title')?.textContent).to.equal('Second');
    expect(messages(el).map((m) => m.message?.body)).to.deep.equal(['in the second']);
    expect(client.isJoined(second.id)).to.equal(true);
  });

  it('speaks the provider’s language', async () => {
    const { el, client, conversation } = await openConversation(
      (c, conv) => {
        c.addMessage(conv.id, { from: 'alice', body: 'bonjour' });
      },
      { members: ['alice', 'bob'], name: 'Équipe' },
    );
    el.locale = 'fr';
    await el.updateComplete;
    await until(() => Object.keys(client.membershipsOf(conversation.id)).length > 0, 'members');
    client.emit(conversation.id, 'typing:start', { user_id: client.provision('alice').id });
    await until(
      () => partOf(el, 'typing')!.textContent!.includes('alice écrit…'),
      'French typing line',
    );
    expect(partOf(el, 'subtitle')?.textContent?.trim()).to.equal('3 membres');
    const message = messageByBody(el, 'bonjour');
    await message.updateComplete;
    expect(
      message.shadowRoot!.querySelector('[data-menu-trigger]')!.getAttribute('aria-label'),
    ).to.equal('Plus d’actions');
  });

  it('keeps the thread panel accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { el } = await openConversation(
        (c, conv) => {
          const root = c.addMessage(conv.id, { from: 'alice', body: 'root' });
          c.addMessage(conv.id, { from: 'alice', body: 'a reply', replyToId: root.id });
        },
        { theme },
      );
      partOf(messageByBody(el, 'root'), 'replies')!.click();
      await el.updateComplete;
      const thread = el.shadowRoot!.querySelector('poolse-thread')!;
      await until(
        () => thread.shadowRoot!.querySelectorAll('[part~="replies"] poolse-message').length === 1,
        'the reply',
      );
      await expect(thread).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });
      // The next theme's fixture must be on screen for its virtualizer to render rows.
      el.parentElement!.remove();
    }
  });

  it("shows image attachments with download URLs from the store's client", async () => {
    const asked: string[] = [];
    const sdk = {
      attachments: {
        one: (id: string) => ({
          downloadUrl: () => {
            asked.push(id);
            return Promise.resolve({
              url: `https://files.example/${id}.png`,
              method: 'get' as const,
            });
          },
        }),
      },
    };
    const image = makeAttachment({ content_type: 'image/png', original_filename: 'photo.png' });
    const { el } = await openConversation((c, conv) => {
      Object.assign(c, sdk); // the fake gains the SDK's attachments resource
      const m = c.addMessage(conv.id, { from: 'alice', body: 'look' });
      c.patchMessage(m.id, (x) => ({ ...x, attachments: [image] }));
    });
    const message = messageByBody(el, 'look');
    await until(() => !!message.shadowRoot!.querySelector('[part~="image"]'), 'the thumbnail');
    expect(
      message.shadowRoot!.querySelector<HTMLImageElement>('[part~="image"]')!.getAttribute('src'),
    ).to.equal(`https://files.example/${image.id}.png`);
    expect(asked).to.deep.equal([image.id]);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { el } = await openConversation(
        (c, conv) => {
          c.addMessage(conv.id, { from: 'alice', body: 'Hello @me, look at https://example.com' });
          c.addMessage(conv.id, { body: 'Nice!' });
        },
        { theme },
      );
      // The composer's textarea-as-combobox is the composer's own concern (and its own tests); every other rule applies.
      expect(messages(el).length).to.equal(2);
      await expect(el.parentElement).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });
      el.parentElement!.remove();
    }
  });
});
