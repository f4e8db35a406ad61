/**
 * The durable outbox: messages written while offline survive a reload (a new
 * store over the same storage) and reach the server exactly once, in order,
 * when the network returns.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  createChatStore,
  createMemoryOutboxStorage,
  outboxScope,
  timelineItems,
} from '../../../src/state/index.js';
import type {
  ChatClientPort,
  ChatStore,
  ChatStoreOptions,
  OutboxStorage,
} from '../../../src/state/index.js';
import { FakeApiError, FakeChatClient, FakeNetworkError } from '../../support/fake-chat-client.js';
import { bodies, settle } from './harness.js';

const API_URL = 'http://poolse.test';

/** The fake client behind a network that can go down: sends then fail like `fetch` without a network. */
interface Device {
  fake: FakeChatClient;
  client: ChatClientPort;
  network: { online: boolean };
}

function device(fake: FakeChatClient, apiUrl = API_URL): Device {
  const network = { online: true };
  const client: ChatClientPort = {
    me: fake.me,
    conversations: {
      list: () => fake.conversations.list(),
      create: (attrs) => fake.conversations.create(attrs),
      one: (id) => {
        const handle = fake.conversations.one(id);
        return {
          listMembers: () => handle.listMembers(),
          messages: {
            list: (query) => handle.messages.list(query),
            markRead: (messageId) => handle.messages.markRead(messageId),
            send: (attrs) =>
              network.online
                ? handle.messages.send(attrs)
                : Promise.reject(new FakeNetworkError('Failed to fetch')),
          },
        };
      },
    },
    messages: fake.messages,
    users: fake.users,
    realtime: fake.realtime,
    config: { apiUrl },
  };
  return { fake, client, network };
}

const stores: ChatStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.destroy();
});

/** A started store (a page load) over `storage`, with `conversationId` open. */
async function load(
  client: ChatClientPort,
  storage: OutboxStorage,
  conversationId: string,
  options: ChatStoreOptions = {},
): Promise<ChatStore> {
  // A long backoff: in these tests only the network signals send again.
  const store = createChatStore(client, {
    persistOutbox: storage,
    outboxRetryDelayMs: 60_000,
    ...options,
  });
  stores.push(store);
  await store.start();
  await store.openConversation(conversationId);
  await settle();
  return store;
}

/** The "page reload": the old store goes away, a new one starts over the same storage. */
async function reload(
  old: ChatStore,
  client: ChatClientPort,
  storage: OutboxStorage,
  conversationId: string,
  options: ChatStoreOptions = {},
): Promise<ChatStore> {
  old.destroy();
  return load(client, storage, conversationId, options);
}

/** The socket drops and comes back: what the SDK reports when the network returns. */
function reconnect(fake: FakeChatClient): void {
  fake.setStatus('reconnecting');
  fake.setStatus('connected');
}

async function stored(storage: OutboxStorage, fake: FakeChatClient, apiUrl = API_URL) {
  return storage.load(outboxScope(apiUrl, fake.user.id));
}

function copiesOnServer(fake: FakeChatClient, conversationId: string, id: string): number {
  return fake.mainFeed(conversationId).filter((m) => m.id === id).length;
}

function statuses(store: ChatStore, conversationId: string): Array<[string | null, string]> {
  return timelineItems(conversationId)(store.getState()).map((i) => [i.message.body, i.status]);
}

