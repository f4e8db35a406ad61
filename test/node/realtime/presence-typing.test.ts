/**
 * Presence (Phoenix Presence semantics, read through the phoenix client's own
 * `Presence` helper), typing indicators and member removal on conversation
 * topics, against a bare HTTP server carrying the hub.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Presence, type Channel, type Socket } from 'phoenix';
import type { PresenceDiff, PresenceMeta, PresenceSnapshot } from '../../../src/sdk/types.js';
import {
  EventLog,
  connect,
  disconnect,
  eventually,
  join,
  phoenixSocket,
  pushAndReply,
  sleep,
  startBareRealtime,
  type BareRealtime,
  type BareUser,
} from './harness.js';

const TYPING = ['typing:start', 'typing:stop'] as const;

interface Tab {
  socket: Socket;
  channel: Channel;
  log: EventLog;
  presence: Presence;
}

async function openTab(rt: BareRealtime, who: BareUser, conversationId: string): Promise<Tab> {
  const socket = await connect(phoenixSocket(rt.endpoint, who.token));
  const channel = socket.channel(`conversation:${conversationId}`);
  const log = new EventLog(channel, [
    ...TYPING,
    'presence_state',
    'presence_diff',
    'message:new',
    'message:deleted',
  ]);
  const presence = new Presence(channel);
  const reply = await join(channel);
  assert.equal(reply.status, 'ok');
  return { socket, channel, log, presence };
}

/** user id -> phx_refs, as the phoenix Presence helper currently sees the topic. */
function presentRefs(presence: Presence): string {
  const out: Record<string, string[]> = {};
  presence.list((key: string, entry: { metas: PresenceMeta[] }) => {
    out[key] = entry.metas.map((m) => m.phx_ref).sort();
  });
  return canonical(out);
}

/** A comparable form of user id -> refs (keys and refs sorted). */
function canonical(record: Record<string, string[]>): string {
  return JSON.stringify(
    Object.entries(record)
      .map(([key, refs]) => [key, [...refs].sort()])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

describe('typing', () => {
  let rt: BareRealtime;
  let alice: BareUser;
  let bob: BareUser;
  let carol: BareUser;
  let conversationId: string;
  const tabs: Tab[] = [];

  async function tab(who: BareUser): Promise<Tab> {
    const t = await openTab(rt, who, conversationId);
    tabs.push(t);
    return t;
  }

  before(async () => {
    rt = await startBareRealtime({ typingTimeoutMs: 300 });
    alice = rt.addUser('alice');
    bob = rt.addUser('bob');
    carol = rt.addUser('carol');
  });
  beforeEach(() => {
    conversationId = randomUUID();
    for (const who of [alice, bob, carol]) rt.addMember(conversationId, who.user.userId);
  });
  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((t) => disconnect(t.socket)));
  });
  after(() => rt.close());

  test('goes to the other members only, once, and stops after the timeout', async () => {
    const aliceTab1 = await tab(alice);
    const aliceTab2 = await tab(alice);
    const bobTab = await tab(bob);
    const carolTab = await tab(carol);

    assert.deepEqual(await pushAndReply(aliceTab1.channel, 'typing'), {
      status: 'ok',
      response: {},
    });
    const start = { user_id: alice.user.userId };
    assert.deepEqual(await bobTab.log.next('typing:start'), start);
    assert.deepEqual(await carolTab.log.next('typing:start'), start);
    // More pings while typing do not fan out again.
    await pushAndReply(aliceTab1.channel, 'typing');
    await pushAndReply(aliceTab2.channel, 'typing');

    assert.deepEqual(await bobTab.log.next('typing:stop', 0, 2000), start);
    assert.deepEqual(await carolTab.log.next('typing:stop', 0, 2000), start);
    await sleep(100);
    for (const peer of [bobTab, carolTab]) {
      assert.deepEqual(
        peer.log.events.filter((e) => e.event.startsWith('typing')).map((e) => e.event),
        ['typing:start', 'typing:stop'],
      );
    }
    assert.equal(
      aliceTab1.log.count('typing:start') + aliceTab1.log.count('typing:stop'),
      0,
      'no echo to the typist',
    );
    assert.equal(
      aliceTab2.log.count('typing:start') + aliceTab2.log.count('typing:stop'),
      0,
      "no echo to the typist's other tab",
    );
  });

  test('keeps going while pings keep coming, and stops once they end', async () => {
    const aliceTab = await tab(alice);
    const bobTab = await tab(bob);
    const startedAt = Date.now();
    for (let i = 0; i < 8; i += 1) {
      await pushAndReply(aliceTab.channel, 'typing');
      await sleep(100);
    }
    const lastPingAt = Date.now() - 100;
    assert.equal(bobTab.log.count('typing:start'), 1);
    assert.equal(
      bobTab.log.count('typing:stop'),
      0,
      'no stop while pinging for longer than the timeout',
    );
    await bobTab.log.next('typing:stop', 0, 2000);
    assert.ok(Date.now() - lastPingAt >= 250, 'the stop waits for the timeout after the last ping');
    assert.ok(Date.now() - startedAt > 800);
  });

  test('a user typing on a topic they have not joined is refused', async () => {
    const bobTab = await tab(bob);
    const socket = await connect(phoenixSocket(rt.endpoint, carol.token));
    const userChannel = socket.channel(`user:${carol.user.userId}`);
    await join(userChannel);
    assert.deepEqual(await pushAndReply(userChannel, 'typing'), {
      status: 'error',
      response: { reason: 'unknown_event' },
    });
    await sleep(50);
    assert.equal(bobTab.log.count('typing:start'), 0);
    await disconnect(socket);
  });
});

