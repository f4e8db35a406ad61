/**
 * The long-poll transport on `/socket/longpoll`, against the real server: the
 * unmodified phoenix client's `LongPoll` joins, hears and pushes exactly as
 * over a WebSocket (and beside one), with the same authorization and limits,
 * and hostile requests get a clear answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LongPoll, Socket } from 'phoenix';
import type { Conversation } from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, send, type Person } from '../server/helpers.js';
import {
  EventLog,
  connect,
  disconnect,
  eventually,
  join,
  phoenixSocket,
  pushAndReply,
} from './harness.js';

let server: TestServer;
let alice: Person;
let bob: Person;
let carol: Person;
let group: Conversation;
const sockets: Socket[] = [];

function longPollSocket(token: string): Socket {
  const socket = new Socket(`${server.url.replace('http', 'ws')}/socket`, {
    transport: LongPoll,
    params: { token },
    timeout: 3000,
  });
  sockets.push(socket);
  return socket;
}

function webSocket(token: string): Socket {
  const socket = phoenixSocket(`${server.url.replace('http', 'ws')}/socket`, token);
  sockets.push(socket);
  return socket;
}

interface PollAnswer {
  status: number;
  token?: string;
  messages?: string[];
}

async function poll(query: string, init: RequestInit = {}): Promise<PollAnswer> {
  const response = await fetch(`${server.url}/socket/longpoll?${query}`, init);
  assert.equal(response.status, 200);
  return (await response.json()) as PollAnswer;
}

/** Opens a raw session: the JWT's first GET answers 410 with the session token. */
async function openSession(token: string): Promise<string> {
  const opened = await poll(`vsn=2.0.0&token=${encodeURIComponent(token)}`);
  assert.equal(opened.status, 410);
  assert.match(opened.token ?? '', /^lp\./);
  return opened.token ?? '';
}

