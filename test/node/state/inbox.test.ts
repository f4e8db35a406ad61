import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChatStore, totalUnread } from '../../../src/state/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { openedConversation, settle } from './harness.js';

describe('inbox', () => {
  it('lists conversations newest activity first and moves one to the top when a message arrives', async () => {
    const client = new FakeChatClient();
    const a = client.addConversation({ members: ['ann'] });
    const b = client.addConversation({ members: ['bob'] });
    const c = client.addConversation({ members: ['cid'] });
    client.addMessage(a.id, { from: 'ann' });
    client.addMessage(c.id, { from: 'cid' });
    const store = createChatStore(client);
    await store.start();
    const state = store.getState();
    assert.equal(state.started, true);
    assert.equal(state.me?.external_id, 'me');
    assert.deepEqual(state.inbox.ids, [c.id, a.id, b.id]);

    client.postMessage(b.id, { from: 'bob', body: 'wake up' });
    await settle();
    assert.deepEqual(store.getState().inbox.ids, [b.id, c.id, a.id]);
    assert.equal(store.getState().inbox.byId[b.id].last_message_preview, 'wake up');
    store.destroy();
  });

  it('adds a conversation the user was added to', async () => {
    const client = new FakeChatClient();
    const store = createChatStore(client);
    await store.start();
    const created = client.addConversation({ members: ['dan'] });
    client.emitUser('conversation:created', client.conversation(created.id));
    await settle();
    assert.deepEqual(store.getState().inbox.ids, [created.id]);
    const made = await store.createConversation({
      type: 'group',
      name: 'team',
      member_external_ids: ['x', 'y'],
    });
    assert.deepEqual(store.getState().inbox.ids, [made.id, created.id]);
    assert.equal(store.getState().inbox.byId[made.id].name, 'team');
    store.destroy();
  });

  it("counts others' messages as unread and never the user's own", async () => {
    const client = new FakeChatClient();
    const conv = client.addConversation({ members: ['bob'] });
    client.addMessage(conv.id, { from: 'bob' });
    const store = createChatStore(client);
    await store.start();
    const unread = () => store.getState().inbox.byId[conv.id].unread_count;
    assert.equal(unread(), 1, 'from the server list');

    client.postMessage(conv.id, { from: 'bob' });
    client.postMessage(conv.id, { from: 'bob' });
    await settle();
    assert.equal(unread(), 3);
    assert.equal(totalUnread(store.getState()), 3);

    client.postMessage(conv.id, { from: 'me', body: 'my reply' });
    await settle();
    assert.equal(unread(), 0, 'replying means the user has read the conversation');

    client.postMessage(conv.id, { from: 'me', body: 'and more' });
    await settle();
    assert.equal(unread(), 0, "the user's own messages never count");

    client.postMessage(conv.id, { from: 'bob' });
    await settle();
    assert.equal(unread(), 1);

    // A repeated update for the same message does not count twice.
    client.emitUser('conversation:updated', {
      conversation: client.conversation(conv.id),
      by_user_id: client.provision('bob').id,
    });
    await settle();
    assert.equal(unread(), 1);
    store.destroy();
  });

  it('marks read once per newest sequence and clears the unread count', async () => {
    const { store, client, conversationId } = await openedConversation(3);
    assert.equal(store.getState().inbox.byId[conversationId].unread_count, 3);
    await store.markRead(conversationId);
    await store.markRead(conversationId);
    const posts = client.callsTo('messages.markRead');
    assert.equal(posts.length, 1, 'posted once for the same sequence');
    const newest = client.mainFeed(conversationId).at(-1);
    assert.deepEqual(posts[0].args, [newest?.id]);
    assert.equal(store.getState().inbox.byId[conversationId].unread_count, 0);
    const me = store.getState().me?.id ?? '';
    assert.equal(store.getState().receipts[conversationId][me].sequence, 3);

    client.postMessage(conversationId, { from: 'bob' });
    await settle();
    assert.equal(store.getState().inbox.byId[conversationId].unread_count, 1);
    await store.markRead(conversationId);
    assert.equal(client.callsTo('messages.markRead').length, 2, 'a newer message is posted again');
    assert.equal(store.getState().inbox.byId[conversationId].unread_count, 0);
    store.destroy();
  });

  it('posts a read again after a failed post', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    client.failNext('messages.markRead');
    await store.markRead(conversationId);
    await store.markRead(conversationId);
    assert.equal(client.callsTo('messages.markRead').length, 2);
    store.destroy();
  });

  it('records a start failure as an error and can start again', async () => {
    const client = new FakeChatClient();
    client.failNext('me.show');
    const store = createChatStore(client);
    await store.start();
    assert.equal(store.getState().error?.code, 'network');
    assert.equal(store.getState().started, false);
    await store.start();
    assert.equal(store.getState().started, true);
    store.destroy();
  });
});

describe('inbox and threads', () => {
  it('a thread reply does not count as unread in the inbox', async () => {
    const client = new FakeChatClient();
    const conv = client.addConversation({ members: ['bob'] });
    const root = client.addMessage(conv.id, { from: 'me', body: 'root' });
    const store = createChatStore(client);
    await store.start();
    client.postMessage(conv.id, { from: 'bob', replyToId: root.id, body: 'in the thread' });
    await settle();
    const row = store.getState().inbox.byId[conv.id];
    assert.equal(row.unread_count, 0);
    assert.equal(row.last_sequence, 2);
    assert.equal(row.last_message_preview, 'root');
    store.destroy();
  });
});
