/**
 * Socket abuse against the real server, beyond `realtime/abuse.test.ts`:
 * a sustained 1,000 pushes per second, join floods over many sockets of one
 * user, frames far over the limit or not even UTF-8, topics spelled to slip
 * past the membership check, a client that never heartbeats and one that
 * never reads. Each time the server refuses or closes the offender, and a
 * well-behaved user on another socket keeps sending and receiving meanwhile.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Message } from '../../../src/sdk/types.js';
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
  startBareRealtime,
  type Frame,
} from '../realtime/harness.js';
import { DEFAULT_LIMITS } from '../../../server/realtime/limits.js';
import { call, newGroup, person, type Person } from '../server/helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

let server: TestServer;
let endpoint: string;
let alice: Person;
let bob: Person;
let carol: Person;
let eve: Person;
let conversationId: string;

before(async () => {
  server = await startTestServer();
  endpoint = `${server.url.replace('http', 'ws')}/socket`;
  [alice, bob, carol, eve] = await Promise.all(
    ['alice', 'bob', 'carol', 'eve'].map((id) => person(server, id)),
  );
  conversationId = (await newGroup(server, alice, ['bob', 'carol'])).id;
});
after(async () => {
  await server.close();
});

/** Whatever a test opened is closed after it, even when an assertion failed midway (phoenix sockets reconnect forever). */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openRaw(token: string, at = endpoint): Promise<RawClient> {
  const raw = await RawClient.open(at, token);
  cleanups.push(() => raw.close());
  return raw;
}

interface BystanderReport {
  rounds: number;
  delivered: number;
  pushesAnswered: number;
  worstLatencyMs: number;
}

/**
 * Bob, well-behaved: every ~100 ms he pushes `typing` on his socket (and
 * expects the reply) while carol posts a message that bob must receive live.
 */
async function startBystander(): Promise<{
  stop: (minRounds?: number) => Promise<BystanderReport>;
}> {
  const socket = await connect(phoenixSocket(endpoint, bob.token, { heartbeatIntervalMs: 500 }));
  const channel = socket.channel(`conversation:${conversationId}`);
  const log = new EventLog(channel, ['message:new']);
  assert.equal((await join(channel)).status, 'ok');
  const report: BystanderReport = { rounds: 0, delivered: 0, pushesAnswered: 0, worstLatencyMs: 0 };
  let running = true;
  cleanups.push(() => {
    running = false;
    socket.disconnect();
  });
  const loop = (async () => {
    while (running) {
      const body = `tick-${randomUUID()}`;
      const started = Date.now();
      report.rounds += 1;
      const pushed = pushAndReply(channel, 'typing');
      const sent = await call(server.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
        token: carol.token,
        body: { body },
      });
      assert.equal(sent.status, 201, 'carol can still send');
      await eventually(
        () => log.payloads('message:new').some((p) => (p as Message).body === body),
        `bob receiving ${body}`,
        3000,
      );
      report.delivered += 1;
      if ((await pushed).status === 'ok') report.pushesAnswered += 1;
      report.worstLatencyMs = Math.max(report.worstLatencyMs, Date.now() - started);
      await sleep(100);
    }
  })();
  return {
    async stop(minRounds = 0) {
      // The abuse may end (the server closing the abuser) within a round or two:
      // bob keeps going a little after it, so "served throughout" spans both.
      const until = Date.now() + 5000;
      while (report.rounds < minRounds && Date.now() < until) await sleep(50);
      running = false;
      await loop;
      await disconnect(socket);
      return report;
    },
  };
}

function assertServedThroughout(report: BystanderReport, minRounds: number): void {
  assert.ok(report.rounds >= minRounds, `bob made only ${report.rounds} rounds`);
  assert.equal(report.delivered, report.rounds, 'every message reached bob');
  assert.equal(report.pushesAnswered, report.rounds, 'every push of bob was answered');
  assert.ok(report.worstLatencyMs < 1500, `bob waited up to ${report.worstLatencyMs} ms`);
}

async function joinRaw(raw: RawClient, topic: string, ref: string): Promise<Frame> {
  raw.send([ref, ref, topic, 'phx_join', {}]);
  return raw.reply(ref);
}