describe('typing ends early', () => {
  let rt: BareRealtime;
  let alice: BareUser;
  let bob: BareUser;
  let conversationId: string;
  const tabs: Tab[] = [];

  async function tab(who: BareUser): Promise<Tab> {
    const t = await openTab(rt, who, conversationId);
    tabs.push(t);
    return t;
  }

  before(async () => {
    // The default 5 s timeout: a stop arriving quickly can only come from the early end.
    rt = await startBareRealtime();
    alice = rt.addUser('alice');
    bob = rt.addUser('bob');
  });
  beforeEach(() => {
    conversationId = randomUUID();
    for (const who of [alice, bob]) rt.addMember(conversationId, who.user.userId);
  });
  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((t) => disconnect(t.socket)));
  });
  after(() => rt.close());

  test('when the user sends a message (clearTyping)', async () => {
    const aliceTab = await tab(alice);
    const bobTab = await tab(bob);
    await pushAndReply(aliceTab.channel, 'typing');
    await bobTab.log.next('typing:start');
    rt.hub.clearTyping(conversationId, alice.user.userId);
    assert.deepEqual(await bobTab.log.next('typing:stop', 0, 1000), { user_id: alice.user.userId });
    // Clearing a user who is not typing sends nothing.
    rt.hub.clearTyping(conversationId, alice.user.userId);
    rt.hub.clearTyping(conversationId, bob.user.userId);
    await sleep(100);
    assert.equal(bobTab.log.count('typing:stop'), 1);
  });

  test('pings closer than a second are absorbed without fan-out', async () => {
    const aliceTab = await tab(alice);
    const bobTab = await tab(bob);
    await pushAndReply(aliceTab.channel, 'typing');
    await bobTab.log.next('typing:start');
    rt.hub.clearTyping(conversationId, alice.user.userId);
    await bobTab.log.next('typing:stop');
    assert.deepEqual(await pushAndReply(aliceTab.channel, 'typing'), {
      status: 'ok',
      response: {},
    });
    await sleep(150);
    assert.equal(
      bobTab.log.count('typing:start'),
      1,
      'a ping right after the last one is absorbed',
    );
    await sleep(900);
    await pushAndReply(aliceTab.channel, 'typing');
    await bobTab.log.next('typing:start', 1);
  });

  test("only when the user's last channel on the topic leaves", async () => {
    const aliceTab1 = await tab(alice);
    const aliceTab2 = await tab(alice);
    const bobTab = await tab(bob);
    await pushAndReply(aliceTab1.channel, 'typing');
    await bobTab.log.next('typing:start');

    await disconnect(aliceTab1.socket);
    await sleep(150);
    assert.equal(bobTab.log.count('typing:stop'), 0, 'another tab of the user is still there');

    await new Promise<void>((resolve) => aliceTab2.channel.leave().receive('ok', () => resolve()));
    assert.deepEqual(await bobTab.log.next('typing:stop', 0, 1000), { user_id: alice.user.userId });
  });
});