function postFrames(session: string, lines: string[]): Promise<PollAnswer> {
  return poll(`vsn=2.0.0&token=${encodeURIComponent(session)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
}

before(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await Promise.all(
    ['alice', 'bob', 'carol'].map((id) => person(server, id)),
  );
  group = await newGroup(server, alice, ['bob']);
});

after(async () => {
  await Promise.all(sockets.map((socket) => disconnect(socket)));
  await server.close();
});

describe('long-poll transport', () => {
  it('carries messages, presence and typing between a long-poll client and a WebSocket client', async () => {
    const polling = await connect(longPollSocket(alice.token));
    assert.equal((polling as unknown as { transport: unknown }).transport, LongPoll);
    const live = await connect(webSocket(bob.token));

    const aliceChannel = polling.channel(`conversation:${group.id}`);
    const aliceLog = new EventLog(aliceChannel, [
      'message:new',
      'typing:start',
      'presence_state',
      'presence_diff',
      'member:read',
    ]);
    assert.equal((await join(aliceChannel)).status, 'ok');
    await aliceLog.next('presence_state');

    const bobChannel = live.channel(`conversation:${group.id}`);
    const bobLog = new EventLog(bobChannel, ['message:new', 'typing:start']);
    assert.equal((await join(bobChannel)).status, 'ok');
    // Bob's arrival reaches the long-poll client as a presence diff.
    await aliceLog.next('presence_diff');

    // A push over long-poll (typing) reaches the WebSocket peer, and its reply comes back.
    assert.equal((await pushAndReply(aliceChannel, 'typing')).status, 'ok');
    await bobLog.next('typing:start');
    await pushAndReply(bobChannel, 'typing');
    await aliceLog.next('typing:start');

    // A message sent over REST reaches both, once each.
    const sent = await send(server, bob, group.id, { body: 'over the poll' });
    const heard = (await aliceLog.next('message:new')) as { id: string; body: string };
    assert.equal(heard.id, sent.id);
    assert.equal(heard.body, 'over the poll');
    await bobLog.next('message:new');
    assert.equal(aliceLog.count('message:new'), 1);
  });

  it('refuses a non-member exactly as the WebSocket does', async () => {
    const polling = await connect(longPollSocket(carol.token));
    const refused = await join(polling.channel(`conversation:${group.id}`));
    assert.deepEqual(refused, { status: 'error', response: { reason: 'unauthorized' } });
    const own = await join(polling.channel(`user:${carol.user.id}`));
    assert.equal(own.status, 'ok');
    const other = await join(polling.channel(`user:${alice.user.id}`));
    assert.equal(other.status, 'error');
  });

  it('answers a bad token with 403, and an unknown or missing session with 410', async () => {
    assert.deepEqual(await poll('vsn=2.0.0&token=not-a-jwt'), { status: 403 });
    assert.deepEqual(await poll('vsn=2.0.0'), { status: 403 });
    assert.deepEqual(
      await poll(`vsn=1.0.0&token=${encodeURIComponent(alice.token)}`),
      { status: 403 },
      'only the 2.0.0 serializer is spoken',
    );
    assert.deepEqual(await poll('vsn=2.0.0&token=lp.unknown'), { status: 410 });
    assert.deepEqual(await postFrames('lp.unknown', ['[null,"1","phoenix","heartbeat",{}]']), {
      status: 410,
    });
  });

  it('gives the phoenix client the session token with each answer and answers heartbeats', async () => {
    const session = await openSession(alice.token);
    assert.deepEqual(await postFrames(session, ['[null,"7","phoenix","heartbeat",{}]']), {
      status: 200,
    });
    const answer = await poll(`vsn=2.0.0&token=${encodeURIComponent(session)}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.token, session);
    assert.deepEqual(
      (answer.messages ?? []).map((m) => JSON.parse(m) as unknown),
      [[null, '7', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]],
    );
  });

  it('answers malformed bodies with the error envelope and ends a session that sends junk', async () => {
    const session = await openSession(alice.token);
    const wrongType = await call(
      server.url,
      'POST',
      `/socket/longpoll?vsn=2.0.0&token=${session}`,
      { rawBody: 'hello', headers: { 'Content-Type': 'text/html' } },
    );
    assertError(wrongType, 415, 'unsupported_media_type');
    const huge = await call(server.url, 'POST', `/socket/longpoll?vsn=2.0.0&token=${session}`, {
      rawBody: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'Content-Type': 'application/x-ndjson' },
    });
    assertError(huge, 413, 'payload_too_large');

    // Malformed frames count as on a WebSocket: ten end the session.
    for (let i = 0; i < 10; i += 1) await postFrames(session, [`[${i}, "junk"`]);
    assert.deepEqual(await poll(`vsn=2.0.0&token=${encodeURIComponent(session)}`), {
      status: 410,
    });

    // A frame over the size limit ends the session, like a 1009 close.
    const other = await openSession(alice.token);
    const oversized = JSON.stringify([
      null,
      '1',
      'phoenix',
      'heartbeat',
      { x: 'y'.repeat(70_000) },
    ]);
    assert.deepEqual(await postFrames(other, [oversized]), { status: 410 });
  });

  it('bounds the sessions one user may hold: the oldest ends', async () => {
    const first = await openSession(bob.token);
    for (let i = 0; i < 32; i += 1) await openSession(bob.token);
    assert.deepEqual(await poll(`vsn=2.0.0&token=${encodeURIComponent(first)}`), {
      status: 410,
    });
  });

  it('reconnects and rejoins by itself when its session is dropped', async () => {
    const polling = await connect(longPollSocket(alice.token));
    const channel = polling.channel(`conversation:${group.id}`);
    const log = new EventLog(channel, ['message:new']);
    let joins = 0;
    channel.on('presence_state', () => {
      joins += 1;
    });
    assert.equal((await join(channel)).status, 'ok');
    await eventually(() => joins === 1, 'first presence state');
    server.server.hub.dropAllSockets();
    await eventually(() => joins === 2, 'rejoin after the session was dropped', 8000);
    await send(server, bob, group.id, { body: 'after the drop' });
    await log.next('message:new');
  });
});
