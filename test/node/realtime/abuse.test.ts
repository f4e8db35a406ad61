/**
 * One misbehaving client must not hurt the others: oversized, malformed and
 * flooding frames close only the offender, limits refuse joins cleanly, and
 * failing dependencies never take the process down.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  EventLog,
  RawClient,
  connect,
  disconnect,
  join,
  phoenixSocket,
  sleep,
  startBareRealtime,
  upgradeStatus,
  type BareRealtime,
  type BareUser,
} from './harness.js';

describe('abusive clients', () => {
  let rt: BareRealtime;
  let alice: BareUser;
  let bob: BareUser;
  const conversationId = randomUUID();

  before(async () => {
    rt = await startBareRealtime();
    alice = rt.addUser('alice');
    bob = rt.addUser('bob');
    rt.addMember(conversationId, alice.user.userId);
    rt.addMember(conversationId, bob.user.userId);
  });
  after(() => rt.close());

  /** Bob, a well-behaved client, must keep receiving whatever alice does. */
  async function bystander(): Promise<{
    stillReceives: () => Promise<void>;
    done: () => Promise<void>;
  }> {
    const socket = await connect(phoenixSocket(rt.endpoint, bob.token));
    const channel = socket.channel(`conversation:${conversationId}`);
    const log = new EventLog(channel, ['message:deleted']);
    await join(channel);
    return {
      async stillReceives() {
        const payload = { id: randomUUID(), conversation_id: conversationId, deleted_at: null };
        const before = log.count('message:deleted');
        rt.hub.broadcastConversation(conversationId, 'message:deleted', payload);
        assert.deepEqual(await log.next('message:deleted', before), payload);
      },
      done: () => disconnect(socket),
    };
  }

  test('a frame over 64 KiB closes that socket with 1009', async () => {
    const bobClient = await bystander();
    const raw = await RawClient.open(rt.endpoint, alice.token);
    raw.send([null, '1', 'phoenix', 'heartbeat', { padding: 'x'.repeat(70 * 1024) }]);
    assert.equal((await raw.closed).code, 1009);
    await bobClient.stillReceives();
    const fresh = await RawClient.open(rt.endpoint, alice.token);
    fresh.send([null, '1', 'phoenix', 'heartbeat', {}]);
    assert.equal((await fresh.reply('1'))[4].status, 'ok');
    fresh.close();
    await bobClient.done();
  });

  test('malformed frames are answered with an error when they carry a ref, and the socket stays usable', async () => {
    const raw = await RawClient.open(rt.endpoint, alice.token);
    const badWithRef: unknown[] = [
      [null, '1', 'phoenix', 'heartbeat', 'not an object'],
      [null, '2', 'phoenix', 'heartbeat', null],
      [null, '3', 42, 'heartbeat', {}],
      [null, '4', 'phoenix', 'heartbeat', {}, 'extra'],
      [7, '5', 'phoenix', 'heartbeat', {}],
    ];
    for (const frame of badWithRef) raw.send(frame);
    for (const ref of ['1', '2', '3', '4', '5']) {
      assert.deepEqual(
        (await raw.reply(ref))[4],
        { status: 'error', response: { reason: 'malformed_frame' } },
        `ref ${ref}`,
      );
    }
    raw.send('{not json');
    raw.send('{"a":1}');
    raw.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    raw.send([null, '6', 'phoenix', 'heartbeat', {}]);
    assert.deepEqual((await raw.reply('6'))[4], { status: 'ok', response: {} });
    raw.close();
  });

  test('repeated malformed frames close the socket with 1008; others keep receiving', async () => {
    const bobClient = await bystander();
    const raw = await RawClient.open(rt.endpoint, alice.token);
    for (let i = 0; i < 12; i += 1) raw.send(`garbage ${i}`);
    assert.equal((await raw.closed).code, 1008);
    await bobClient.stillReceives();
    await bobClient.done();
  });

  test('a frame flood closes the socket with 1008; others keep receiving', async () => {
    const bobClient = await bystander();
    const raw = await RawClient.open(rt.endpoint, alice.token);
    for (let i = 0; i < 400; i += 1) raw.send([null, String(i), 'phoenix', 'heartbeat', {}]);
    assert.equal((await raw.closed).code, 1008);
    const answered = raw.frames.filter((f) => f[3] === 'phx_reply').length;
    assert.ok(answered >= 90 && answered <= 250, `about one burst answered, got ${answered}`);
    await bobClient.stillReceives();
    await bobClient.done();
  });

  test('unknown events are refused without closing the channel', async () => {
    const raw = await RawClient.open(rt.endpoint, alice.token);
    const topic = `conversation:${conversationId}`;
    raw.send(['1', '1', topic, 'phx_join', {}]);
    await raw.reply('1');
    raw.send(['1', '2', topic, 'shout', { text: 'hi' }]);
    assert.deepEqual(await raw.reply('2'), [
      '1',
      '2',
      topic,
      'phx_reply',
      { status: 'error', response: { reason: 'unknown_event' } },
    ]);
    raw.send(['1', '3', topic, 'typing', {}]);
    assert.deepEqual((await raw.reply('3'))[4], { status: 'ok', response: {} });
    raw.send([null, '4', 'phoenix', 'no_such_thing', {}]);
    assert.deepEqual((await raw.reply('4'))[4], {
      status: 'error',
      response: { reason: 'unknown_event' },
    });
    raw.close();
  });
});

