import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChatStore } from '../../../src/state/store.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { openedConversation, settle } from './harness.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('typing, presence, receipts, threads, profiles', () => {
  it('shows typing users until typing:stop, their message, or the safety expiry', async () => {
    const { store, client, conversationId } = await openedConversation(0, {
      store: { typingExpiryMs: 60 },
    });
    const bob = client.provision('bob').id;
    const carol = client.provision('carol').id;
    client.emit(conversationId, 'typing:start', { user_id: bob });
    client.emit(conversationId, 'typing:start', { user_id: carol });
    assert.deepEqual(store.getState().typing[conversationId], [bob, carol]);
    client.emit(conversationId, 'typing:stop', { user_id: carol });
    assert.deepEqual(store.getState().typing[conversationId], [bob]);
    client.postMessage(conversationId, { from: 'bob' });
    await settle();
    assert.equal(store.getState().typing[conversationId], undefined, 'a message ends typing');

    client.emit(conversationId, 'typing:start', { user_id: bob });
    assert.deepEqual(store.getState().typing[conversationId], [bob]);
    await wait(100);
    assert.equal(store.getState().typing[conversationId], undefined, 'a lost typing:stop expires');

    const me = store.getState().me?.id ?? '';
    client.emit(conversationId, 'typing:start', { user_id: me });
    assert.equal(
      store.getState().typing[conversationId],
      undefined,
      'never shows the user themself',
    );
    store.destroy();
  });

  it('throttles typing pings', async () => {
    let now = 1000;
    const { store, client, conversationId } = await openedConversation(0, {
      store: { now: () => now, typingThrottleMs: 2000 },
    });
    store.sendTyping(conversationId);
    store.sendTyping(conversationId);
    assert.equal(client.typingPings(conversationId), 1);
    now += 2500;
    store.sendTyping(conversationId);
    assert.equal(client.typingPings(conversationId), 2);
    store.destroy();
  });

  it('tracks presence from the snapshot and diffs, per tab', async () => {
    // Not followed from the inbox, so closing the conversation lets its channel go.
    const { store, client, conversationId } = await openedConversation(0, {
      store: { inboxWatchLimit: 0 },
    });
    const bob = client.provision('bob').id;
    const carol = client.provision('carol').id;
    client.emit(conversationId, 'presence_state', {
      [bob]: { metas: [{ phx_ref: 'b1', online_at: 1 }] },
    });
    assert.deepEqual(store.getState().presence[conversationId], [bob]);
    client.emit(conversationId, 'presence_diff', {
      joins: {
        [carol]: { metas: [{ phx_ref: 'c1', online_at: 2 }] },
        [bob]: { metas: [{ phx_ref: 'b2', online_at: 3 }] },
      },
      leaves: {},
    });
    assert.deepEqual(store.getState().presence[conversationId], [bob, carol].sort());
    client.emit(conversationId, 'presence_diff', {
      joins: {},
      leaves: { [bob]: { metas: [{ phx_ref: 'b1', online_at: 1 }] } },
    });
    assert.deepEqual(
      store.getState().presence[conversationId],
      [bob, carol].sort(),
      'bob still has a tab open',
    );
    const before = store.getState().presence;
    client.emit(conversationId, 'presence_diff', {
      joins: {},
      leaves: { [bob]: { metas: [{ phx_ref: 'b2', online_at: 3 }] } },
    });
    assert.deepEqual(store.getState().presence[conversationId], [carol]);
    assert.notEqual(store.getState().presence, before);
    store.closeConversation(conversationId);
    assert.equal(store.getState().presence[conversationId], undefined);
    assert.equal(client.isJoined(conversationId), false, 'closing leaves the channel');
    await settle();
  });

  it('follows presence and typing of the newest inbox rows without opening them', async () => {
    const client = new FakeChatClient();
    const first = client.addConversation({ members: ['bob'] }).id;
    const second = client.addConversation({ members: ['carol'] }).id;
    const bob = client.provision('bob').id;
    const store = createChatStore(client, { inboxWatchLimit: 1 });
    await store.start();
    await settle();
    const watched = store.getState().inbox.ids[0]!;
    const other = watched === first ? second : first;
    assert.equal(client.isJoined(watched), true, 'the newest row is followed');
    assert.equal(client.isJoined(other), false, 'rows past the limit are not');
    client.emit(watched, 'presence_state', { [bob]: { metas: [{ phx_ref: 'b1', online_at: 1 }] } });
    client.emit(watched, 'typing:start', { user_id: bob });
    assert.deepEqual(store.getState().presence[watched], [bob]);
    assert.deepEqual(store.getState().typing[watched], [bob]);
    assert.equal(store.getState().timelines[watched], undefined, 'no timeline was loaded');
    // Opening and closing it keeps the channel: the inbox still follows it.
    await store.openConversation(watched);
    store.closeConversation(watched);
    assert.equal(client.isJoined(watched), true);
    assert.deepEqual(store.getState().presence[watched], [bob]);
    store.destroy();
    assert.equal(client.isJoined(watched), false, 'destroy leaves every channel');
  });

  it('keeps read receipts per member from the member list and member:read', async () => {
    const { store, client, conversationId } = await openedConversation(3);
    const bob = client.provision('bob').id;
    const [m1, , m3] = client.mainFeed(conversationId);
    client.emit(conversationId, 'member:read', {
      user_id: bob,
      conversation_id: conversationId,
      last_read_message_id: m3.id,
      last_read_at: new Date().toISOString(),
    });
    assert.deepEqual(store.getState().receipts[conversationId][bob], {
      userId: bob,
      messageId: m3.id,
      sequence: 3,
      at: store.getState().receipts[conversationId][bob].at,
    });
    client.emit(conversationId, 'member:read', {
      user_id: bob,
      conversation_id: conversationId,
      last_read_message_id: m1.id,
      last_read_at: new Date().toISOString(),
    });
    assert.equal(
      store.getState().receipts[conversationId][bob].sequence,
      3,
      'never moves backwards',
    );
    assert.equal(store.getState().members[conversationId][bob].external_id, 'bob');
    store.destroy();
  });

  it('loads a thread on demand and keeps reply_count live', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    const root = client.postMessage(conversationId, { from: 'bob', body: 'root' });
    await settle();
    client.addMessage(conversationId, { from: 'bob', replyToId: root.id, body: 'r1' });
    await store.loadThread(root.id);
    const thread = () => store.getState().threads[root.id];
    assert.deepEqual(
      thread().replyIds.map((id) => thread().byId[id].body),
      ['r1'],
    );
    assert.equal(thread().loaded, true);

    const r2 = client.postMessage(conversationId, { from: 'bob', replyToId: root.id, body: 'r2' });
    await settle();
    assert.deepEqual(
      thread().replyIds.map((id) => thread().byId[id].body),
      ['r1', 'r2'],
    );
    const rootNow = store.getState().timelines[conversationId].byId[root.id];
    assert.equal(
      rootNow.reply_count,
      2,
      'counted from the replies seen: the loaded one and the live one',
    );
    // The root's own update (with the server's count) arrives and is not counted twice.
    client.emit(conversationId, 'message:updated', client.findMessage(root.id) ?? root);
    client.emit(conversationId, 'message:new', r2);
    await settle();
    assert.equal(store.getState().timelines[conversationId].byId[root.id].reply_count, 2);
    assert.equal(
      store.getState().timelines[conversationId].messageIds.length,
      1,
      'replies stay out of the main feed',
    );

    const id = store.send(conversationId, { body: 'my reply', replyToId: root.id });
    assert.deepEqual(thread().pendingIds, [id]);
    await settle();
    assert.deepEqual(
      thread().replyIds.map((i) => thread().byId[i].body),
      ['r1', 'r2', 'my reply'],
    );
    assert.deepEqual(thread().pendingIds, []);
    store.destroy();
  });

  it('resolves profiles through the users cache, falling back to the external id', async () => {
    const { store, client } = await openedConversation(0, {
      client: {
        userResolver: (ext) =>
          ext === 'bob' ? { displayName: 'Bob Builder', avatarUrl: '/bob.png' } : null,
      },
    });
    const first = store.resolveUser('bob');
    assert.equal(first.displayName, 'bob');
    assert.equal(first.resolved, false);
    await settle();
    assert.deepEqual(store.getState().profiles.bob, {
      externalId: 'bob',
      displayName: 'Bob Builder',
      avatarUrl: '/bob.png',
      resolved: true,
    });
    assert.equal(store.resolveUser('bob'), store.getState().profiles.bob);
    store.resolveUser('stranger');
    store.resolveUser('me');
    await settle();
    assert.equal(store.getState().profiles.stranger.displayName, 'stranger');
    assert.equal(store.getState().profiles.me.displayName, 'Me', "the user's own display_name");
    assert.equal(client.callsTo('users.get').length, 3, 'one lookup per user');
    store.destroy();
  });

  it('drafts are kept per conversation', async () => {
    const { store, conversationId } = await openedConversation(0);
    store.setDraft(conversationId, { body: 'half a thought' });
    assert.equal(store.getState().drafts[conversationId].body, 'half a thought');
    store.setDraft(conversationId, null);
    assert.equal(store.getState().drafts[conversationId], undefined);
    store.selectConversation(conversationId);
    assert.equal(store.getState().activeConversationId, conversationId);
    store.destroy();
  });

  it('destroy leaves the channels and stops updating', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    const before = store.getState();
    store.destroy();
    assert.equal(client.isJoined(conversationId), false);
    client.postMessage(conversationId, { from: 'bob' });
    await settle();
    assert.equal(store.getState(), before);
  });
});