describe('floods', () => {
  it('closes a socket pushing 1,000 frames a second (1008); bob keeps sending and receiving', async () => {
    const bystander = await startBystander();
    const raw = await openRaw(alice.token);
    const topic = `conversation:${conversationId}`;
    assert.equal((await joinRaw(raw, topic, '1'))[4].status, 'ok');
    const started = Date.now();
    let sent = 0;
    let open = true;
    void raw.closed.then(() => (open = false));
    // 10 frames every 10 ms: a steady 1,000 per second, for up to 2 s.
    while (open && Date.now() - started < 2000) {
      for (let i = 0; i < 10; i += 1) raw.send(['1', String(100 + sent++), topic, 'typing', {}]);
      await sleep(10);
    }
    const closed = await raw.closed;
    assert.equal(closed.code, 1008);
    assert.equal(closed.reason, 'rate limit exceeded');
    const answered = raw.frames.filter((f) => f[3] === 'phx_reply').length;
    assert.ok(answered <= 300, `only about a burst is served, got ${answered} of ${sent}`);
    // The flood of typing pings fans out as at most a couple of typing events.
    const report = await bystander.stop(3);
    assertServedThroughout(report, 3);
    await eventually(() => server.server.hub.socketCount() === 0, 'every socket gone');
  });

  it('answers a join flood over 20 sockets of one user with refusals or closes, never an unauthorized join', async () => {
    const bystander = await startBystander();
    const foreign = (await newGroup(server, eve, ['mallet'])).id;
    const topics = [
      `user:${alice.user.id}`,
      `conversation:${conversationId}`,
      `conversation:${foreign}`,
      `user:${bob.user.id}`,
      'conversation:../../etc',
      'room:lobby',
      `conversation:${conversationId.toUpperCase()}`,
    ];
    const allowed = new Set(topics.slice(0, 2));
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openRaw(alice.token)));
    // Half the sockets join 8 times every 100 ms, 15 times (under the frame limit, over the join limit)...
    const steady = sockets.slice(0, 10);
    const bursting = sockets.slice(10);
    let ref = 0;
    const floodStarted = Date.now();
    const nextJoin = (raw: RawClient): void => {
      ref += 1;
      raw.send([String(ref), String(ref), topics[ref % topics.length] as string, 'phx_join', {}]);
    };
    // ...while the other half each fire 300 joins at once, then again and again.
    for (let round = 0; round < 15; round += 1) {
      for (const raw of steady) for (let i = 0; i < 8; i += 1) nextJoin(raw);
      if (round % 5 === 0) {
        for (const raw of bursting) {
          if (raw.ws.readyState !== raw.ws.OPEN) continue;
          for (let i = 0; i < 300; i += 1) nextJoin(raw);
        }
      }
      await sleep(100);
    }
    for (const raw of bursting)
      assert.equal((await raw.closed).code, 1008, 'a burst closes its socket');
    await sleep(200);
    const floodSeconds = (Date.now() - floodStarted) / 1000;
    for (const raw of steady) {
      const statuses = raw.frames
        .filter((f) => f[3] === 'phx_reply')
        .map((f) => (f[4] as { status: string }).status);
      assert.ok(statuses.length > 50, `a steady socket is answered (${statuses.length} replies)`);
      raw.close();
    }
    const reasons = new Set<string>();
    let accepted = 0;
    let refusedUnauthorized = 0;
    for (const raw of sockets) {
      for (const frame of raw.frames) {
        if (frame[3] !== 'phx_reply') continue;
        const { status, response } = frame[4] as { status: string; response: { reason?: string } };
        if (status === 'ok') {
          assert.ok(allowed.has(frame[2]), `joined ${frame[2]}`);
          accepted += 1;
        } else {
          reasons.add(String(response.reason));
          if (response.reason === 'unauthorized') refusedUnauthorized += 1;
        }
      }
    }
    // Whatever the number of sockets, the user's joins past the rate limit stay within one budget.
    const budget = DEFAULT_LIMITS.userJoinBurst + DEFAULT_LIMITS.userJoinsPerSecond * floodSeconds;
    assert.ok(accepted > 0, 'some joins were accepted');
    assert.ok(
      accepted + refusedUnauthorized <= budget + 5,
      `${accepted + refusedUnauthorized} joins got past the limit in ${floodSeconds.toFixed(1)} s (budget ${budget.toFixed(0)})`,
    );
    for (const reason of reasons)
      assert.ok(['unauthorized', 'rate_limited'].includes(reason), reason);
    assert.ok(reasons.has('unauthorized'));
    assert.ok(reasons.has('rate_limited'));
    const report = await bystander.stop(5);
    assertServedThroughout(report, 5);
    // Every flooded socket is gone, and so is alice's presence in the conversation.
    await eventually(() => server.server.hub.socketCount() === 0, 'every socket gone');
    const watcher = await connect(phoenixSocket(endpoint, bob.token));
    cleanups.push(() => watcher.disconnect());
    const channel = watcher.channel(`conversation:${conversationId}`);
    const log = new EventLog(channel, ['presence_state']);
    await join(channel);
    const state = (await log.next('presence_state')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(state), [bob.user.id], 'no presence left behind by the flood');
    await disconnect(watcher);
  });
});

