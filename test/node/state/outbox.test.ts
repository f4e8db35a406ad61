import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timelineItems } from '../../../src/state/index.js';
import { FakeApiError, FakeNetworkError } from '../../support/fake-chat-client.js';
import { bodies, openedConversation, settle } from './harness.js';

describe('outbox', () => {
  it('shows a send at once as pending, at the end, under the client-chosen id', async () => {
    const { store, client, conversationId } = await openedConversation(2, {
      store: { generateId: () => 'client-id-1' },
    });
    const gate = client.holdNext('messages.send');
    const id = store.send(conversationId, { body: 'on its way' });
    assert.equal(id, 'client-id-1');
    const items = timelineItems(conversationId)(store.getState());
    assert.deepEqual(
      items.map((i) => [i.message.body, i.status]),
      [
        ['hello 1', 'sent'],
        ['hello 2', 'sent'],
        ['on its way', 'pending'],
      ],
    );
    assert.equal(items[2].message.sender_external_id, 'me');
    await gate.reached;
    assert.deepEqual(client.callsTo('messages.send')[0].args, [
      { id: 'client-id-1', body: 'on its way' },
    ]);
    gate.release();
    await settle();
    const after = timelineItems(conversationId)(store.getState());
    assert.deepEqual(
      after.map((i) => [i.message.body, i.status, i.message.sequence]),
      [
        ['hello 1', 'sent', 1],
        ['hello 2', 'sent', 2],
        ['on its way', 'sent', 3],
      ],
    );
  });

  it('marks a send failed, and a retry under the same id leaves one message on the server', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    // The server stored it but the answer was lost, as after a dropped connection.
    client.failNext('messages.send', new FakeNetworkError('connection reset'), {
      afterEffect: true,
    });
    const id = store.send(conversationId, { body: 'maybe lost' });
    await settle();
    const failed = store.getState().outbox[id];
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'network');
    assert.deepEqual(
      timelineItems(conversationId)(store.getState()).map((i) => i.status),
      ['sent', 'failed'],
    );

    store.retry(id);
    assert.equal(store.getState().outbox[id].status, 'pending');
    await settle();
    assert.equal(store.getState().outbox[id], undefined);
    assert.deepEqual(bodies(store, conversationId), ['hello 1', 'maybe lost']);
    assert.equal(
      client.mainFeed(conversationId).filter((m) => m.id === id).length,
      1,
      'one message on the server',
    );
    const sends = client.callsTo('messages.send');
    assert.equal(sends.length, 2);
    assert.deepEqual(
      sends.map((c) => (c.args[0] as { id: string }).id),
      [id, id],
    );
  });

  it('a failed send confirmed later by its echo is shown once', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    client.failNext('messages.send', new FakeApiError(503, 'internal'), { afterEffect: true });
    const id = store.send(conversationId, { body: 'late echo' });
    await settle();
    assert.equal(store.getState().outbox[id].status, 'failed');
    const stored = client.findMessage(id);
    assert.ok(stored);
    client.echo(stored);
    await settle();
    assert.equal(store.getState().outbox[id], undefined);
    assert.deepEqual(bodies(store, conversationId), ['late echo']);
    assert.deepEqual(store.getState().timelines[conversationId].pendingIds, []);
  });

  it('discards a failed send', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    client.failNext('messages.send', new FakeApiError(422, 'validation_failed'));
    const id = store.send(conversationId, { body: '' });
    await settle();
    assert.equal(store.getState().outbox[id].error?.code, 'validation_failed');
    store.discardFailed(id);
    assert.equal(store.getState().outbox[id], undefined);
    assert.deepEqual(timelineItems(conversationId)(store.getState()), []);
  });

  it('edits optimistically and rolls back when the edit fails', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    const mine = client.addMessage(conversationId, { body: 'first draft' });
    client.echo(mine);
    await settle();
    const gate = client.holdNext('message.update');
    const done = store.edit(mine.id, 'second draft');
    assert.equal(store.getState().timelines[conversationId].byId[mine.id].body, 'second draft');
    await gate.reached;
    gate.release();
    await done;
    const edited = store.getState().timelines[conversationId].byId[mine.id];
    assert.equal(edited.body, 'second draft');
    assert.ok(edited.edited_at);

    client.failNext('message.update', new FakeApiError(410, 'message_deleted'));
    await assert.rejects(store.edit(mine.id, 'third draft'));
    assert.equal(store.getState().timelines[conversationId].byId[mine.id].body, 'second draft');
  });

  it('toggles a reaction optimistically and rolls back only its own change on failure', async () => {
    const { store, client, conversationId } = await openedConversation(1);
    const [message] = client.mainFeed(conversationId);
    const me = store.getState().me?.id ?? '';
    const bob = client.provision('bob').id;
    await store.toggleReaction(message.id, '🎉');
    assert.deepEqual(store.getState().timelines[conversationId].byId[message.id].reactions, {
      '🎉': [me],
    });

    const gate = client.holdNext('message.removeReaction');
    client.failNext('message.removeReaction');
    const removing = store.toggleReaction(message.id, '🎉');
    assert.deepEqual(store.getState().timelines[conversationId].byId[message.id].reactions, {});
    await gate.reached;
    client.emit(conversationId, 'reaction:added', {
      message_id: message.id,
      conversation_id: conversationId,
      emoji: '🎉',
      user_id: bob,
    });
    gate.release();
    await assert.rejects(removing);
    const reactions = store.getState().timelines[conversationId].byId[message.id].reactions;
    assert.deepEqual([...(reactions['🎉'] ?? [])].sort(), [bob, me].sort());
  });

  it('deletes optimistically and rolls back when the delete fails', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    const mine = client.postMessage(conversationId, { body: 'regret' });
    await settle();
    client.failNext('message.delete', new FakeApiError(403, 'forbidden'));
    await assert.rejects(store.delete(mine.id));
    assert.equal(store.getState().timelines[conversationId].byId[mine.id].body, 'regret');
    await store.delete(mine.id);
    const deleted = store.getState().timelines[conversationId].byId[mine.id];
    assert.equal(deleted.body, null);
    assert.ok(deleted.deleted_at);
  });
});