describe('presence', () => {
  let rt: BareRealtime;
  let alice: BareUser;
  let bob: BareUser;
  const conversationId = randomUUID();

  before(async () => {
    // One diff per change (no tick): these assertions read each join and leave on its own.
    rt = await startBareRealtime({ limits: { presenceTickMs: 0 } });
    alice = rt.addUser('alice');
    bob = rt.addUser('bob');
    rt.addMember(conversationId, alice.user.userId);
    rt.addMember(conversationId, bob.user.userId);
  });
  after(() => rt.close());

  test('state on join, then diffs as tabs come and go (one meta per tab)', async () => {
    const aliceTab1 = await openTab(rt, alice, conversationId);
    const state1 = (await aliceTab1.log.next('presence_state')) as PresenceSnapshot;
    assert.deepEqual(Object.keys(state1), [alice.user.userId]);
    const [meta1] = state1[alice.user.userId].metas;
    assert.equal(typeof meta1.phx_ref, 'string');
    assert.equal(typeof meta1.online_at, 'number');
    assert.ok(Math.abs(Date.now() - meta1.online_at) < 5000);
    assert.equal(meta1.external_id, 'alice');

    const bobTab = await openTab(rt, bob, conversationId);
    const bobState = (await bobTab.log.next('presence_state')) as PresenceSnapshot;
    assert.deepEqual(bobState[alice.user.userId], { metas: [meta1] });
    const bobMeta = bobState[bob.user.userId].metas[0];
    assert.equal(bobMeta.external_id, 'bob');
    const bobJoin = (await aliceTab1.log.next('presence_diff', 1)) as PresenceDiff;
    assert.deepEqual(bobJoin, { joins: { [bob.user.userId]: { metas: [bobMeta] } }, leaves: {} });

    const aliceTab2 = await openTab(rt, alice, conversationId);
    const secondTab = (await bobTab.log.next('presence_diff', 1)) as PresenceDiff;
    assert.deepEqual(Object.keys(secondTab.joins), [alice.user.userId]);
    assert.deepEqual(secondTab.leaves, {});
    const meta2 = secondTab.joins[alice.user.userId].metas[0];
    assert.notEqual(meta2.phx_ref, meta1.phx_ref, 'each tab has its own phx_ref');

    // The phoenix client's Presence helper agrees on every side.
    const twoTabs = {
      [alice.user.userId]: [meta1.phx_ref, meta2.phx_ref],
      [bob.user.userId]: [bobMeta.phx_ref],
    };
    for (const t of [aliceTab1, aliceTab2, bobTab]) {
      await eventually(() => presentRefs(t.presence) === canonical(twoTabs), 'presence synced');
    }

    await disconnect(aliceTab1.socket);
    const leave = (await bobTab.log.next('presence_diff', 2)) as PresenceDiff;
    assert.deepEqual(leave, { joins: {}, leaves: { [alice.user.userId]: { metas: [meta1] } } });
    const oneTab = { [alice.user.userId]: [meta2.phx_ref], [bob.user.userId]: [bobMeta.phx_ref] };
    await eventually(() => presentRefs(bobTab.presence) === canonical(oneTab), 'one tab left');

    await disconnect(aliceTab2.socket);
    await eventually(
      () => presentRefs(bobTab.presence) === canonical({ [bob.user.userId]: [bobMeta.phx_ref] }),
      'alice gone',
    );
    await disconnect(bobTab.socket);
  });
});

describe('removing a member', () => {
  test("closes that member's channels, drops their presence and ends their typing", async () => {
    // One diff per change (no tick), so the leave can be told apart from bob's own join.
    const rt = await startBareRealtime({ limits: { presenceTickMs: 0 } });
    const alice = rt.addUser('alice');
    const bob = rt.addUser('bob');
    const conversationId = randomUUID();
    rt.addMember(conversationId, alice.user.userId);
    rt.addMember(conversationId, bob.user.userId);
    try {
      const aliceTab = await openTab(rt, alice, conversationId);
      const aliceUser = aliceTab.socket.channel(`user:${alice.user.userId}`);
      const aliceUserLog = new EventLog(aliceUser, ['conversation:updated']);
      await join(aliceUser);
      const bobTab = await openTab(rt, bob, conversationId);
      const aliceMeta = ((await bobTab.log.next('presence_state')) as PresenceSnapshot)[
        alice.user.userId
      ].metas[0];
      await pushAndReply(aliceTab.channel, 'typing');
      await bobTab.log.next('typing:start');
      let closedByServer = false;
      aliceTab.channel.onClose(() => {
        closedByServer = true;
      });

      const seenByAlice: string[] = [];
      aliceTab.socket.onMessage((message) => {
        seenByAlice.push((message as { event: string }).event);
      });

      rt.removeMember(conversationId, alice.user.userId);
      rt.hub.closeMemberChannels(conversationId, alice.user.userId);

      await eventually(
        () => closedByServer && aliceTab.channel.state === 'closed',
        "alice's channel closed",
      );
      assert.deepEqual(await bobTab.log.next('typing:stop', 0, 1000), {
        user_id: alice.user.userId,
      });
      // Bob's own join diff first, then alice's leave.
      assert.deepEqual(await bobTab.log.next('presence_diff', 1), {
        joins: {},
        leaves: { [alice.user.userId]: { metas: [aliceMeta] } },
      });

      rt.hub.broadcastConversation(conversationId, 'message:deleted', {
        id: randomUUID(),
        conversation_id: conversationId,
        deleted_at: null,
      });
      await sleep(100);
      assert.ok(seenByAlice.includes('phx_close'));
      assert.ok(
        !seenByAlice.includes('message:deleted'),
        'the server no longer sends her the conversation',
      );

      // Their other channels stay open, and they cannot join back.
      assert.equal(aliceUser.state, 'joined');
      assert.deepEqual(await join(aliceTab.socket.channel(`conversation:${conversationId}`)), {
        status: 'error',
        response: { reason: 'unauthorized' },
      });
      assert.equal(aliceUserLog.events.length, 0);
      await disconnect(aliceTab.socket);
      await disconnect(bobTab.socket);
    } finally {
      await rt.close();
    }
  });
});
