import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChatStore } from '../../../src/state/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { openedConversation, sequences, settle } from './harness.js';

describe('gap fill', () => {
  it('after a reconnect, messages sent while offline appear once, in order', async () => {
    const { store, client, conversationId } = await openedConversation(2, {
      store: { pageSize: 2 },
    });
    assert.equal(store.getState().status, 'connected');
    client.setStatus('reconnecting');
    assert.equal(store.getState().status, 'reconnecting');
    // Sent while this client was offline: no pushes reach it.
    for (let i = 0; i < 5; i += 1)
      client.addMessage(conversationId, { from: 'bob', body: `offline ${i}` });
    const gate = client.holdNext('messages.list');
    client.setStatus('connected');
    await gate.reached;
    // A live message arrives while the fill runs: it must wait, then dedupe.
    const live = client.postMessage(conversationId, { from: 'bob', body: 'live after reconnect' });
    client.emit(conversationId, 'message:new', live);
    assert.deepEqual(sequences(store, conversationId), [1, 2], 'live events wait for the fill');
    gate.release();
    await settle(10);
    assert.deepEqual(sequences(store, conversationId), [1, 2, 3, 4, 5, 6, 7, 8]);
    const fills = client
      .callsTo('messages.list')
      .slice(1)
      .map((c) => (c.args[0] as { after?: number }).after);
    assert.equal(fills[0], 2, 'the fill starts after the last sequence seen');
    assert.ok(fills.length >= 3, 'pages until caught up');
    const tl = store.getState().timelines[conversationId];
    assert.equal(tl.lastSeenSequence, 8);
    assert.equal(tl.loadingNewest, false);
    assert.equal(new Set(tl.messageIds).size, tl.messageIds.length);
    store.destroy();
  });

  it('a channel rejoin also fills the gap', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    client.addMessage(conversationId, { from: 'bob', body: 'missed' });
    client.rejoin(conversationId);
    await settle();
    assert.deepEqual(sequences(store, conversationId), [1, 2]);
    store.destroy();
  });

  it('without a join hook (the reference SDK), a new presence snapshot counts as a rejoin', async () => {
    const client = new FakeChatClient();
    const { id } = client.addConversation({ members: ['bob'] });
    client.addMessage(id, { from: 'bob', body: 'seen' });
    const channel = client.realtime.conversation(id) as { onJoin?: unknown };
    channel.onJoin = undefined;
    const store = createChatStore(client);
    await store.start();
    await store.openConversation(id);
    await settle();
    client.addMessage(id, { from: 'bob', body: 'missed' });
    client.emit(id, 'presence_state', client.presenceOf([client.provision('bob').id]));
    await settle();
    assert.deepEqual(sequences(store, id), [1, 2]);
    store.destroy();
  });

  it('a hole in the sequence of live messages fills the gap', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    client.addMessage(conversationId, { from: 'bob', body: 'lost push' });
    const next = client.postMessage(conversationId, { from: 'bob', body: 'after the hole' });
    await settle();
    assert.deepEqual(sequences(store, conversationId), [1, 2, 3]);
    assert.equal(store.getState().timelines[conversationId].byId[next.id].body, 'after the hole');
    store.destroy();
  });

  it('reloads the inbox after a reconnect so unread counts catch up', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    client.setStatus('reconnecting');
    client.addMessage(conversationId, { from: 'bob' });
    client.addMessage(conversationId, { from: 'bob' });
    client.setStatus('connected');
    await settle();
    assert.equal(store.getState().inbox.byId[conversationId].unread_count, 2);
    store.destroy();
  });

  it('a fill that fails keeps the timeline and reports the error; the next reconnect catches up', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    client.setStatus('reconnecting');
    client.addMessage(conversationId, { from: 'bob' });
    client.failNext('messages.list');
    client.setStatus('connected');
    await settle();
    assert.equal(store.getState().timelines[conversationId].error?.code, 'network');
    assert.deepEqual(sequences(store, conversationId), [1]);
    client.setStatus('reconnecting');
    client.setStatus('connected');
    await settle();
    assert.deepEqual(sequences(store, conversationId), [1, 2]);
    assert.equal(store.getState().timelines[conversationId].error, null);
    store.destroy();
  });

  it('a refused join shows as the timeline error', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    client.refuseJoin(conversationId);
    assert.equal(store.getState().timelines[conversationId].error?.code, 'forbidden');
    store.destroy();
  });
});