describe('durable outbox', () => {
  it('keeps a message written offline pending across a reload and sends it once when the socket reconnects', async () => {
    const { fake, client, network } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    fake.addMessage(conversationId, { from: 'bob', body: 'are you there?' });
    const storage = createMemoryOutboxStorage();
    const first = await load(client, storage, conversationId);

    network.online = false;
    const id = first.send(conversationId, { body: 'written offline' });
    await settle();
    assert.deepEqual(statuses(first, conversationId), [
      ['are you there?', 'sent'],
      ['written offline', 'pending'],
    ]);
    assert.equal(first.getState().outbox[id].error, null);
    const kept = await stored(storage, fake);
    assert.deepEqual(
      kept.map((r) => [r.entry.id, r.entry.status, r.entry.message.body]),
      [[id, 'pending', 'written offline']],
    );

    const second = await reload(first, client, storage, conversationId);
    assert.deepEqual(statuses(second, conversationId), [
      ['are you there?', 'sent'],
      ['written offline', 'pending'],
    ]);
    assert.deepEqual(second.getState().timelines[conversationId].pendingIds, [id]);
    assert.equal(copiesOnServer(fake, conversationId, id), 0, 'nothing reached the server yet');

    network.online = true;
    reconnect(fake);
    await settle();
    assert.deepEqual(statuses(second, conversationId), [
      ['are you there?', 'sent'],
      ['written offline', 'sent'],
    ]);
    assert.equal(second.getState().outbox[id], undefined);
    assert.deepEqual(second.getState().timelines[conversationId].pendingIds, []);
    assert.equal(copiesOnServer(fake, conversationId, id), 1, 'the server holds one copy');
    assert.deepEqual(await stored(storage, fake), [], 'removed from storage once confirmed');

    // A later reconnect has nothing left to send.
    const sends = fake.callsTo('messages.send').length;
    reconnect(fake);
    await settle();
    assert.equal(fake.callsTo('messages.send').length, sends);
  });

  it('a send the server stored but whose answer was lost is resent under its id and held once', async () => {
    const { fake, client } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const storage = createMemoryOutboxStorage();
    const online = new EventTarget();
    const first = await load(client, storage, conversationId, { onlineSignal: online });

    fake.failNext('messages.send', new FakeNetworkError('connection reset'), { afterEffect: true });
    const id = first.send(conversationId, { body: 'did it arrive?' });
    await settle();
    assert.equal(first.getState().outbox[id].status, 'pending');
    assert.equal(copiesOnServer(fake, conversationId, id), 1);

    const second = await reload(first, client, storage, conversationId, { onlineSignal: online });
    await settle();
    // The restored entry went out once at start (the network was fine): the server's copy confirms it.
    assert.equal(second.getState().outbox[id], undefined);
    online.dispatchEvent(new Event('online'));
    await settle();
    assert.deepEqual(bodies(second, conversationId), ['did it arrive?']);
    assert.equal(copiesOnServer(fake, conversationId, id), 1);
    assert.deepEqual(
      fake.callsTo('messages.send').map((c) => (c.args[0] as { id: string }).id),
      [id, id],
      'the resend reused the client-chosen id',
    );
    assert.deepEqual(await stored(storage, fake), []);
  });

  it("sends on the browser's online event, each conversation's messages in the order they were written", async () => {
    const { fake, client, network } = device(new FakeChatClient());
    const a = fake.addConversation({ members: ['bob'] }).id;
    const b = fake.addConversation({ members: ['carol'] }).id;
    const storage = createMemoryOutboxStorage();
    let fireOnline: () => void = () => undefined;
    const onlineSignal = (listener: () => void) => {
      fireOnline = listener;
      return () => {
        fireOnline = () => undefined;
      };
    };
    const first = await load(client, storage, a, { onlineSignal });
    await first.openConversation(b);
    await settle();

    network.online = false;
    const written = ['a1', 'b1', 'a2', 'a3', 'b2'].map((body) =>
      first.send(body.startsWith('a') ? a : b, { body }),
    );
    await settle();
    assert.deepEqual(
      timelineItems(a)(first.getState()).map((i) => [i.message.body, i.status]),
      [
        ['a1', 'pending'],
        ['a2', 'pending'],
        ['a3', 'pending'],
      ],
    );

    const second = await reload(first, client, storage, a, { onlineSignal });
    await second.openConversation(b);
    await settle();
    assert.deepEqual(second.getState().timelines[a].pendingIds, [
      written[0],
      written[2],
      written[3],
    ]);
    assert.deepEqual(second.getState().timelines[b].pendingIds, [written[1], written[4]]);

    network.online = true;
    fireOnline();
    await settle(20);
    assert.deepEqual(
      fake.mainFeed(a).map((m) => [m.body, m.sequence]),
      [
        ['a1', 1],
        ['a2', 2],
        ['a3', 3],
      ],
    );
    assert.deepEqual(
      fake.mainFeed(b).map((m) => [m.body, m.sequence]),
      [
        ['b1', 1],
        ['b2', 2],
      ],
    );
    assert.deepEqual(bodies(second, a), ['a1', 'a2', 'a3']);
    assert.deepEqual(bodies(second, b), ['b1', 'b2']);
    assert.deepEqual(second.getState().outbox, {});
    assert.deepEqual(await stored(storage, fake), []);
  });

  it('a message written behind one waiting for the network is not sent before it', async () => {
    const { fake, client, network } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const storage = createMemoryOutboxStorage();
    const store = await load(client, storage, conversationId);

    network.online = false;
    const older = store.send(conversationId, { body: 'first' });
    await settle();
    network.online = true; // back, but nothing has told the store yet
    const gate = fake.holdNext('messages.send');
    const newer = store.send(conversationId, { body: 'second' });
    await gate.reached;
    assert.deepEqual(
      fake.callsTo('messages.send').map((c) => (c.args[0] as { id: string }).id),
      [older],
      'the new send tries the older entry first',
    );
    gate.release();
    await settle(10);
    assert.deepEqual(
      fake.mainFeed(conversationId).map((m) => m.id),
      [older, newer],
    );
  });

  it('a message the server refuses (422) stays failed: not resent by reconnects or a reload, only by the user', async () => {
    const { fake, client } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const storage = createMemoryOutboxStorage();
    const online = new EventTarget();
    const first = await load(client, storage, conversationId, { onlineSignal: online });

    fake.failNext('messages.send', new FakeApiError(422, 'validation_failed', 'body is too long'));
    const id = first.send(conversationId, { body: 'refused' });
    await settle();
    const failed = first.getState().outbox[id];
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'validation_failed');
    assert.deepEqual(
      (await stored(storage, fake)).map((r) => r.entry.status),
      ['failed'],
    );

    reconnect(fake);
    online.dispatchEvent(new Event('online'));
    await settle();
    assert.equal(fake.callsTo('messages.send').length, 1, 'no automatic resend');

    const second = await reload(first, client, storage, conversationId, { onlineSignal: online });
    assert.deepEqual(statuses(second, conversationId), [['refused', 'failed']]);
    assert.equal(second.getState().outbox[id].error?.code, 'validation_failed');
    reconnect(fake);
    await settle();
    assert.equal(fake.callsTo('messages.send').length, 1, 'still no automatic resend');

    second.retry(id);
    await settle();
    assert.deepEqual(statuses(second, conversationId), [['refused', 'sent']]);
    assert.equal(copiesOnServer(fake, conversationId, id), 1);
    assert.deepEqual(await stored(storage, fake), []);
  });

  it('a failed entry the user discards is gone from storage', async () => {
    const { fake, client } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const storage = createMemoryOutboxStorage();
    const store = await load(client, storage, conversationId);
    fake.failNext('messages.send', new FakeApiError(403, 'forbidden'));
    const id = store.send(conversationId, { body: 'not allowed' });
    await settle();
    assert.equal(store.getState().outbox[id].status, 'failed');
    store.discardFailed(id);
    await settle();
    assert.deepEqual(await stored(storage, fake), []);
  });

  it('a send confirmed by its echo before the REST answer leaves storage', async () => {
    const { fake, client } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const storage = createMemoryOutboxStorage();
    const store = await load(client, storage, conversationId);
    const gate = fake.holdNext('messages.send');
    const id = store.send(conversationId, { body: 'echo first' });
    await gate.reached;
    await settle();
    assert.equal((await stored(storage, fake)).length, 1);
    fake.echo(fake.addMessage(conversationId, { id, body: 'echo first' }));
    await settle();
    assert.equal(store.getState().outbox[id], undefined);
    assert.deepEqual(await stored(storage, fake), []);
    gate.release();
    await settle();
    assert.deepEqual(bodies(store, conversationId), ['echo first']);
  });

  it('keeps each user’s outbox apart: another user, or the same user on another server, sees none of it', async () => {
    const storage = createMemoryOutboxStorage();
    const alice = device(new FakeChatClient({ externalId: 'alice' }));
    const aliceChat = alice.fake.addConversation({ members: ['bob'] }).id;
    const aliceStore = await load(alice.client, storage, aliceChat);
    alice.network.online = false;
    const id = aliceStore.send(aliceChat, { body: 'for bob, from alice' });
    await settle();
    aliceStore.destroy();

    // Bob signs in on the same browser (same storage, same server).
    const bob = device(new FakeChatClient({ externalId: 'bob' }));
    const bobChat = bob.fake.addConversation({ members: ['alice'] }).id;
    const bobStore = await load(bob.client, storage, bobChat);
    assert.deepEqual(bobStore.getState().outbox, {});
    assert.deepEqual(bobStore.getState().timelines[bobChat].pendingIds, []);
    reconnect(bob.fake);
    await settle();
    assert.equal(bob.fake.callsTo('messages.send').length, 0);

    // Alice against another server: her outbox for the first one stays where it was.
    const elsewhere = device(alice.fake, 'http://elsewhere.test');
    const elsewhereStore = await load(elsewhere.client, storage, aliceChat);
    assert.deepEqual(elsewhereStore.getState().outbox, {});
    elsewhereStore.destroy();

    assert.deepEqual(
      (await stored(storage, alice.fake)).map((r) => r.entry.id),
      [id],
    );
    assert.deepEqual(await stored(storage, bob.fake), []);

    // Back on the first server, alice's message is hers again and goes out once.
    alice.network.online = true;
    const again = await load(alice.client, storage, aliceChat);
    await settle();
    assert.deepEqual(bodies(again, aliceChat), ['for bob, from alice']);
    assert.equal(copiesOnServer(alice.fake, aliceChat, id), 1);
  });

  it('a transient server error (503) keeps the message pending, and the backoff timer sends it', async () => {
    const { fake, client } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const storage = createMemoryOutboxStorage();
    const store = await load(client, storage, conversationId, { outboxRetryDelayMs: 20 });
    fake.failNext('messages.send', new FakeApiError(503, 'internal'), { times: 2 });
    const id = store.send(conversationId, { body: 'server hiccup' });
    await settle();
    assert.deepEqual(statuses(store, conversationId), [['server hiccup', 'pending']]);
    const deadline = Date.now() + 2000;
    while (store.getState().outbox[id] && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(statuses(store, conversationId), [['server hiccup', 'sent']]);
    assert.equal(fake.callsTo('messages.send').length, 3);
    assert.equal(copiesOnServer(fake, conversationId, id), 1);
    assert.deepEqual(await stored(storage, fake), []);
  });

  it('a thread reply written offline comes back under its thread after a reload', async () => {
    const { fake, client, network } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const root = fake.addMessage(conversationId, { from: 'bob', body: 'lunch?' });
    const storage = createMemoryOutboxStorage();
    const first = await load(client, storage, conversationId);
    network.online = false;
    const id = first.send(conversationId, { body: 'yes!', replyToId: root.id });
    await settle();
    assert.deepEqual(first.getState().threads[root.id].pendingIds, [id]);

    const second = await reload(first, client, storage, conversationId);
    assert.deepEqual(second.getState().threads[root.id].pendingIds, [id]);
    assert.equal(second.getState().outbox[id].threadRootId, root.id);
    assert.deepEqual(second.getState().timelines[conversationId].pendingIds, []);

    network.online = true;
    reconnect(fake);
    await settle();
    assert.equal(second.getState().outbox[id], undefined);
    const replies = fake.messagesOf(conversationId).filter((m) => m.thread_root_id === root.id);
    assert.deepEqual(
      replies.map((m) => [m.id, m.body]),
      [[id, 'yes!']],
    );
    assert.deepEqual(second.getState().threads[root.id].replyIds, [id]);
  });

  it('an outbox that is not persisted keeps its old behaviour: a network failure is failed at once', async () => {
    const { fake, client, network } = device(new FakeChatClient());
    const { id: conversationId } = fake.addConversation({ members: ['bob'] });
    const store = createChatStore(client, { persistOutbox: false });
    stores.push(store);
    await store.start();
    await store.openConversation(conversationId);
    network.online = false;
    const id = store.send(conversationId, { body: 'no outbox' });
    await settle();
    assert.equal(store.getState().outbox[id].status, 'failed');
    assert.equal(store.getState().outbox[id].error?.code, 'network');
  });
});