describe('per-socket join limits', () => {
  test('channels per socket are capped', async () => {
    const rt = await startBareRealtime({ limits: { maxChannelsPerSocket: 3 } });
    const alice = rt.addUser('alice');
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) rt.addMember(id, alice.user.userId);
    const socket = await connect(phoenixSocket(rt.endpoint, alice.token));
    try {
      const replies = [];
      for (const id of ids) replies.push(await join(socket.channel(`conversation:${id}`)));
      assert.deepEqual(
        replies.map((r) => r.status),
        ['ok', 'ok', 'ok', 'error'],
      );
      assert.deepEqual(replies[3].response, { reason: 'too_many_channels' });
    } finally {
      await disconnect(socket);
      await rt.close();
    }
  });

  test('joins per second are capped', async () => {
    const rt = await startBareRealtime({ limits: { joinBurst: 5, joinsPerSecond: 1 } });
    const alice = rt.addUser('alice');
    const raw = await RawClient.open(rt.endpoint, alice.token);
    try {
      const topic = `user:${alice.user.userId}`;
      for (let i = 1; i <= 6; i += 1) raw.send([String(i), String(i), topic, 'phx_join', {}]);
      const statuses = [];
      for (let i = 1; i <= 6; i += 1) statuses.push((await raw.reply(String(i)))[4]);
      assert.deepEqual(statuses.slice(0, 5), Array(5).fill({ status: 'ok', response: {} }));
      assert.deepEqual(statuses[5], { status: 'error', response: { reason: 'rate_limited' } });
    } finally {
      raw.close();
      await rt.close();
    }
  });
});

describe('failing dependencies', () => {
  test('a throwing token check refuses the socket (403) and the server stays up', async () => {
    const rt = await startBareRealtime({
      deps: {
        authenticate: async () => {
          throw new Error('database is locked');
        },
      },
    });
    const reported: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => {
      reported.push(args);
    };
    try {
      const base = rt.endpoint.replace('/socket', '/socket/websocket');
      assert.equal(await upgradeStatus(`${base}?vsn=2.0.0&token=anything`), 403);
      assert.equal(await upgradeStatus(`${base}?vsn=2.0.0&token=anything`), 403);
      assert.equal(reported.length, 2, 'each failure is reported');
    } finally {
      console.error = originalError;
      await rt.close();
    }
  });

  test('a throwing membership check refuses the join and the socket stays usable', async () => {
    const rt = await startBareRealtime({
      deps: {
        isMember: () => {
          throw new Error('database is locked');
        },
      },
    });
    const alice = rt.addUser('alice');
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => {
      errors.push(args);
    };
    const raw = await RawClient.open(rt.endpoint, alice.token);
    try {
      raw.send(['1', '1', `conversation:${randomUUID()}`, 'phx_join', {}]);
      assert.deepEqual((await raw.reply('1'))[4], {
        status: 'error',
        response: { reason: 'internal' },
      });
      raw.send(['2', '2', `user:${alice.user.userId}`, 'phx_join', {}]);
      assert.deepEqual((await raw.reply('2'))[4], { status: 'ok', response: {} });
      await sleep(10);
      assert.equal(errors.length, 1, 'the failure is reported once');
    } finally {
      console.error = originalError;
      raw.close();
      await rt.close();
    }
  });
});