describe('bad frames', () => {
  it('closes on frames of 1 MiB and 8 MiB (1009) and on text that is not UTF-8 (1007); bob is unaffected', async () => {
    const bystander = await startBystander();
    for (const size of [1024 * 1024, 8 * 1024 * 1024]) {
      const raw = await openRaw(alice.token);
      raw.ws.send(`[null,"1","phoenix","heartbeat",{"p":"${'x'.repeat(size)}"}]`);
      assert.equal((await raw.closed).code, 1009, `${size} bytes`);
    }
    // Fragments that add up to more than the limit are one oversized message.
    const fragmented = await openRaw(alice.token);
    const piece = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 6; i += 1) fragmented.ws.send(piece, { fin: false });
    fragmented.ws.send(piece, { fin: true });
    assert.equal((await fragmented.closed).code, 1009);
    const notUtf8 = await openRaw(alice.token);
    notUtf8.ws.send(Buffer.from([0x5b, 0xff, 0xfe, 0xc0, 0x5d]), { binary: false });
    assert.equal((await notUtf8.closed).code, 1007);
    const report = await bystander.stop(2);
    assertServedThroughout(report, 2);
  });

  it('answers odd but well-formed frames without harm, then closes on a run of malformed ones (1008)', async () => {
    const raw = await openRaw(alice.token);
    const topic = `conversation:${conversationId}`;
    assert.equal((await joinRaw(raw, topic, '1'))[4].status, 'ok');
    raw.send(
      `["1","2","${topic}","typing",{"__proto__":{"admin":true},"constructor":{"prototype":1}}]`,
    );
    assert.equal((await raw.reply('2'))[4].status, 'ok');
    raw.send(['1', '3', topic, 'phx_join', { ['x'.repeat(100)]: 'y' }]);
    await raw.reply('3');
    raw.send([
      null,
      '4',
      'phoenix',
      'heartbeat',
      { nested: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) as unknown },
    ]);
    assert.equal((await raw.reply('4'))[4].status, 'ok');
    raw.send(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    raw.send([null, '5', 'phoenix', 'heartbeat', {}]);
    assert.equal((await raw.reply('5'))[4].status, 'ok', 'still usable after deep nesting');
    const junk = [
      '',
      'null',
      '[]',
      '[1,2,3,4,5]',
      '{}',
      '"x"',
      '[null,null,null,null,null]',
      '\u0000',
      'true',
      '[[],[],[],[],[]]',
    ];
    for (const text of junk) raw.send(text);
    assert.equal((await raw.closed).code, 1008);
    await eventually(() => server.server.hub.socketCount() === 0, 'the socket is gone');
  });

  it('refuses topics spelled to slip past the membership check', async () => {
    const raw = await openRaw(eve.token);
    const spellings = [
      `conversation:${conversationId.toUpperCase()}`,
      `conversation:${conversationId} `,
      ` conversation:${conversationId}`,
      `conversation:${conversationId}\u0000`,
      `conversation:${conversationId}:x`,
      `Conversation:${conversationId}`,
      `conversation::${conversationId}`,
      `conversation:${encodeURIComponent(conversationId)}%20`,
      `user:${alice.user.id.toUpperCase()}`,
      `user:${alice.user.id}`,
      `conversation:${conversationId}`,
    ];
    let ref = 0;
    for (const topic of spellings) {
      ref += 1;
      const reply = await joinRaw(raw, topic, String(ref));
      assert.deepEqual(reply[4], { status: 'error', response: { reason: 'unauthorized' } }, topic);
    }
    raw.close();
  });
});

