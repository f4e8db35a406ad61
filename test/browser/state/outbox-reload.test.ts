/**
 * The outbox survives a page reload, in Chromium with real IndexedDB against
 * the real local server: a message written while the server cannot be
 * reached is shown as pending, is still there after the store is replaced
 * (the reload), and reaches the server exactly once when the network returns.
 */
import { expect } from '@open-wc/testing';
import { Poolse } from '../../../src/sdk/index.js';
import {
  createChatStore,
  createIndexedDbOutboxStorage,
  outboxScope,
  timelineItems,
} from '../../../src/state/index.js';
import type { ChatStore, OutboxStorage, StoredOutboxEntry } from '../../../src/state/index.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';
import { afterEach, describe, it, until } from './mocha.js';

/** While false, sending a message fails the way `fetch` fails without a network. */
const network = { online: true };

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

const unreliableFetch: typeof fetch = (input, init) => {
  const isSend = (init?.method ?? 'GET') === 'POST' && /\/messages$/.test(requestUrl(input));
  if (isSend && !network.online) return Promise.reject(new TypeError('Failed to fetch'));
  return globalThis.fetch(input, init);
};

const cleanups: Array<() => void> = [];
afterEach(() => {
  network.online = true;
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function clientFor(externalId: string): Poolse {
  const client = new Poolse({
    apiUrl: testServer().apiUrl,
    getToken: () => mintToken(externalId),
    fetch: unreliableFetch,
    maxRetries: 1,
    baseBackoffMs: 50,
  });
  cleanups.push(() => client.destroy());
  return client;
}

/**
 * A store as the provider makes it (default outbox persistence, `window`'s
 * online event), with a backoff long enough that only the online event can
 * send within the test.
 */
function storeFor(client: Poolse): ChatStore {
  const store = createChatStore(client, { onlineSignal: window, outboxRetryDelayMs: 60_000 });
  cleanups.push(() => store.destroy());
  return store;
}

function openStorage(): OutboxStorage {
  const storage = createIndexedDbOutboxStorage();
  cleanups.push(() => storage.close?.());
  return storage;
}

/** Polls an async condition every 50 ms until it holds, or fails after `timeoutMs`. */
async function eventually(
  condition: () => Promise<boolean>,
  message: string,
  timeoutMs = 10000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shown(store: ChatStore, conversationId: string): Array<[string | null, string]> {
  return timelineItems(conversationId)(store.getState()).map((i) => [i.message.body, i.status]);
}

describe('outbox across a reload (IndexedDB, real server)', () => {
  it('a message written offline is pending, survives the reload, and reaches the server once when back online', async function () {
    (this as { timeout?: (ms: number) => void }).timeout?.(40000);
    const alice = uniqueId('alice');
    const bob = uniqueId('bob');
    await mintToken(bob); // provisions bob

    const firstClient = clientFor(alice);
    const first = storeFor(firstClient);
    await first.start();
    const me = first.getState().me;
    if (!me) throw new Error('alice did not start');
    const { id: conversationId } = await first.createConversation({
      type: 'direct',
      member_external_ids: [bob],
    });
    await first.openConversation(conversationId);

    network.online = false;
    const id = first.send(conversationId, { body: 'written on the train' });
    expect(shown(first, conversationId)).to.deep.equal([['written on the train', 'pending']]);

    const storage = openStorage();
    const scope = outboxScope(firstClient.config.apiUrl, me.id);
    let kept: StoredOutboxEntry[] = [];
    await eventually(async () => {
      kept = await storage.load(scope);
      return kept.length === 1;
    }, 'the entry is kept in IndexedDB');
    expect(kept[0].entry.id).to.equal(id);
    expect(kept[0].entry.message.body).to.equal('written on the train');
    // The send got no answer (after the SDK's retry) and waits for the network, still pending.
    await pause(400);
    expect(first.getState().outbox[id].status).to.equal('pending');

    // The reload: this page's store and client go away, a new page starts over the same storage.
    first.destroy();
    firstClient.destroy();
    const secondClient = clientFor(alice);
    const second = storeFor(secondClient);
    await second.start();
    await second.openConversation(conversationId);
    expect(shown(second, conversationId)).to.deep.equal([['written on the train', 'pending']]);
    expect(second.getState().timelines[conversationId].pendingIds).to.deep.equal([id]);
    await pause(400); // the restored entry tried once and is still offline
    expect(second.getState().outbox[id]?.status).to.equal('pending');

    network.online = true;
    window.dispatchEvent(new Event('online'));
    await until(() => second.getState().outbox[id] === undefined, 'the message is confirmed');
    expect(shown(second, conversationId)).to.deep.equal([['written on the train', 'sent']]);

    // Bob's view of the server: the message, exactly once.
    const bobClient = new Poolse({ apiUrl: testServer().apiUrl, getToken: () => mintToken(bob) });
    cleanups.push(() => bobClient.destroy());
    const { data } = await bobClient.conversations.one(conversationId).messages.list();
    expect(data.filter((m) => m.id === id).map((m) => m.body)).to.deep.equal([
      'written on the train',
    ]);
    expect(data).to.have.length(1);

    await eventually(
      async () => (await storage.load(scope)).length === 0,
      'the storage is empty once the server confirmed',
    );
  });

  it('IndexedDB keeps each scope apart and drops an entry when removed', async () => {
    const storage = openStorage();
    const alice = outboxScope(testServer().apiUrl, uniqueId('user'));
    const bob = outboxScope(testServer().apiUrl, uniqueId('user'));
    const record = (id: string, order: number): StoredOutboxEntry => ({
      order,
      entry: {
        id,
        conversationId: 'c',
        threadRootId: null,
        draft: { body: id },
        message: {
          id,
          tenant_id: 't',
          conversation_id: 'c',
          sender_id: null,
          sender_external_id: null,
          type: 'text',
          body: id,
          reply_to_id: null,
          thread_root_id: null,
          quoted_message_id: null,
          quoted_message: null,
          mentions: [],
          reactions: {},
          attachments: [],
          reply_count: 0,
          last_reply_at: null,
          custom_data: {},
          edited_at: null,
          deleted_at: null,
          sequence: 0,
          inserted_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        },
        status: 'pending',
        error: null,
      },
    });
    await storage.put(alice, record('a1', 1));
    await storage.put(alice, record('a2', 2));
    await storage.put(bob, record('b1', 1));
    const ids = async (scope: string) => (await storage.load(scope)).map((r) => r.entry.id).sort();
    expect(await ids(alice)).to.deep.equal(['a1', 'a2']);
    expect(await ids(bob)).to.deep.equal(['b1']);
    await storage.remove(alice, 'a1');
    expect(await ids(alice)).to.deep.equal(['a2']);
    expect(await ids(bob)).to.deep.equal(['b1']);
    await storage.remove(alice, 'a2');
    await storage.remove(bob, 'b1');
    expect(await ids(alice)).to.deep.equal([]);
  });
});
