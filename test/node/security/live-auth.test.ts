/**
 * Auth holds on sockets that are already open, tried as an attacker would:
 * a user blocked by the backend keeps their socket open and listens; a user
 * whose token expired keeps theirs; one re-authenticates with someone else's
 * token; one tenant's key asks the test route to drop everybody's sockets.
 * And the SDK, with tokens that expire every few seconds, renews on the open
 * socket and receives every message without a reconnect.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket } from 'ws';
import { Poolse, type RealtimeStatus } from '../../../src/sdk/index.js';
import type { Message } from '../../../src/sdk/types.js';
import { RawClient, eventually, sleep, upgradeStatus, type Frame } from '../realtime/harness.js';
import { call, newGroup, person, send, type Person } from '../server/helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const WebSocketForNode = NodeWebSocket as unknown as typeof WebSocket;

let server: TestServer;
let endpoint: string;
let alice: Person;
let conversationId: string;
const cleanups: (() => unknown)[] = [];

before(async () => {
  server = await startTestServer();
  endpoint = `${server.url.replace('http', 'ws')}/socket`;
  alice = await person(server, 'alice');
  conversationId = (await newGroup(server, alice, ['bob', 'mallory', 'eve', 'sdk-user'])).id;
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
after(async () => {
  await server.close();
});

async function joined(token: string): Promise<RawClient> {
  const raw = await RawClient.open(endpoint, token);
  cleanups.push(() => raw.close());
  raw.send(['1', '1', `conversation:${conversationId}`, 'phx_join', {}]);
  const reply = await raw.reply('1');
  assert.equal((reply[4] as { status: string }).status, 'ok');
  return raw;
}

const messagesIn = (frames: Frame[]): string[] =>
  frames.filter((f) => f[3] === 'message:new').map((f) => (f[4] as unknown as Message).body ?? '');

describe('a blocked user with an open socket', () => {
  it('is disconnected within a second of the block and hears nothing said after it', async () => {
    const bobToken = await server.mintToken('bob');
    const bob = await joined(bobToken);
    await send(server, alice, conversationId, { body: 'before the block' });
    await bob.next((f) => f[3] === 'message:new', 'the message before the block');

    const blockedAt = Date.now();
    const blocked = await call(server.url, 'PATCH', '/v1/users/bob', {
      token: server.apiKey,
      body: { is_blocked: true },
    });
    assert.equal(blocked.status, 200);
    const closed = await bob.closed;
    assert.ok(Date.now() - blockedAt < 1000, `closed after ${Date.now() - blockedAt} ms`);
    assert.equal(closed.code, 4003);

    await send(server, alice, conversationId, { body: 'after the block' });
    await sleep(100);
    assert.deepEqual(messagesIn(bob.frames), ['before the block']);
    // Reconnecting with the same, unexpired token is refused.
    assert.equal(
      await upgradeStatus(`${endpoint}/websocket?vsn=2.0.0&token=${encodeURIComponent(bobToken)}`),
      403,
    );
  });
});

describe('an expired token with an open socket', () => {
  it('closes the socket when the token expires: no more messages, joins or typing', async () => {
    const token = await server.mintToken('mallory', { ttlSeconds: 2 });
    const mallory = await joined(token);
    const expiresAt = Date.now() + 2000;
    const closed = await mallory.closed;
    const late = Date.now() - expiresAt;
    assert.ok(late < 1500, `closed ${late} ms after the token expired`);
    assert.equal(closed.code, 4001);
    await send(server, alice, conversationId, { body: 'after expiry' });
    await sleep(100);
    assert.deepEqual(messagesIn(mallory.frames), []);
  });

  it('stays open past expiry when the client sends a fresh token of the same user first', async () => {
    const eve = await joined(await server.mintToken('eve', { ttlSeconds: 2 }));
    const fresh = await server.mintToken('eve', { ttlSeconds: 60 });
    eve.send([null, '2', 'phoenix', 'access_token', { token: fresh }]);
    const reply = await eve.reply('2');
    assert.equal((reply[4] as { status: string }).status, 'ok');
    await sleep(2600);
    await send(server, alice, conversationId, { body: 'after the first expiry' });
    await eve.next((f) => f[3] === 'message:new', 'a message after the old token expired');
  });

  it("refuses and disconnects a re-authentication with another user's token", async () => {
    const eve = await joined(await server.mintToken('eve'));
    eve.send([null, '3', 'phoenix', 'access_token', { token: alice.token }]);
    const reply = await eve.reply('3');
    assert.equal((reply[4] as { status: string }).status, 'error');
    assert.equal((await eve.closed).code, 4003);
  });
});

describe('the SDK with short-lived tokens', () => {
  it('renews on the open socket and receives every message, without a reconnect', async () => {
    let minted = 0;
    const chat = new Poolse({
      apiUrl: server.url,
      getToken: () => {
        minted += 1;
        return server.mintToken('sdk-user', { ttlSeconds: 3 });
      },
      WebSocket: WebSocketForNode,
    });
    cleanups.push(() => chat.destroy());
    const statuses: RealtimeStatus[] = [];
    chat.realtime.onStatus((s) => statuses.push(s));
    const live = chat.realtime.conversation(conversationId);
    const received: string[] = [];
    live.onMessage((m) => received.push(m.body ?? ''));
    await eventually(() => live.isJoined(), 'joined');
    const sent: string[] = [];
    // 7 s: past two expiries of a 3 s token.
    for (let i = 0; i < 14; i += 1) {
      const body = `tick ${i}`;
      await send(server, alice, conversationId, { body });
      sent.push(body);
      await sleep(500);
    }
    await eventually(() => received.length === sent.length, 'every message', 3000);
    assert.deepEqual(received, sent);
    assert.ok(minted >= 3, `renewed ${minted - 1} times`);
    assert.deepEqual(statuses, ['connecting', 'connected']);
  });
});

describe('test routes across tenants', () => {
  it("another tenant's API key drops only its own tenant's sockets", async () => {
    const ours = await joined(await server.mintToken('eve'));
    const other = server.createTenant();
    const dropped = await call(server.url, 'POST', '/_test/drop-sockets', {
      token: other.apiKey,
    });
    assert.equal(dropped.status, 204);
    await sleep(200);
    assert.equal(ours.ws.readyState, NodeWebSocket.OPEN, 'our socket is untouched');
    const own = await call(server.url, 'POST', '/_test/drop-sockets', { token: server.apiKey });
    assert.equal(own.status, 204);
    await ours.closed;
  });
});
