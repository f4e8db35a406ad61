/**
 * The realtime side of the real local server, end to end: REST writes made
 * with `fetch` arrive on the phoenix client with the exact payloads of the
 * spec, with real tokens and real memberships.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import type { Socket } from 'phoenix';
import type {
  Conversation,
  Me,
  Membership,
  MembershipList,
  Message,
  PresenceDiff,
  PresenceSnapshot,
} from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import {
  EventLog,
  RawClient,
  connect,
  disconnect,
  eventually,
  join,
  phoenixSocket,
  pushAndReply,
  sleep,
  upgradeStatus,
} from './harness.js';

const TYPING_TIMEOUT_MS = 1500;
const CONVERSATION_EVENTS = [
  'message:new',
  'message:updated',
  'message:deleted',
  'reaction:added',
  'reaction:removed',
  'member:read',
  'typing:start',
  'typing:stop',
  'presence_state',
  'presence_diff',
];
const USER_EVENTS = ['mention:new', 'conversation:created', 'conversation:updated'];

interface Person {
  externalId: string;
  token: string;
  me: Me;
}

describe('realtime against the local server', () => {
  let server: TestServer;
  let endpoint: string;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  const sockets: Socket[] = [];

  async function api<T>(
    who: Person,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${who.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function person(externalId: string): Promise<Person> {
    const token = await server.mintToken(externalId);
    const partial = { externalId, token, me: null as unknown as Me };
    partial.me = (await api<Me>(partial, 'GET', '/v1/me')).body;
    return partial;
  }

  async function open(who: Person): Promise<Socket> {
    const socket = await connect(
      phoenixSocket(endpoint, who.token, { reconnectAfterMs: () => 50, rejoinAfterMs: () => 50 }),
    );
    sockets.push(socket);
    return socket;
  }

  async function joined(
    socket: Socket,
    topic: string,
    events: string[],
  ): Promise<{ log: EventLog; channel: ReturnType<Socket['channel']> }> {
    const channel = socket.channel(topic);
    const log = new EventLog(channel, events);
    assert.deepEqual(await join(channel), { status: 'ok', response: {} }, `join ${topic}`);
    return { log, channel };
  }

  async function createGroup(owner: Person, others: Person[]): Promise<Conversation> {
    const created = await api<Conversation>(owner, 'POST', '/v1/conversations', {
      type: 'group',
      name: `room ${Math.random()}`,
      member_external_ids: others.map((p) => p.externalId),
    });
    assert.equal(created.status, 201);
    return created.body;
  }

  before(async () => {
    server = await startTestServer({ typingTimeoutMs: TYPING_TIMEOUT_MS });
    endpoint = `${server.url.replace(/^http/, 'ws')}/socket`;
    alice = await person('alice');
    bob = await person('bob');
    carol = await person('carol');
  });
  after(async () => {
    await Promise.all(sockets.map((s) => disconnect(s)));
    await server.close();
  });

  test('the socket is refused (403) without a valid token, and accepted with one', async () => {
    const base = `${endpoint}/websocket?vsn=2.0.0`;
    assert.equal(await upgradeStatus(base), 403);
    assert.equal(await upgradeStatus(`${base}&token=garbage`), 403);
    const [header, payload] = alice.token.split('.');
    assert.equal(
      await upgradeStatus(`${base}&token=${header}.${payload}.${'A'.repeat(43)}`),
      403,
      'bad signature',
    );
    // Forged with the tenant's secret: only the expiry differs between the two.
    const forge = (expiresIn: number): Promise<string> => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ tid: server.tenantId, ext: 'alice' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(alice.me.id)
        .setIssuedAt(now - 7200)
        .setExpirationTime(now + expiresIn)
        .sign(new TextEncoder().encode(server.jwtSecret));
    };
    assert.equal(await upgradeStatus(`${base}&token=${await forge(-3600)}`), 403, 'expired');
    assert.equal(await upgradeStatus(`${base}&token=${await forge(3600)}`), 'open');
    assert.equal(await upgradeStatus(`${base}&token=${alice.token}`), 'open');
  });

  test('joins are refused for non-members and for another user’s user topic', async () => {
    const conversation = await createGroup(alice, [bob]);
    const socket = await open(carol);
    const refused = { status: 'error', response: { reason: 'unauthorized' } };
    assert.deepEqual(await join(socket.channel(`conversation:${conversation.id}`)), refused);
    assert.deepEqual(await join(socket.channel(`user:${alice.me.id}`)), refused);
    assert.deepEqual(await join(socket.channel(`user:${carol.me.id}`)), {
      status: 'ok',
      response: {},
    });
  });

  test('heartbeats are answered', async () => {
    const raw = await RawClient.open(endpoint, alice.token);
    raw.send([null, '77', 'phoenix', 'heartbeat', {}]);
    assert.deepEqual(await raw.reply('77'), [
      null,
      '77',
      'phoenix',
      'phx_reply',
      { status: 'ok', response: {} },
    ]);
    raw.close();
  });

  test('every event of the spec arrives with its exact payload', async () => {
    const aliceSocket = await open(alice);
    const bobSocket = await open(bob);
    const aliceUser = await joined(aliceSocket, `user:${alice.me.id}`, USER_EVENTS);
    const bobUser = await joined(bobSocket, `user:${bob.me.id}`, USER_EVENTS);

    // conversation:created reaches the added member, as they would GET it.
    const conversation = await createGroup(alice, [bob]);
    const created = (await bobUser.log.next('conversation:created')) as Conversation;
    const bobView = await api<Conversation>(bob, 'GET', `/v1/conversations/${conversation.id}`);
    assert.deepEqual(created, bobView.body);

    const topic = `conversation:${conversation.id}`;
    const aliceRoom = await joined(aliceSocket, topic, CONVERSATION_EVENTS);
    const bobRoom = await joined(bobSocket, topic, CONVERSATION_EVENTS);

    // message:new to both, mention:new to the mentioned, conversation:updated to each member with their own view.
    const sent = await api<Message>(
      alice,
      'POST',
      `/v1/conversations/${conversation.id}/messages`,
      { body: 'hi @bob', mentions: [bob.me.id] },
    );
    assert.equal(sent.status, 201);
    assert.deepEqual(await aliceRoom.log.next('message:new'), sent.body);
    assert.deepEqual(await bobRoom.log.next('message:new'), sent.body);
    assert.deepEqual(await bobUser.log.next('mention:new'), {
      message_id: sent.body.id,
      conversation_id: conversation.id,
      sender_id: alice.me.id,
    });
    const updatedForBob = (await bobUser.log.next('conversation:updated')) as {
      conversation: Conversation;
      by_user_id: string;
    };
    const updatedForAlice = (await aliceUser.log.next('conversation:updated')) as {
      conversation: Conversation;
      by_user_id: string;
    };
    assert.deepEqual(updatedForBob, {
      conversation: (await api<Conversation>(bob, 'GET', `/v1/conversations/${conversation.id}`))
        .body,
      by_user_id: alice.me.id,
    });
    assert.deepEqual(updatedForAlice, {
      conversation: (await api<Conversation>(alice, 'GET', `/v1/conversations/${conversation.id}`))
        .body,
      by_user_id: alice.me.id,
    });
    assert.equal(updatedForBob.conversation.unread_count, 1);
    assert.equal(aliceUser.log.count('mention:new'), 0);

    // message:updated
    const edited = await api<Message>(alice, 'PATCH', `/v1/messages/${sent.body.id}`, {
      body: 'hi @bob (edited)',
    });
    assert.equal(edited.status, 200);
    assert.deepEqual(await bobRoom.log.next('message:updated'), edited.body);

    // reaction:added / reaction:removed
    const reaction = {
      message_id: sent.body.id,
      conversation_id: conversation.id,
      emoji: '👍',
      user_id: bob.me.id,
    };
    assert.equal(
      (await api<Message>(bob, 'POST', `/v1/messages/${sent.body.id}/reactions`, { emoji: '👍' }))
        .status,
      200,
    );
    assert.deepEqual(await aliceRoom.log.next('reaction:added'), reaction);
    assert.equal(
      (
        await api<Message>(
          bob,
          'DELETE',
          `/v1/messages/${sent.body.id}/reactions/${encodeURIComponent('👍')}`,
        )
      ).status,
      200,
    );
    assert.deepEqual(await aliceRoom.log.next('reaction:removed'), reaction);

    // member:read
    assert.equal(
      (
        await api(bob, 'POST', `/v1/conversations/${conversation.id}/read`, {
          message_id: sent.body.id,
        })
      ).status,
      204,
    );
    const members = await api<MembershipList>(
      alice,
      'GET',
      `/v1/conversations/${conversation.id}/members`,
    );
    const bobMembership = members.body.data.find(
      (m: Membership) => m.user_id === bob.me.id,
    ) as Membership;
    assert.deepEqual(await aliceRoom.log.next('member:read'), {
      user_id: bob.me.id,
      conversation_id: conversation.id,
      last_read_message_id: sent.body.id,
      last_read_at: bobMembership.last_read_at,
    });

    // message:deleted
    assert.equal((await api(alice, 'DELETE', `/v1/messages/${sent.body.id}`)).status, 204);
    const deleted = (await bobRoom.log.next('message:deleted')) as {
      id: string;
      conversation_id: string;
      deleted_at: string;
    };
    assert.deepEqual(Object.keys(deleted).sort(), ['conversation_id', 'deleted_at', 'id']);
    assert.equal(deleted.id, sent.body.id);
    assert.equal(deleted.conversation_id, conversation.id);
    assert.match(deleted.deleted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('typing goes to peers only, stops after the timeout, and stops when the typist sends', async () => {
    const conversation = await createGroup(alice, [bob]);
    const topic = `conversation:${conversation.id}`;
    const aliceRoom = await joined(await open(alice), topic, CONVERSATION_EVENTS);
    const bobRoom = await joined(await open(bob), topic, CONVERSATION_EVENTS);

    assert.deepEqual(await pushAndReply(bobRoom.channel, 'typing'), { status: 'ok', response: {} });
    assert.deepEqual(await aliceRoom.log.next('typing:start'), { user_id: bob.me.id });
    const startedAt = Date.now();
    assert.deepEqual(await aliceRoom.log.next('typing:stop', 0, TYPING_TIMEOUT_MS * 3), {
      user_id: bob.me.id,
    });
    assert.ok(Date.now() - startedAt >= TYPING_TIMEOUT_MS - 200, 'stopped by the timeout');

    await sleep(1100); // past the server's typing throttle
    await pushAndReply(bobRoom.channel, 'typing');
    await aliceRoom.log.next('typing:start', 1);
    const sendAt = Date.now();
    assert.equal(
      (
        await api(bob, 'POST', `/v1/conversations/${conversation.id}/messages`, {
          body: 'done typing',
        })
      ).status,
      201,
    );
    await aliceRoom.log.next('typing:stop', 1, TYPING_TIMEOUT_MS);
    assert.ok(
      Date.now() - sendAt < TYPING_TIMEOUT_MS - 300,
      'stopped by the message, not the timeout',
    );
    assert.equal(
      bobRoom.log.count('typing:start') + bobRoom.log.count('typing:stop'),
      0,
      'the typist hears nothing',
    );
  });

  test('presence: state on join and a diff per tab', async () => {
    const conversation = await createGroup(alice, [bob]);
    const topic = `conversation:${conversation.id}`;
    const aliceRoom = await joined(await open(alice), topic, CONVERSATION_EVENTS);
    await aliceRoom.log.next('presence_state');
    const bobTab1Socket = await open(bob);
    const bobTab1 = await joined(bobTab1Socket, topic, CONVERSATION_EVENTS);
    const bobTab2Socket = await open(bob);
    await joined(bobTab2Socket, topic, CONVERSATION_EVENTS);

    const state = (await bobTab1.log.next('presence_state')) as PresenceSnapshot;
    assert.deepEqual(Object.keys(state).sort(), [alice.me.id, bob.me.id].sort());
    assert.equal(state[alice.me.id].metas[0].external_id, 'alice');

    // alice: her own join, then each bob tab's join (diffs are batched per
    // short tick, so both tabs may arrive in one diff or in two).
    const bobJoins = (): PresenceDiff['joins'][string]['metas'] =>
      (aliceRoom.log.payloads('presence_diff') as PresenceDiff[]).flatMap(
        (d) => d.joins[bob.me.id]?.metas ?? [],
      );
    await eventually(() => bobJoins().length >= 2, 'two bob joins');
    const joins = bobJoins();
    assert.equal(joins.length, 2);
    assert.notEqual(joins[0].phx_ref, joins[1].phx_ref);
    assert.ok(joins.every((m) => m.external_id === 'bob' && typeof m.online_at === 'number'));

    const diffsBeforeLeave = aliceRoom.log.count('presence_diff');
    await disconnect(bobTab2Socket);
    assert.deepEqual(await aliceRoom.log.next('presence_diff', diffsBeforeLeave), {
      joins: {},
      leaves: { [bob.me.id]: { metas: [joins[1]] } },
    });
  });

  test("a removed member's channel is closed", async () => {
    const conversation = await createGroup(alice, [bob]);
    const topic = `conversation:${conversation.id}`;
    const aliceRoom = await joined(await open(alice), topic, CONVERSATION_EVENTS);
    const bobSocket = await open(bob);
    const bobRoom = await joined(bobSocket, topic, CONVERSATION_EVENTS);
    let closed = false;
    bobRoom.channel.onClose(() => {
      closed = true;
    });
    const bobMeta = ((await bobRoom.log.next('presence_state')) as PresenceSnapshot)[bob.me.id]
      .metas[0];

    assert.equal(
      (await api(alice, 'DELETE', `/v1/conversations/${conversation.id}/members/bob`)).status,
      204,
    );
    await eventually(() => closed && bobRoom.channel.state === 'closed', "bob's channel closed");
    await eventually(
      () =>
        (aliceRoom.log.payloads('presence_diff') as PresenceDiff[]).some(
          (d) => d.leaves[bob.me.id]?.metas[0]?.phx_ref === bobMeta.phx_ref,
        ),
      'bob leaves presence',
    );
    assert.deepEqual(await join(bobSocket.channel(topic)), {
      status: 'error',
      response: { reason: 'unauthorized' },
    });
  });

  test('oversized and malformed frames do not take the server down; others keep receiving', async () => {
    const conversation = await createGroup(alice, [bob]);
    const topic = `conversation:${conversation.id}`;
    const bobRoom = await joined(await open(bob), topic, CONVERSATION_EVENTS);

    const big = await RawClient.open(endpoint, alice.token);
    big.send([null, '1', 'phoenix', 'heartbeat', { padding: 'x'.repeat(200 * 1024) }]);
    assert.equal((await big.closed).code, 1009);

    const garbage = await RawClient.open(endpoint, alice.token);
    for (let i = 0; i < 20; i += 1)
      garbage.send(i % 2 ? '[1,2,3' : JSON.stringify({ topic, event: 'phx_join' }));
    assert.equal((await garbage.closed).code, 1008);

    const sent = await api<Message>(
      alice,
      'POST',
      `/v1/conversations/${conversation.id}/messages`,
      { body: 'still here?' },
    );
    assert.equal(sent.status, 201);
    assert.deepEqual(await bobRoom.log.next('message:new'), sent.body);
    assert.equal((await api<Me>(alice, 'GET', '/v1/me')).status, 200);
  });

  test('dropping every socket makes clients reconnect and rejoin', async () => {
    const conversation = await createGroup(alice, [bob]);
    const bobRoom = await joined(
      await open(bob),
      `conversation:${conversation.id}`,
      CONVERSATION_EVENTS,
    );
    const drop = await fetch(`${server.url}/_test/drop-sockets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.apiKey}` },
    });
    assert.equal(drop.status, 204);
    await eventually(
      () => bobRoom.log.count('presence_state') >= 2 && bobRoom.channel.state === 'joined',
      'rejoined',
    );
    const sent = await api<Message>(
      alice,
      'POST',
      `/v1/conversations/${conversation.id}/messages`,
      { body: 'after the drop' },
    );
    assert.deepEqual(await bobRoom.log.next('message:new'), sent.body);
  });
});
