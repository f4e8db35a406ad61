/**
 * The channel router on its own, with in-memory sockets: what happens when a
 * channel fails, and how a duplicate join treats the user's typing state.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AuthUser, RealtimeDeps } from '../../../server/contracts.js';
import type { InboundFrame } from '../../../server/realtime/frames.js';
import { DEFAULT_LIMITS } from '../../../server/realtime/limits.js';
import { TopicRegistry, type ChannelSub } from '../../../server/realtime/registry.js';
import { ChannelRouter, type ClientSocket } from '../../../server/realtime/router.js';
import { TypingTracker } from '../../../server/realtime/typing.js';

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

class MemorySocket implements ClientSocket {
  readonly channels = new Map<string, ChannelSub>();
  readonly joins = { take: () => true };
  readonly frames: Frame[] = [];
  constructor(readonly user: AuthUser) {}
  send(frame: string): void {
    this.frames.push(JSON.parse(frame) as Frame);
  }
  events(): string[] {
    return this.frames.map((f) => f[3]);
  }
}

function frame(joinRef: string | null, ref: string, topic: string, event: string): InboundFrame {
  return { joinRef, ref, topic, event, payload: {} };
}

describe('channel router', () => {
  const tenantId = randomUUID();
  const conversationId = randomUUID();
  const topic = `conversation:${conversationId}`;
  const alice: AuthUser = { userId: randomUUID(), tenantId, externalId: 'alice' };
  const bob: AuthUser = { userId: randomUUID(), tenantId, externalId: 'bob' };
  const deps: RealtimeDeps = { authenticate: async () => null, isMember: () => true };
  let registry: TopicRegistry;
  let typing: TypingTracker;
  let originalError: typeof console.error;
  let reported: unknown[];

  beforeEach(() => {
    registry = new TopicRegistry();
    typing = new TypingTracker(5000, 1000, (t, userId, event) =>
      registry.fanOut(t, JSON.stringify([null, null, t, event, { user_id: userId }]), userId),
    );
    originalError = console.error;
    reported = [];
    console.error = (...args: unknown[]) => {
      reported.push(args);
    };
  });
  afterEach(() => {
    typing.dispose();
    console.error = originalError;
  });

  test('a failing channel event answers phx_error and ends only that channel', () => {
    const failing = new (class extends TypingTracker {
      override ping(): void {
        throw new Error('boom');
      }
    })(5000, 1000, () => {});
    // No presence tick: the leave diff goes out at once, so it can be read right after.
    const router = new ChannelRouter(
      deps,
      { ...DEFAULT_LIMITS, presenceTickMs: 0 },
      registry,
      failing,
    );
    const aliceSocket = new MemorySocket(alice);
    const bobSocket = new MemorySocket(bob);
    router.handle(aliceSocket, frame('1', '1', topic, 'phx_join'));
    router.handle(aliceSocket, frame('2', '2', `user:${alice.userId}`, 'phx_join'));
    router.handle(bobSocket, frame('1', '1', topic, 'phx_join'));

    router.handle(aliceSocket, frame('1', '3', topic, 'typing'));

    assert.deepEqual(aliceSocket.frames.at(-1), ['1', '1', topic, 'phx_error', {}]);
    assert.equal(aliceSocket.channels.has(topic), false);
    assert.equal(aliceSocket.channels.has(`user:${alice.userId}`), true);
    assert.equal(registry.hasUser(topic, alice.userId), false);
    const leave = bobSocket.frames.at(-1);
    assert.equal(leave?.[3], 'presence_diff');
    assert.deepEqual(Object.keys((leave?.[4] as { leaves: object }).leaves), [alice.userId]);
    assert.equal(reported.length, 1);

    // The client's rejoin works again.
    router.handle(aliceSocket, frame('4', '4', topic, 'phx_join'));
    assert.deepEqual(aliceSocket.frames.find((f) => f[1] === '4')?.[4], {
      status: 'ok',
      response: {},
    });
  });

  test("a duplicate join keeps the user's typing; a refused one ends it", () => {
    let member = true;
    const router = new ChannelRouter(
      { ...deps, isMember: () => member },
      DEFAULT_LIMITS,
      registry,
      typing,
    );
    const aliceSocket = new MemorySocket(alice);
    const bobSocket = new MemorySocket(bob);
    router.handle(aliceSocket, frame('1', '1', topic, 'phx_join'));
    router.handle(bobSocket, frame('1', '1', topic, 'phx_join'));
    router.handle(aliceSocket, frame('1', '2', topic, 'typing'));
    assert.deepEqual(
      bobSocket.events().filter((e) => e.startsWith('typing')),
      ['typing:start'],
    );

    router.handle(aliceSocket, frame('3', '3', topic, 'phx_join'));
    assert.deepEqual(
      aliceSocket.frames.find((f) => f[3] === 'phx_close'),
      ['1', '1', topic, 'phx_close', {}],
    );
    assert.deepEqual(
      bobSocket.events().filter((e) => e.startsWith('typing')),
      ['typing:start'],
    );

    member = false;
    router.handle(aliceSocket, frame('4', '4', topic, 'phx_join'));
    assert.deepEqual(aliceSocket.frames.find((f) => f[1] === '4')?.[4], {
      status: 'error',
      response: { reason: 'unauthorized' },
    });
    assert.deepEqual(
      bobSocket.events().filter((e) => e.startsWith('typing')),
      ['typing:start', 'typing:stop'],
    );
  });

  test('frames for an older join of a topic are not routed to the new channel', () => {
    const router = new ChannelRouter(deps, DEFAULT_LIMITS, registry, typing);
    const aliceSocket = new MemorySocket(alice);
    router.handle(aliceSocket, frame('1', '1', topic, 'phx_join'));
    router.handle(aliceSocket, frame('2', '2', topic, 'phx_join'));
    router.handle(aliceSocket, frame('1', '3', topic, 'phx_leave'));
    assert.equal(
      aliceSocket.channels.get(topic)?.joinRef,
      '2',
      'a stale leave does not end the new join',
    );
    router.handle(aliceSocket, frame('1', '4', topic, 'typing'));
    assert.deepEqual(aliceSocket.frames.find((f) => f[1] === '4')?.[4], {
      status: 'error',
      response: { reason: 'unmatched topic' },
    });
  });
});
