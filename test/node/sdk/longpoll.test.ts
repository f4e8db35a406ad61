/**
 * The SDK's realtime over Phoenix long-poll against the real server: every
 * live feature works over it, `auto` falls back to it when the WebSocket is
 * refused and moves back when WebSockets get through again, and a refused
 * `user()` join stops after one try.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket } from 'ws';
import { Poolse, type PoolseConfig } from '../../../src/sdk/index.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { eventually } from '../realtime/harness.js';

function waitFor<T>(
  register: (fn: (value: T) => void) => () => void,
  what: string,
  matches: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, 8000);
    const off = register((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** A WebSocket that a "proxy" can refuse: while blocked, every handshake goes to a path the server refuses. */
const proxy = { blocked: false, handshakes: 0, joins: [] as string[] };
class ProxiedWebSocket extends NodeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    proxy.handshakes += 1;
    const target = proxy.blocked ? String(url).replace('/socket/websocket', '/blocked') : url;
    super(target, protocols);
  }

  override send(data: unknown, ...rest: never[]): void {
    const text = String(data);
    if (text.includes('"phx_join"')) proxy.joins.push(text);
    super.send(data as string, ...rest);
  }
}

describe('sdk realtime over long-poll', () => {
  let server: TestServer;
  const clients: Poolse[] = [];
  const client = (externalId: string, config: Partial<PoolseConfig> = {}): Poolse => {
    const chat = new Poolse({
      apiUrl: server.url,
      getToken: () => server.mintToken(externalId),
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

  it('carries messages, typing, presence, reactions, receipts and conversation events', async () => {
    const alice = client('lp-alice', { transport: 'longpoll' });
    const bob = client('lp-bob', { transport: 'longpoll' });
    const [aliceMe, bobMe] = await Promise.all([alice.me.show(), bob.me.show()]);

    const aliceUser = alice.realtime.user(aliceMe.id);
    await waitFor<void>(aliceUser.onJoin.bind(aliceUser), 'alice user channel');
    assert.equal(alice.realtime.getTransport(), 'longpoll');
    const created = waitFor(aliceUser.onConversationCreated.bind(aliceUser), 'created');
    const conv = await bob.conversations.create({
      type: 'group',
      member_external_ids: ['lp-alice'],
    });
    assert.equal((await created).id, conv.id);

    const aliceLive = alice.realtime.conversation(conv.id);
    const bobLive = bob.realtime.conversation(conv.id);
    await waitFor<void>(aliceLive.onJoin.bind(aliceLive), 'alice join');
    if (!bobLive.isJoined()) await waitFor<void>(bobLive.onJoin.bind(bobLive), 'bob join');
    await eventually(() => bobMe.id in aliceLive.getPresenceState(), 'bob present', 8000);

    const typing = waitFor(aliceLive.onTypingStart.bind(aliceLive), 'typing:start');
    bobLive.sendTyping();
    assert.deepEqual(await typing, { user_id: bobMe.id });

    const heard = waitFor(aliceLive.onMessage.bind(aliceLive), 'message:new');
    const updated = waitFor(
      aliceUser.onConversationUpdated.bind(aliceUser),
      'conversation:updated',
    );
    const sent = await bob.conversations.one(conv.id).messages.send({ body: 'over long-poll' });
    assert.equal((await heard).id, sent.id);
    assert.equal((await updated).conversation.id, conv.id);

    const reacted = waitFor(bobLive.onReactionAdded.bind(bobLive), 'reaction:added');
    await alice.messages.one(sent.id).addReaction('👍');
    assert.deepEqual(await reacted, {
      message_id: sent.id,
      conversation_id: conv.id,
      emoji: '👍',
      user_id: aliceMe.id,
    });

    const read = waitFor(bobLive.onMemberRead.bind(bobLive), 'member:read');
    await alice.conversations.one(conv.id).messages.markRead(sent.id);
    assert.equal((await read).user_id, aliceMe.id);

    const edited = waitFor(aliceLive.onMessageUpdated.bind(aliceLive), 'message:updated');
    await bob.messages.one(sent.id).update({ body: 'edited over long-poll' });
    assert.equal((await edited).body, 'edited over long-poll');
  });

  it('auto falls back to long-poll when the WebSocket is refused, and moves back when it gets through', async () => {
    proxy.blocked = true;
    const WebSocket = ProxiedWebSocket as unknown as typeof globalThis.WebSocket;
    const alice = client('fb-alice', { WebSocket, websocketRetryMs: 300 });
    const bob = client('fb-bob', { transport: 'longpoll' });
    const conv = await alice.conversations.create({
      type: 'group',
      member_external_ids: ['fb-bob'],
    });
    const live = alice.realtime.conversation(conv.id);
    await waitFor<void>(live.onJoin.bind(live), 'join over the fallback');
    assert.equal(alice.realtime.getTransport(), 'longpoll');

    const received: string[] = [];
    live.onMessage((m) => received.push(m.id));
    const first = await bob.conversations.one(conv.id).messages.send({ body: 'while blocked' });
    await eventually(() => received.includes(first.id), 'message over long-poll');

    const rejoined = waitFor<void>(live.onJoin.bind(live), 'rejoin over WebSocket');
    const movedBack = waitFor(
      alice.realtime.onTransport.bind(alice.realtime),
      'websocket',
      (t) => t === 'websocket',
    );
    proxy.blocked = false;
    await movedBack;
    await rejoined;
    assert.equal(alice.realtime.getTransport(), 'websocket');

    const second = await bob.conversations.one(conv.id).messages.send({ body: 'unblocked' });
    await eventually(() => received.includes(second.id), 'message over WebSocket');
    assert.deepEqual(received, [first.id, second.id], 'each message heard once, in order');
  });

  it('user(otherId): one join, one error callback, no retries', async () => {
    proxy.blocked = false;
    proxy.joins.length = 0;
    const WebSocket = ProxiedWebSocket as unknown as typeof globalThis.WebSocket;
    const mallory = client('mallory', { WebSocket, transport: 'websocket' });
    const victim = await client('victim').me.show();
    const channel = mallory.realtime.user(victim.id);
    const errors: string[] = [];
    channel.onJoinError((e) => errors.push(e.reason));
    await waitFor(channel.onJoinError.bind(channel), 'join error');
    // Phoenix's first rejoin would come after 1 s: wait past it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(errors, ['unauthorized']);
    assert.equal(proxy.joins.filter((j) => j.includes(`user:${victim.id}`)).length, 1);
    assert.equal(channel.isJoined(), false);
  });
});