describe('clients that do not play along', () => {
  it('closes a client that never heartbeats, while one that does stays connected', async () => {
    // A request timeout shorter than the test also shows it never applies to an open socket.
    const quick = await startTestServer({ heartbeatTimeoutMs: 800, requestTimeoutMs: 400 });
    try {
      const quickEndpoint = `${quick.url.replace('http', 'ws')}/socket`;
      const [silentUser, liveUser] = await Promise.all([
        quick.mintToken('silent'),
        quick.mintToken('lively'),
      ]);
      const live = await connect(
        phoenixSocket(quickEndpoint, liveUser, { heartbeatIntervalMs: 200 }),
      );
      cleanups.push(() => live.disconnect());
      const liveClosed: number[] = [];
      live.onClose(() => {
        liveClosed.push(Date.now());
      });
      const silent = await openRaw(silentUser, quickEndpoint);
      // WebSocket pings are not Phoenix heartbeats: they do not keep a socket alive either.
      const pinger = await openRaw(silentUser, quickEndpoint);
      const pings = setInterval(() => pinger.ws.ping(), 100);
      cleanups.push(() => clearInterval(pings));
      const started = Date.now();
      const [closedSilent, closedPinger] = await Promise.all([silent.closed, pinger.closed]);
      clearInterval(pings);
      const elapsed = Date.now() - started;
      assert.equal(closedSilent.code, 1000);
      assert.equal(closedSilent.reason, 'heartbeat timeout');
      assert.equal(closedPinger.reason, 'heartbeat timeout');
      assert.ok(elapsed < 3000, `closed after ${elapsed} ms`);
      await sleep(600);
      assert.deepEqual(liveClosed, [], 'the heartbeating client stayed connected');
      assert.ok(Date.now() - started > 1000, 'for longer than the request timeout');
      assert.equal(quick.server.hub.socketCount(), 1);
      await disconnect(live);
    } finally {
      await quick.close();
    }
  });

  it('drops a client that stops reading once its backlog passes the limit; readers get every frame', async () => {
    const rt = await startBareRealtime({ limits: { maxBufferedBytes: 256 * 1024 } });
    try {
      const id = randomUUID();
      const reader = rt.addUser('reader');
      const stuck = rt.addUser('stuck');
      rt.addMember(id, reader.user.userId);
      rt.addMember(id, stuck.user.userId);
      const socket = await connect(phoenixSocket(rt.endpoint, reader.token));
      cleanups.push(() => socket.disconnect());
      const channel = socket.channel(`conversation:${id}`);
      const log = new EventLog(channel, ['message:deleted']);
      await join(channel);
      const raw = await openRaw(stuck.token, rt.endpoint);
      assert.equal((await joinRaw(raw, `conversation:${id}`, '1'))[4].status, 'ok');
      // The stuck client stops reading from its TCP socket altogether.
      const tcp = (raw.ws as unknown as { _socket: { pause(): void } })._socket;
      tcp.pause();
      const padding = 'p'.repeat(4096);
      const total = 2000;
      for (let i = 0; i < total; i += 1) {
        rt.hub.broadcastConversation(id, 'message:deleted', {
          id: String(i),
          conversation_id: id,
          deleted_at: padding,
        });
        if (i % 200 === 0) await sleep(5);
      }
      await eventually(() => rt.hub.socketCount() === 1, 'the stuck socket dropped', 5000);
      await eventually(
        () => log.count('message:deleted') === total,
        'the reader got every frame',
        5000,
      );
      await disconnect(socket);
      raw.close();
    } finally {
      await rt.close();
    }
  });
});
