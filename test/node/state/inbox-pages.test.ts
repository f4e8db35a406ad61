/**
 * The inbox of a user in more conversations than one page holds, against
 * the real server: the newest page shows first, the older pages follow by
 * themselves, and every conversation ends up listed once, newest first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket } from 'ws';
import { Poolse } from '../../../src/sdk/index.js';
import { createChatStore } from '../../../src/state/index.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const CONVERSATIONS = 260;

async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('inbox pages against the server', () => {
  let server: TestServer;
  let chat: Poolse;

  before(async () => {
    server = await startTestServer();
    chat = new Poolse({
      apiUrl: server.url,
      getToken: () => server.mintToken('pat'),
      WebSocket: NodeWebSocket as unknown as typeof WebSocket,
    });
    await chat.me.show();
    // Groups created one after another: their activity order is the order of creation.
    for (let i = 0; i < CONVERSATIONS; i += 1)
      await chat.conversations.create({
        type: 'group',
        name: `room ${i}`,
        member_external_ids: [],
      });
  });
  after(async () => {
    chat.destroy();
    await server.close();
  });

  it('lists every conversation once, newest first, walking the pages after the first', async () => {
    const store = createChatStore(chat);
    await store.start();
    const first = store.getState().inbox;
    assert.equal(first.loaded, true);
    assert.ok(first.ids.length >= 1, 'the first page is shown');
    assert.equal(first.byId[first.ids[0]!]!.name, `room ${CONVERSATIONS - 1}`);

    await eventually(
      () => store.getState().inbox.ids.length === CONVERSATIONS,
      `${CONVERSATIONS} inbox rows`,
    );
    const { ids, byId } = store.getState().inbox;
    assert.equal(new Set(ids).size, CONVERSATIONS, 'no row twice');
    assert.deepEqual(
      ids.map((id) => byId[id]!.name),
      Array.from({ length: CONVERSATIONS }, (_, i) => `room ${CONVERSATIONS - 1 - i}`),
    );
    store.destroy();
  });
});
