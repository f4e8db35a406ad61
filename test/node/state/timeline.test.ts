import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChatStore } from '../../../src/state/index.js';
import { mergeMessages } from '../../../src/state/timeline.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { bodies, openedConversation, sequences, settle } from './harness.js';

describe('timeline', () => {
  it('loads the newest page in sequence order, with hasOlder and older pages on demand', async () => {
    const { store, client, conversationId } = await openedConversation(7, {
      store: { pageSize: 3 },
    });
    let tl = store.getState().timelines[conversationId];
    assert.deepEqual(sequences(store, conversationId), [5, 6, 7]);
    assert.equal(tl.hasOlder, true);
    assert.equal(tl.loaded, true);
    assert.equal(tl.loadingNewest, false);
    await store.loadOlder(conversationId);
    assert.deepEqual(sequences(store, conversationId), [2, 3, 4, 5, 6, 7]);
    await store.loadOlder(conversationId);
    tl = store.getState().timelines[conversationId];
    assert.deepEqual(sequences(store, conversationId), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(tl.hasOlder, false);
    const before = client.callsTo('messages.list').length;
    await store.loadOlder(conversationId);
    assert.equal(
      client.callsTo('messages.list').length,
      before,
      'no request when nothing older exists',
    );
  });

  it('shows a message once when its REST answer comes before its echo', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    const id = store.send(conversationId, { body: 'hi bob' });
    assert.equal(store.getState().outbox[id].status, 'pending');
    assert.deepEqual(store.getState().timelines[conversationId].pendingIds, [id]);
    await settle();
    const stored = client.findMessage(id);
    assert.ok(stored, 'the server holds the message under the client-chosen id');
    assert.equal(store.getState().outbox[id], undefined);
    client.echo(stored);
    await settle();
    assert.deepEqual(bodies(store, conversationId), ['hello 1', 'hi bob']);
    assert.deepEqual(store.getState().timelines[conversationId].pendingIds, []);
  });

  it('shows a message once when its echo comes before its REST answer', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    client.autoEcho = true;
    const gate = client.holdNext('messages.send');
    const id = store.send(conversationId, { body: 'echo first' });
    await gate.reached;
    // Let the fake store and echo it, but keep the answer on hold.
    const stored = client.addMessage(conversationId, { id, body: 'echo first' });
    client.echo(stored);
    await settle();
    assert.deepEqual(bodies(store, conversationId), ['hello 1', 'echo first']);
    assert.equal(store.getState().outbox[id], undefined, 'the echo confirmed the send');
    gate.release();
    await settle();
    assert.deepEqual(bodies(store, conversationId), ['hello 1', 'echo first']);
    assert.equal(client.mainFeed(conversationId).length, 2);
  });

  it('orders live messages that arrive out of order, and ignores repeats', async () => {
    const { store, client, conversationId } = await openedConversation(2);
    const m3 = client.addMessage(conversationId, { from: 'bob', body: 'three' });
    const m4 = client.addMessage(conversationId, { from: 'bob', body: 'four' });
    const m5 = client.addMessage(conversationId, { from: 'bob', body: 'five' });
    client.emit(conversationId, 'message:new', m5);
    client.emit(conversationId, 'message:new', m3);
    client.emit(conversationId, 'message:new', m4);
    client.emit(conversationId, 'message:new', m3);
    await settle();
    assert.deepEqual(bodies(store, conversationId), [
      'hello 1',
      'hello 2',
      'three',
      'four',
      'five',
    ]);
    assert.equal(store.getState().timelines[conversationId].lastSeenSequence, 5);
  });

  it('applies an edit that arrives before its message, and drops one older than the message', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    const original = client.addMessage(conversationId, { from: 'bob', body: 'typo' });
    const edited = client.patchMessage(original.id, (m) => ({
      ...m,
      body: 'fixed',
      edited_at: new Date().toISOString(),
      updated_at: new Date(Date.parse(m.updated_at) + 1000).toISOString(),
    }));
    client.emit(conversationId, 'message:updated', edited);
    await settle();
    assert.deepEqual(
      bodies(store, conversationId),
      ['hello 1'],
      'an update alone does not create a message',
    );
    client.emit(conversationId, 'message:new', original);
    await settle();
    assert.deepEqual(bodies(store, conversationId), ['hello 1', 'fixed']);

    const later = client.addMessage(conversationId, { from: 'bob', body: 'current' });
    const stale = {
      ...later,
      body: 'stale',
      updated_at: new Date(Date.parse(later.updated_at) - 1000).toISOString(),
    };
    client.emit(conversationId, 'message:updated', stale);
    client.emit(conversationId, 'message:new', later);
    await settle();
    assert.deepEqual(bodies(store, conversationId), ['hello 1', 'fixed', 'current']);
  });

  it('keeps a deleted message of a loaded page as deleted, and never revives a deleted one', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    client.addMessage(conversationId, { from: 'bob', body: 'kept' });
    const gone = client.addMessage(conversationId, {
      from: 'bob',
      deletedAt: new Date().toISOString(),
    });
    const store2 = createChatStore(client);
    await store2.start();
    await store2.openConversation(conversationId);
    const tl = store2.getState().timelines[conversationId];
    assert.equal(tl.messageIds.length, 2);
    assert.equal(tl.byId[gone.id].body, null);
    assert.ok(tl.byId[gone.id].deleted_at);

    const live = client.postMessage(conversationId, { from: 'bob', body: 'oops' });
    await settle();
    client.emit(conversationId, 'message:deleted', {
      id: live.id,
      conversation_id: conversationId,
      deleted_at: new Date().toISOString(),
    });
    client.emit(conversationId, 'message:updated', {
      ...live,
      body: 'oops again',
      updated_at: new Date(Date.now() + 5000).toISOString(),
    });
    await settle();
    const after = store.getState().timelines[conversationId].byId[live.id];
    assert.equal(after.body, null);
    assert.ok(after.deleted_at);
    store2.destroy();
  });

  it('applies reaction events idempotently, also when they arrive before the message', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    const bob = client.provision('bob').id;
    const m = client.addMessage(conversationId, { from: 'bob', body: 'react to me' });
    client.emit(conversationId, 'reaction:added', {
      message_id: m.id,
      conversation_id: conversationId,
      emoji: '👍',
      user_id: bob,
    });
    client.emit(conversationId, 'message:new', m);
    client.emit(conversationId, 'reaction:added', {
      message_id: m.id,
      conversation_id: conversationId,
      emoji: '👍',
      user_id: bob,
    });
    await settle();
    assert.deepEqual(store.getState().timelines[conversationId].byId[m.id].reactions, {
      '👍': [bob],
    });
    client.emit(conversationId, 'reaction:removed', {
      message_id: m.id,
      conversation_id: conversationId,
      emoji: '👍',
      user_id: bob,
    });
    await settle();
    assert.deepEqual(store.getState().timelines[conversationId].byId[m.id].reactions, {});
  });

  it('keeps unrelated slices by reference when a message arrives', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    const other = client.addConversation({ members: ['carol'] });
    await store.openConversation(other.id);
    const before = store.getState();
    client.postMessage(conversationId, { from: 'bob', body: 'new' });
    await settle();
    const after = store.getState();
    assert.notEqual(after.timelines[conversationId], before.timelines[conversationId]);
    assert.equal(after.timelines[other.id], before.timelines[other.id]);
    assert.equal(after.presence, before.presence);
    const first = before.timelines[conversationId].messageIds[0];
    assert.equal(
      after.timelines[conversationId].byId[first],
      before.timelines[conversationId].byId[first],
    );
  });

  it('merges by binary insertion: any arrival order gives sequence order without duplicates', () => {
    const client = new FakeChatClient();
    const { id } = client.addConversation();
    const all = Array.from({ length: 20 }, (_, i) => client.addMessage(id, { body: `m${i + 1}` }));
    const shuffled = [...all, ...all.slice(3, 9)].sort(() => Math.random() - 0.5);
    let collection = { ids: [] as readonly string[], byId: {} };
    for (const m of shuffled) collection = mergeMessages(collection, [m]);
    assert.deepEqual(
      collection.ids,
      all.map((m) => m.id),
    );
    const same = mergeMessages(collection, [all[4]]);
    assert.equal(same, collection, 'a repeat leaves the collection untouched');
  });
});
