/**
 * The SDK in Node against the real local server: realtime through the
 * `WebSocket` config field (Node 20 has no global one), uploads through
 * fetch, and the server's real 429.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  Poolse,
  RateLimitedError,
  type PoolseConfig,
  type RealtimeStatus,
} from '../../../src/sdk/index.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const WebSocketForNode = NodeWebSocket as unknown as typeof WebSocket;

function waitFor<T>(
  register: (fn: (value: T) => void) => () => void,
  what: string,
  matches: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, 5000);
    const off = register((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

describe('sdk in Node against the local server', () => {
  let server: TestServer;
  const clients: Poolse[] = [];
  const client = (externalId: string, config: Partial<PoolseConfig> = {}): Poolse => {
    const chat = new Poolse({
      apiUrl: server.url,
      getToken: () => server.mintToken(externalId),
      WebSocket: WebSocketForNode,
      ...config,
    });
    clients.push(chat);
    return chat;
  };

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const chat of clients) chat.destroy();
    await server.close();
  });

  it('delivers messages and typing between two clients over the injected WebSocket, and recovers from a dropped socket', async () => {
    const alice = client('alice');
    const bob = client('bob');
    const conv = await alice.conversations.create({ type: 'group', member_external_ids: ['bob'] });
    const bobMe = await bob.me.show();
    const statuses: RealtimeStatus[] = [];
    alice.realtime.onStatus((s) => statuses.push(s));
    const aliceLive = alice.realtime.conversation(conv.id);
    const bobLive = bob.realtime.conversation(conv.id);
    let aliceJoins = 0;
    aliceLive.onJoin(() => {
      aliceJoins += 1;
    });
    await waitFor<void>(aliceLive.onJoin.bind(aliceLive), 'alice join');
    if (!bobLive.isJoined()) await waitFor<void>(bobLive.onJoin.bind(bobLive), 'bob join');

    const typing = waitFor(aliceLive.onTypingStart.bind(aliceLive), 'typing:start');
    bobLive.sendTyping();
    assert.deepEqual(await typing, { user_id: bobMe.id });

    const first = waitFor(aliceLive.onMessage.bind(aliceLive), 'message:new');
    const sent = await bob.conversations.one(conv.id).messages.send({ body: 'from node' });
    assert.equal((await first).id, sent.id);

    const rejoined = waitFor<void>(aliceLive.onJoin.bind(aliceLive), 'rejoin');
    server.server.hub.dropAllSockets();
    await rejoined;
    assert.equal(aliceJoins, 2);
    assert.deepEqual(statuses, ['connecting', 'connected', 'reconnecting', 'connected']);

    const second = waitFor(aliceLive.onMessage.bind(aliceLive), 'message:new after the drop');
    const again = await bob.conversations.one(conv.id).messages.send({ body: 'after the drop' });
    assert.equal((await second).id, again.id);

    alice.realtime.disconnect();
    assert.equal(alice.realtime.getStatus(), 'closed');
  });

  it('uploads through fetch (no progress in Node) and the download has the same bytes', async () => {
    const chat = client('uploader');
    const bytes = new Uint8Array(10_000).map((_, i) => i % 256);
    const progress: unknown[] = [];
    const attachment = await chat.attachments.upload(
      {
        body: bytes,
        contentType: 'application/octet-stream',
        byteSize: bytes.length,
        filename: 'bytes.bin',
      },
      { onProgress: (e) => progress.push(e) },
    );
    assert.equal(attachment.byte_size, bytes.length);
    assert.deepEqual(progress, []);
    const { url } = await chat.attachments.one(attachment.id).downloadUrl();
    const downloaded = new Uint8Array(await (await fetch(url)).arrayBuffer());
    assert.deepEqual(downloaded, bytes);
  });

  it('raises RateLimitedError with retryAfterMs from the server once the retry budget is spent', async () => {
    const limited = await startTestServer({ rateLimit: { burst: 1, perSecond: 0.01 } });
    try {
      const chat = new Poolse({
        apiUrl: limited.url,
        getToken: () => limited.mintToken('busy'),
        maxRetries: 0,
      });
      const conv = await chat.conversations.create({ type: 'group' });
      const error = await chat.conversations
        .one(conv.id)
        .messages.send({ body: 'too fast' })
        .catch((e: unknown) => e);
      assert.ok(
        error instanceof RateLimitedError,
        `expected RateLimitedError, got ${String(error)}`,
      );
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limited');
      assert.ok(error.retryAfterMs > 0);
      assert.match(error.docUrl, /rate_limited/);
    } finally {
      await limited.close();
    }
  });
});
