/**
 * The Phoenix Channels protocol of the realtime hub, driven by the real
 * `phoenix` client (and raw frames where the client hides the wire), against
 * a bare HTTP server with fake token and membership checks.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Message } from '../../../src/sdk/types.js';
import {
  EventLog,
  RawClient,
  connect,
  disconnect,
  eventually,
  join,
  phoenixSocket,
  sleep,
  startBareRealtime,
  upgradeStatus,
  type BareRealtime,
  type BareUser,
} from './harness.js';

function sampleMessage(conversationId: string, senderId: string): Message {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    tenant_id: randomUUID(),
    conversation_id: conversationId,
    sender_id: senderId,
    sender_external_id: 'alice',
    type: 'text',
    body: 'hello there',
    reply_to_id: null,
    thread_root_id: null,
    quoted_message_id: null,
    quoted_message: null,
    mentions: [],
    reactions: { '👍': [senderId] },
    attachments: [],
    reply_count: 0,
    last_reply_at: null,
    custom_data: {},
    edited_at: null,
    deleted_at: null,
    sequence: 7,
    inserted_at: now,
    updated_at: now,
  };
}

describe('realtime protocol', () => {
  let rt: BareRealtime;
  let alice: BareUser;
  let bob: BareUser;
  let carol: BareUser;
  const conversationId = randomUUID();

  before(async () => {
    rt = await startBareRealtime();
    alice = rt.addUser('alice');
    bob = rt.addUser('bob');
    carol = rt.addUser('carol');
    rt.addMember(conversationId, alice.user.userId);
    rt.addMember(conversationId, bob.user.userId);
  });
  after(() => rt.close());

  describe('opening the socket', () => {
    test('a missing or unknown token is refused with 403', async () => {
      const base = rt.endpoint.replace('/socket', '/socket/websocket');
      assert.equal(await upgradeStatus(`${base}?vsn=2.0.0`), 403);
      assert.equal(await upgradeStatus(`${base}?vsn=2.0.0&token=nope`), 403);
      assert.equal(await upgradeStatus(`${base}?vsn=2.0.0&token=${alice.token}`), 'open');
    });

    test('the phoenix client with a bad token never opens', async () => {
      const socket = phoenixSocket(rt.endpoint, 'not-a-token', { reconnectAfterMs: () => 60_000 });
      await assert.rejects(connect(socket), /socket error/);
      assert.equal(socket.isConnected(), false);
      await disconnect(socket);
    });

    test('only the 2.0.0 serializer is spoken', async () => {
      const base = rt.endpoint.replace('/socket', '/socket/websocket');
      assert.equal(await upgradeStatus(`${base}?vsn=1.0.0&token=${alice.token}`), 400);
      assert.equal(await upgradeStatus(`${base}?token=${alice.token}`), 400);
    });

    test('other upgrade paths are not taken over', async () => {
      const other = rt.endpoint.replace('/socket', '/elsewhere');
      assert.equal(await upgradeStatus(`${other}?vsn=2.0.0&token=${alice.token}`), 404);
    });

    test('the token may come as the phoenix authToken subprotocol', async () => {
      const socket = phoenixSocket(rt.endpoint, '', { params: {}, authToken: alice.token });
      await connect(socket);
      assert.equal((await join(socket.channel(`user:${alice.user.userId}`))).status, 'ok');
      await disconnect(socket);
    });

    test('socketCount counts open sockets', async () => {
      const before = rt.hub.socketCount();
      const socket = await connect(phoenixSocket(rt.endpoint, alice.token));
      await eventually(() => rt.hub.socketCount() === before + 1, 'socket counted');
      await disconnect(socket);
      await eventually(() => rt.hub.socketCount() === before, 'socket uncounted');
    });
  });

  describe('heartbeat', () => {
    test('a heartbeat on the phoenix topic is answered ok', async () => {
      const raw = await RawClient.open(rt.endpoint, alice.token);
      raw.send([null, '41', 'phoenix', 'heartbeat', {}]);
      assert.deepEqual(await raw.reply('41'), [
        null,
        '41',
        'phoenix',
        'phx_reply',
        { status: 'ok', response: {} },
      ]);
      raw.close();
    });

    test('the phoenix client measures a round trip over heartbeats', async () => {
      const socket = await connect(phoenixSocket(rt.endpoint, alice.token));
      const rtt = await new Promise<number>((resolve) => socket.ping(resolve));
      assert.ok(rtt >= 0);
      await disconnect(socket);
    });
  });

  describe('joining', () => {
    let socket: ReturnType<typeof phoenixSocket>;
    before(async () => {
      socket = await connect(phoenixSocket(rt.endpoint, carol.token));
    });
    after(() => disconnect(socket));

    test('a member joins the conversation', async () => {
      const bobSocket = await connect(phoenixSocket(rt.endpoint, bob.token));
      assert.deepEqual(await join(bobSocket.channel(`conversation:${conversationId}`)), {
        status: 'ok',
        response: {},
      });
      await disconnect(bobSocket);
    });

    test('a non-member is refused with reason unauthorized', async () => {
      assert.deepEqual(await join(socket.channel(`conversation:${conversationId}`)), {
        status: 'error',
        response: { reason: 'unauthorized' },
      });
    });

    test("another user's user topic is refused; one's own is joined", async () => {
      assert.deepEqual(await join(socket.channel(`user:${alice.user.userId}`)), {
        status: 'error',
        response: { reason: 'unauthorized' },
      });
      assert.deepEqual(await join(socket.channel(`user:${carol.user.userId}`)), {
        status: 'ok',
        response: {},
      });
    });

    test('unknown topics are refused', async () => {
      for (const topic of [
        'room:lobby',
        'conversation:not-a-uuid',
        `conversation:${conversationId.toUpperCase()}`,
        'phoenix:x',
        'user:',
      ]) {
        assert.deepEqual(
          await join(socket.channel(topic)),
          { status: 'error', response: { reason: 'unauthorized' } },
          topic,
        );
      }
    });

    test('the join reply carries the join ref; a refused join opens nothing', async () => {
      const raw = await RawClient.open(rt.endpoint, carol.token);
      raw.send(['5', '5', `conversation:${conversationId}`, 'phx_join', {}]);
      assert.deepEqual(await raw.reply('5'), [
        '5',
        '5',
        `conversation:${conversationId}`,
        'phx_reply',
        { status: 'error', response: { reason: 'unauthorized' } },
      ]);
      raw.send(['5', '6', `conversation:${conversationId}`, 'typing', {}]);
      assert.deepEqual((await raw.reply('6'))[4], {
        status: 'error',
        response: { reason: 'unmatched topic' },
      });
      raw.close();
    });
  });

  describe('leaving and duplicate joins', () => {
    test('phx_leave is answered ok, then phx_close, and broadcasts stop', async () => {
      const raw = await RawClient.open(rt.endpoint, alice.token);
      const topic = `user:${alice.user.userId}`;
      raw.send(['1', '1', topic, 'phx_join', {}]);
      assert.deepEqual((await raw.reply('1'))[4], { status: 'ok', response: {} });
      raw.send(['1', '2', topic, 'phx_leave', {}]);
      const reply = await raw.reply('2');
      assert.deepEqual(reply, ['1', '2', topic, 'phx_reply', { status: 'ok', response: {} }]);
      const close = await raw.next((f) => f[3] === 'phx_close', 'phx_close');
      assert.deepEqual(close, ['1', '1', topic, 'phx_close', {}]);
      assert.ok(
        raw.frames.indexOf(close) > raw.frames.indexOf(reply),
        'the close follows the reply',
      );

      const count = raw.frames.length;
      rt.hub.broadcastUser(alice.user.userId, 'mention:new', {
        message_id: randomUUID(),
        conversation_id: conversationId,
        sender_id: null,
      });
      await sleep(100);
      assert.equal(raw.frames.length, count);
      raw.close();
    });

    test('joining a topic twice on one socket closes the first channel', async () => {
      const raw = await RawClient.open(rt.endpoint, alice.token);
      const topic = `user:${alice.user.userId}`;
      raw.send(['1', '1', topic, 'phx_join', {}]);
      await raw.reply('1');
      raw.send(['2', '2', topic, 'phx_join', {}]);
      assert.deepEqual(await raw.next((f) => f[3] === 'phx_close', 'close of the first'), [
        '1',
        '1',
        topic,
        'phx_close',
        {},
      ]);
      assert.deepEqual(await raw.reply('2'), [
        '2',
        '2',
        topic,
        'phx_reply',
        { status: 'ok', response: {} },
      ]);

      const from = raw.frames.length;
      const payload = {
        message_id: randomUUID(),
        conversation_id: conversationId,
        sender_id: bob.user.userId,
      };
      rt.hub.broadcastUser(alice.user.userId, 'mention:new', payload);
      assert.deepEqual(await raw.next((f) => f[3] === 'mention:new', 'mention', from), [
        null,
        null,
        topic,
        'mention:new',
        payload,
      ]);
      await sleep(50);
      assert.equal(
        raw.frames.slice(from).filter((f) => f[3] === 'mention:new').length,
        1,
        'delivered once, not per join',
      );
      raw.close();
    });

    test('the phoenix client leaving a channel gets its ok', async () => {
      const socket = await connect(phoenixSocket(rt.endpoint, alice.token));
      const channel = socket.channel(`conversation:${conversationId}`);
      await join(channel);
      const left = await new Promise<string>((resolve) =>
        channel.leave().receive('ok', () => resolve('ok')),
      );
      assert.equal(left, 'ok');
      await disconnect(socket);
    });
  });

  describe('broadcasts', () => {
    test('conversation events reach every joined member with the exact payload', async () => {
      const aliceSocket = await connect(phoenixSocket(rt.endpoint, alice.token));
      const bobSocket = await connect(phoenixSocket(rt.endpoint, bob.token));
      const topic = `conversation:${conversationId}`;
      const aliceChannel = aliceSocket.channel(topic);
      const bobChannel = bobSocket.channel(topic);
      const names = [
        'message:new',
        'message:updated',
        'message:deleted',
        'reaction:added',
        'reaction:removed',
        'member:read',
      ];
      const aliceLog = new EventLog(aliceChannel, names);
      const bobLog = new EventLog(bobChannel, names);
      await join(aliceChannel);
      await join(bobChannel);

      const message = sampleMessage(conversationId, alice.user.userId);
      const edited = { ...message, body: 'edited', edited_at: new Date().toISOString() };
      const deleted = {
        id: message.id,
        conversation_id: conversationId,
        deleted_at: new Date().toISOString(),
      };
      const reaction = {
        message_id: message.id,
        conversation_id: conversationId,
        emoji: '🎉',
        user_id: bob.user.userId,
      };
      const read = {
        user_id: bob.user.userId,
        conversation_id: conversationId,
        last_read_message_id: message.id,
        last_read_at: new Date().toISOString(),
      };
      rt.hub.broadcastConversation(conversationId, 'message:new', message);
      rt.hub.broadcastConversation(conversationId, 'message:updated', edited);
      rt.hub.broadcastConversation(conversationId, 'message:deleted', deleted);
      rt.hub.broadcastConversation(conversationId, 'reaction:added', reaction);
      rt.hub.broadcastConversation(conversationId, 'reaction:removed', reaction);
      rt.hub.broadcastConversation(conversationId, 'member:read', read);

      const expected = [
        { event: 'message:new', payload: message },
        { event: 'message:updated', payload: edited },
        { event: 'message:deleted', payload: deleted },
        { event: 'reaction:added', payload: reaction },
        { event: 'reaction:removed', payload: reaction },
        { event: 'member:read', payload: read },
      ];
      await eventually(
        () => aliceLog.events.length === 6 && bobLog.events.length === 6,
        'six events each',
      );
      assert.deepEqual(aliceLog.events, expected);
      assert.deepEqual(bobLog.events, expected);
      await disconnect(aliceSocket);
      await disconnect(bobSocket);
    });

    test('user events reach only that user', async () => {
      const aliceSocket = await connect(phoenixSocket(rt.endpoint, alice.token));
      const bobSocket = await connect(phoenixSocket(rt.endpoint, bob.token));
      const names = ['mention:new', 'conversation:created', 'conversation:updated'];
      const aliceChannel = aliceSocket.channel(`user:${alice.user.userId}`);
      const bobChannel = bobSocket.channel(`user:${bob.user.userId}`);
      const aliceLog = new EventLog(aliceChannel, names);
      const bobLog = new EventLog(bobChannel, names);
      await join(aliceChannel);
      await join(bobChannel);

      const mention = {
        message_id: randomUUID(),
        conversation_id: conversationId,
        sender_id: bob.user.userId,
      };
      rt.hub.broadcastUser(alice.user.userId, 'mention:new', mention);
      assert.deepEqual(await aliceLog.next('mention:new'), mention);
      await sleep(50);
      assert.equal(bobLog.events.length, 0);
      await disconnect(aliceSocket);
      await disconnect(bobSocket);
    });

    test('broadcasts carry a null join ref and reach the client after a rejoin', async () => {
      const raw = await RawClient.open(rt.endpoint, bob.token);
      const topic = `conversation:${conversationId}`;
      raw.send(['9', '9', topic, 'phx_join', {}]);
      await raw.reply('9');
      const from = raw.frames.length;
      const deleted = { id: randomUUID(), conversation_id: conversationId, deleted_at: null };
      rt.hub.broadcastConversation(conversationId, 'message:deleted', deleted);
      assert.deepEqual(await raw.next((f) => f[3] === 'message:deleted', 'deleted', from), [
        null,
        null,
        topic,
        'message:deleted',
        deleted,
      ]);
      raw.close();
    });
  });

  describe('dropping and closing', () => {
    test('dropAllSockets drops every socket; the phoenix client reconnects and rejoins', async () => {
      const socket = await connect(
        phoenixSocket(rt.endpoint, bob.token, {
          reconnectAfterMs: () => 20,
          rejoinAfterMs: () => 20,
        }),
      );
      const channel = socket.channel(`user:${bob.user.userId}`);
      const log = new EventLog(channel, ['mention:new']);
      await join(channel);
      let closes = 0;
      socket.onClose(() => {
        closes += 1;
      });
      rt.hub.dropAllSockets();
      assert.equal(rt.hub.socketCount(), 0);
      await eventually(() => closes === 1, 'client saw the drop');
      await eventually(() => rt.hub.socketCount() === 1 && channel.state === 'joined', 'rejoined');
      const mention = {
        message_id: randomUUID(),
        conversation_id: conversationId,
        sender_id: null,
      };
      rt.hub.broadcastUser(bob.user.userId, 'mention:new', mention);
      assert.deepEqual(await log.next('mention:new'), mention);
      await disconnect(socket);
    });
  });
});

describe('realtime hub lifecycle', () => {
  test('a socket silent for longer than the heartbeat timeout is closed', async () => {
    const rt = await startBareRealtime({ heartbeatTimeoutMs: 200 });
    const alice = rt.addUser('alice');
    const quiet = await RawClient.open(rt.endpoint, alice.token);
    const chatty = await RawClient.open(rt.endpoint, alice.token);
    const beat = setInterval(
      () => chatty.send([null, String(Date.now()), 'phoenix', 'heartbeat', {}]),
      50,
    );
    try {
      const closed = await quiet.closed;
      assert.equal(closed.code, 1000);
      await sleep(300);
      assert.equal(chatty.ws.readyState, chatty.ws.OPEN, 'a socket that beats stays open');
    } finally {
      clearInterval(beat);
      chatty.close();
      await rt.close();
    }
  });

  test('close() drops the sockets and stops accepting upgrades', async () => {
    const rt = await startBareRealtime();
    const alice = rt.addUser('alice');
    const raw = await RawClient.open(rt.endpoint, alice.token);
    await rt.hub.close();
    await raw.closed;
    assert.equal(rt.hub.socketCount(), 0);
    assert.equal(rt.server.listenerCount('upgrade'), 0);
    rt.server.closeAllConnections();
    await new Promise<void>((resolve) => rt.server.close(() => resolve()));
  });
});
