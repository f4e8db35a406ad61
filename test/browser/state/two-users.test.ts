/**
 * The store against the real local server, in Chromium: two users, each with
 * their own SDK client and store, talking in one conversation.
 */
import { expect } from '@open-wc/testing';
import { Poolse } from '../../../src/sdk/index.js';
import { createChatStore } from '../../../src/state/store.js';
import type { ChatStore } from '../../../src/state/types.js';
import { dropSockets, mintToken, restartServer, testServer, uniqueId } from '../support/server.js';
import { afterEach, describe, it, until } from './mocha.js';

interface Person {
  externalId: string;
  client: Poolse;
  store: ChatStore;
}

const people: Person[] = [];
afterEach(() => {
  for (const p of people.splice(0)) {
    p.store.destroy();
    p.client.destroy();
  }
});

async function person(prefix: string): Promise<Person> {
  const externalId = uniqueId(prefix);
  const client = new Poolse({
    apiUrl: testServer().apiUrl,
    getToken: () => mintToken(externalId),
    maxRetries: 2,
    baseBackoffMs: 100,
  });
  const store = createChatStore(client);
  const p = { externalId, client, store };
  people.push(p);
  return p;
}

/** Two started users in one direct conversation, both with it open and their sockets connected. */
async function pair(): Promise<{ alice: Person; bob: Person; conversationId: string }> {
  const alice = await person('alice');
  const bob = await person('bob');
  await mintToken(bob.externalId); // provisions bob
  await alice.store.start();
  const conversation = await alice.store.createConversation({
    type: 'direct',
    member_external_ids: [bob.externalId],
  });
  await bob.store.start();
  await Promise.all([
    alice.store.openConversation(conversation.id),
    bob.store.openConversation(conversation.id),
  ]);
  await until(
    () =>
      alice.store.getState().status === 'connected' && bob.store.getState().status === 'connected',
    'both sockets connected',
  );
  // Each sees the other online once both channels are joined.
  await until(
    () => (alice.store.getState().presence[conversation.id] ?? []).length === 2,
    'presence of both',
  );
  return { alice, bob, conversationId: conversation.id };
}

function timelineIds(store: ChatStore, conversationId: string): readonly string[] {
  return store.getState().timelines[conversationId]?.messageIds ?? [];
}

function timelineSequences(store: ChatStore, conversationId: string): number[] {
  const tl = store.getState().timelines[conversationId];
  return tl ? tl.messageIds.map((id) => tl.byId[id].sequence) : [];
}

describe('two stores against the real server', () => {
  it('a message sent by one user appears once for the other, and once for the sender', async () => {
    const { alice, bob, conversationId } = await pair();
    const id = alice.store.send(conversationId, { body: 'hello bob' });
    expect(alice.store.getState().outbox[id].status).to.equal('pending');
    await until(
      () => timelineIds(bob.store, conversationId).includes(id),
      'bob receives the message',
    );
    await until(() => alice.store.getState().outbox[id] === undefined, 'alice sees it confirmed');
    for (const store of [alice.store, bob.store]) {
      const tl = store.getState().timelines[conversationId];
      expect(tl.messageIds.filter((m) => m === id)).to.have.length(1);
      expect(tl.byId[id].body).to.equal('hello bob');
      expect(tl.pendingIds).to.deep.equal([]);
    }
    // Bob's inbox counts it unread; Alice's does not.
    await until(
      () => bob.store.getState().inbox.byId[conversationId]?.unread_count === 1,
      'bob has one unread',
    );
    expect(alice.store.getState().inbox.byId[conversationId].unread_count).to.equal(0);
    await bob.store.markRead(conversationId);
    expect(bob.store.getState().inbox.byId[conversationId].unread_count).to.equal(0);
    await until(
      () =>
        alice.store.getState().receipts[conversationId]?.[bob.store.getState().me?.id ?? '']
          ?.messageId === id,
      'alice sees bob read it',
    );
  });

  it('after a server restart in the middle of sending, both timelines hold every message once, in order', async function () {
    (this as { timeout?: (ms: number) => void }).timeout?.(60000);
    const { alice, bob, conversationId } = await pair();
    const sent: string[] = [];
    const sendSome = async (who: Person, label: string, count: number) => {
      for (let i = 0; i < count; i += 1) {
        sent.push(who.store.send(conversationId, { body: `${label} ${i}` }));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };
    const sending = Promise.all([sendSome(alice, 'alice', 12), sendSome(bob, 'bob', 12)]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await restartServer();
    await sending;

    // Sends that ran out of retries while the server was down are retried by the user.
    const settled = () =>
      sent.every(
        (id) =>
          alice.store.getState().outbox[id] === undefined &&
          bob.store.getState().outbox[id] === undefined,
      );
    const deadline = Date.now() + 30000;
    while (!settled() && Date.now() < deadline) {
      for (const p of [alice, bob]) {
        for (const entry of Object.values(p.store.getState().outbox))
          if (entry.status === 'failed') p.store.retry(entry.id);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(settled(), 'nothing pending or failed').to.equal(true);

    await until(
      () =>
        sent.every(
          (id) =>
            timelineIds(alice.store, conversationId).includes(id) &&
            timelineIds(bob.store, conversationId).includes(id),
        ),
      'every message reaches both timelines',
      20000,
    );
    for (const store of [alice.store, bob.store]) {
      const tl = store.getState().timelines[conversationId];
      expect(new Set(tl.messageIds).size, 'no duplicates').to.equal(tl.messageIds.length);
      expect(tl.messageIds.length).to.equal(sent.length);
      const seqs = timelineSequences(store, conversationId);
      expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
      expect(tl.pendingIds).to.deep.equal([]);
    }
    expect(timelineIds(alice.store, conversationId)).to.deep.equal(
      timelineIds(bob.store, conversationId),
    );

    // And the live path still works after the restart.
    const after = bob.store.send(conversationId, { body: 'still here' });
    await until(
      () => timelineIds(alice.store, conversationId).includes(after),
      'a live message after the restart',
    );
  });

  it('messages sent while the sockets were dropped reach the other user once, through the gap fill', async () => {
    const { alice, bob, conversationId } = await pair();
    const first = alice.store.send(conversationId, { body: 'before the drop' });
    await until(
      () => timelineIds(bob.store, conversationId).includes(first),
      'bob has the first message',
    );
    await dropSockets();
    // REST still works while the sockets reconnect; the pushes of these are lost for bob.
    const during = [
      alice.store.send(conversationId, { body: 'during 1' }),
      alice.store.send(conversationId, { body: 'during 2' }),
    ];
    await until(
      () => during.every((id) => alice.store.getState().outbox[id] === undefined),
      'alice sent both',
    );
    await until(
      () => during.every((id) => timelineIds(bob.store, conversationId).includes(id)),
      'bob catches up',
    );
    const ids = timelineIds(bob.store, conversationId);
    expect(ids).to.deep.equal([first, ...during]);
    expect(timelineIds(alice.store, conversationId)).to.deep.equal(ids);
  });
});
