/** The pure reducer every message enters the state by. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../../../src/sdk/types.js';
import { receiveMessages } from '../../../src/state/receive.js';
import { initialChatState } from '../../../src/state/initial-state.js';
import { emptyThread, emptyTimeline } from '../../../src/state/timeline.js';
import type { ChatState, OutboxEntry, TimelineState } from '../../../src/state/types.js';

const C = 'c1';
const T0 = '2026-01-01T00:00:00.000Z';

function msg(id: string, sequence: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    tenant_id: 't',
    conversation_id: C,
    sender_id: 'u-bob',
    sender_external_id: 'bob',
    type: 'text',
    body: `m${sequence}`,
    reply_to_id: null,
    thread_root_id: null,
    quoted_message_id: null,
    quoted_message: null,
    mentions: [],
    reactions: {},
    attachments: [],
    reply_count: 0,
    last_reply_at: null,
    custom_data: {},
    edited_at: null,
    deleted_at: null,
    sequence,
    inserted_at: T0,
    updated_at: T0,
    ...extra,
  };
}

function withTimeline(patch: Partial<TimelineState> = {}): ChatState {
  return {
    ...initialChatState(),
    timelines: { [C]: { ...emptyTimeline(C), loaded: true, ...patch } },
  };
}

const ids = (s: ChatState) => s.timelines[C].messageIds;

describe('receiveMessages (pure reducer)', () => {
  it('orders by sequence and holds each message once', () => {
    const s0 = withTimeline();
    const { state } = receiveMessages(s0, [msg('b', 2), msg('a', 1), msg('b', 2)], 'page');
    assert.deepEqual(ids(state), ['a', 'b']);
    assert.equal(s0.timelines[C].messageIds.length, 0, 'the input state is not mutated');
  });

  it('returns the same state when nothing changes, so slices keep their reference', () => {
    const { state: s1 } = receiveMessages(withTimeline(), [msg('a', 1)], 'page');
    const { state: s2 } = receiveMessages(s1, [msg('a', 1)], 'page');
    assert.equal(s2, s1);
    assert.deepEqual(receiveMessages(s1, [], 'live'), { state: s1, gaps: [] });
  });

  it('keeps untouched slices by reference', () => {
    const s0 = { ...withTimeline(), threads: { r: emptyThread('r', C) } };
    const { state } = receiveMessages(s0, [msg('a', 1)], 'live');
    assert.notEqual(state.timelines, s0.timelines);
    assert.equal(state.threads, s0.threads);
    assert.equal(state.outbox, s0.outbox);
    assert.equal(state.inbox, s0.inbox);
  });

  it('replaces a known message only by a later version, and never revives a deleted one', () => {
    const { state: s1 } = receiveMessages(withTimeline(), [msg('a', 1)], 'page');
    const older = msg('a', 1, { body: 'old', updated_at: '2025-01-01T00:00:00.000Z' });
    assert.equal(receiveMessages(s1, [older], 'page').state, s1);
    const later = '2026-02-01T00:00:00.000Z';
    const edited = receiveMessages(s1, [msg('a', 1, { body: 'new', updated_at: later })], 'page');
    assert.equal(edited.state.timelines[C].byId.a.body, 'new');
    const deleted = receiveMessages(
      s1,
      [msg('a', 1, { body: null, deleted_at: later, updated_at: later })],
      'page',
    ).state;
    const revived = receiveMessages(
      deleted,
      [msg('a', 1, { body: 'back', updated_at: '2026-03-01T00:00:00.000Z' })],
      'live',
    ).state;
    assert.equal(revived.timelines[C].byId.a.deleted_at, later);
  });

  it('confirms an outbox entry: it leaves the outbox and pendingIds, and the message joins the feed', () => {
    const entry = { id: 'p', conversationId: C, threadRootId: null } as OutboxEntry;
    const s0: ChatState = {
      ...withTimeline({ pendingIds: ['p'] }),
      outbox: { p: entry },
    };
    const { state } = receiveMessages(s0, [msg('p', 1)], 'answer');
    assert.deepEqual(state.outbox, {});
    assert.deepEqual(state.timelines[C].pendingIds, []);
    assert.deepEqual(ids(state), ['p']);
  });

  it('moves the gap-fill cursor over contiguous live messages and reports a hole', () => {
    const s0 = withTimeline({ lastSeenSequence: 1 });
    const next = receiveMessages(s0, [msg('b', 2)], 'live');
    assert.equal(next.state.timelines[C].lastSeenSequence, 2);
    assert.deepEqual(next.gaps, []);
    const hole = receiveMessages(next.state, [msg('d', 4)], 'live');
    assert.equal(hole.state.timelines[C].lastSeenSequence, 2, 'the cursor waits at the hole');
    assert.deepEqual(hole.gaps, [C]);
    const page = receiveMessages(s0, [msg('x', 9)], 'page');
    assert.equal(page.state.timelines[C].lastSeenSequence, 1, 'a page never moves it');
    assert.deepEqual(page.gaps, []);
  });

  it('files a reply under its thread and counts it once on the root', () => {
    const { state: s1 } = receiveMessages(withTimeline(), [msg('root', 1)], 'page');
    const s2 = { ...s1, threads: { root: emptyThread('root', C) } };
    const reply = msg('r1', 2, { thread_root_id: 'root', inserted_at: '2026-01-02T00:00:00.000Z' });
    const { state } = receiveMessages(s2, [reply], 'live');
    assert.deepEqual(state.threads.root.replyIds, ['r1']);
    assert.deepEqual(ids(state), ['root'], 'the main feed holds no reply');
    assert.equal(state.timelines[C].byId.root.reply_count, 1);
    const again = receiveMessages(state, [reply], 'live').state;
    assert.equal(again.timelines[C].byId.root.reply_count, 1, 'a known reply is not counted twice');
  });

  it('ignores messages of conversations the state does not hold', () => {
    const s0 = withTimeline();
    assert.equal(receiveMessages(s0, [msg('z', 1, { conversation_id: 'other' })], 'live').state, s0);
  });
});
