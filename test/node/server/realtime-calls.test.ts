/**
 * What the HTTP side tells the realtime hub after each write: the right
 * events with the contract's payloads, to the right topics, and nothing when
 * a write changes nothing. (The socket itself is tested with the realtime side.)
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Conversation, ConversationUpdatedEvent, Message } from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { call, newGroup, person, send, type Person } from './helpers.js';

interface HubCall {
  kind: 'conversation' | 'user' | 'closeMember' | 'clearTyping';
  target: string;
  event?: string;
  payload?: unknown;
  userId?: string;
}

let server: TestServer;
let alice: Person;
let bob: Person;
let carol: Person;
let calls: HubCall[] = [];

before(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await Promise.all(
    ['alice', 'bob', 'carol'].map((id) => person(server, id)),
  );
  // Record what the HTTP side asks of the hub (the real hub still runs underneath).
  const hub = server.server.hub;
  const original = {
    broadcastConversation: hub.broadcastConversation.bind(hub),
    broadcastUser: hub.broadcastUser.bind(hub),
  };
  hub.broadcastConversation = (conversationId, event, payload) => {
    calls.push({ kind: 'conversation', target: conversationId, event, payload });
    original.broadcastConversation(conversationId, event, payload);
  };
  hub.broadcastUser = (userId, event, payload) => {
    calls.push({ kind: 'user', target: userId, event, payload });
    original.broadcastUser(userId, event, payload);
  };
  // Pushes to members go only to those listening: here every member counts as listening.
  hub.isUserListening = () => true;
  hub.broadcastUserEncoded = (userId, event, payloadJson) => {
    calls.push({ kind: 'user', target: userId, event, payload: JSON.parse(payloadJson) });
  };
  hub.closeMemberChannels = (conversationId, userId) => {
    calls.push({ kind: 'closeMember', target: conversationId, userId });
  };
  hub.clearTyping = (conversationId, userId) => {
    calls.push({ kind: 'clearTyping', target: conversationId, userId });
  };
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  calls = [];
});

const events = (kind: HubCall['kind']) =>
  calls.filter((c) => c.kind === kind).map((c) => `${c.event ?? ''}@${c.target}`);

describe('realtime calls from the HTTP side', () => {
  it('announces a new conversation to each member’s user topic', async () => {
    const c = await newGroup(server, alice, ['bob']);
    assert.deepEqual(
      events('user').sort(),
      [`conversation:created@${alice.user.id}`, `conversation:created@${bob.user.id}`].sort(),
    );
    const forBob = calls.find((x) => x.target === bob.user.id)?.payload as Conversation;
    assert.equal(forBob.id, c.id);
  });

  it('on a message: message:new, clearTyping, conversation:updated per member with their own view, mention:new', async () => {
    const c = await newGroup(server, alice, ['bob', 'carol']);
    calls = [];
    const m = await send(server, alice, c.id, {
      body: 'hi @bob',
      mentions: [bob.user.id, alice.user.id],
    });
    assert.deepEqual(events('conversation'), [`message:new@${c.id}`]);
    assert.deepEqual((calls[0]?.payload as Message).id, m.id);
    assert.deepEqual(
      calls.filter((x) => x.kind === 'clearTyping').map((x) => [x.target, x.userId]),
      [[c.id, alice.user.id]],
    );
    const updates = calls.filter((x) => x.event === 'conversation:updated');
    assert.deepEqual(
      updates.map((x) => x.target).sort(),
      [alice.user.id, bob.user.id, carol.user.id].sort(),
    );
    const bobView = updates.find((x) => x.target === bob.user.id)
      ?.payload as ConversationUpdatedEvent;
    const aliceView = updates.find((x) => x.target === alice.user.id)
      ?.payload as ConversationUpdatedEvent;
    assert.equal(bobView.by_user_id, alice.user.id);
    assert.equal(bobView.conversation.unread_count, 1);
    assert.equal(aliceView.conversation.unread_count, 0);
    assert.equal(bobView.conversation.last_sequence, m.sequence);
    const mentions = calls.filter((x) => x.event === 'mention:new');
    assert.deepEqual(
      mentions.map((x) => [x.target, x.payload]),
      [[bob.user.id, { message_id: m.id, conversation_id: c.id, sender_id: alice.user.id }]],
    );
  });

  it('on a thread reply: message:new, then message:updated of the root with its reply count', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const root = await send(server, alice, c.id, { body: 'root' });
    calls = [];
    const reply = await send(server, bob, c.id, { body: 'reply', reply_to_id: root.id });
    assert.deepEqual(events('conversation'), [`message:new@${c.id}`, `message:updated@${c.id}`]);
    const updatedRoot = calls[1]?.payload as Message;
    assert.equal(updatedRoot.id, root.id);
    assert.equal(updatedRoot.reply_count, 1);
    assert.equal(updatedRoot.last_reply_at, reply.inserted_at);
  });

  it('on edit, delete, reactions and reads: one event each, only when the state changes', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const m = await send(server, alice, c.id, { body: 'draft' });
    calls = [];
    await call(server.url, 'PATCH', `/v1/messages/${m.id}`, {
      token: alice.token,
      body: { body: 'final' },
    });
    await call(server.url, 'POST', `/v1/messages/${m.id}/reactions`, {
      token: bob.token,
      body: { emoji: '🎉' },
    });
    await call(server.url, 'POST', `/v1/messages/${m.id}/reactions`, {
      token: bob.token,
      body: { emoji: '🎉' },
    });
    await call(server.url, 'DELETE', `/v1/messages/${m.id}/reactions/${encodeURIComponent('🎉')}`, {
      token: bob.token,
    });
    await call(server.url, 'DELETE', `/v1/messages/${m.id}/reactions/${encodeURIComponent('🎉')}`, {
      token: bob.token,
    });
    await call(server.url, 'POST', `/v1/conversations/${c.id}/read`, {
      token: bob.token,
      body: { message_id: m.id },
    });
    await call(server.url, 'POST', `/v1/conversations/${c.id}/read`, {
      token: bob.token,
      body: { message_id: m.id },
    });
    await call(server.url, 'DELETE', `/v1/messages/${m.id}`, { token: alice.token });
    await call(server.url, 'DELETE', `/v1/messages/${m.id}`, { token: alice.token });
    assert.deepEqual(
      calls.map((x) => x.event),
      ['message:updated', 'reaction:added', 'reaction:removed', 'member:read', 'message:deleted'],
    );
    assert.equal((calls[0]?.payload as Message).body, 'final');
    assert.deepEqual(calls[1]?.payload, {
      message_id: m.id,
      conversation_id: c.id,
      emoji: '🎉',
      user_id: bob.user.id,
    });
    const read = calls[3]?.payload as {
      user_id: string;
      last_read_message_id: string;
      last_read_at: string;
    };
    assert.equal(read.user_id, bob.user.id);
    assert.equal(read.last_read_message_id, m.id);
    assert.match(read.last_read_at, /Z$/);
    const deleted = calls[4]?.payload as {
      id: string;
      conversation_id: string;
      deleted_at: string;
    };
    assert.equal(deleted.id, m.id);
    assert.equal(deleted.conversation_id, c.id);
    assert.ok(deleted.deleted_at);
  });

  it('on PATCH, member add and removal: conversation:updated, conversation:created, closeMemberChannels', async () => {
    const c = await newGroup(server, alice, ['bob']);
    calls = [];
    await call(server.url, 'PATCH', `/v1/conversations/${c.id}`, {
      token: alice.token,
      body: { name: 'New name' },
    });
    assert.deepEqual(
      events('user').sort(),
      [`conversation:updated@${alice.user.id}`, `conversation:updated@${bob.user.id}`].sort(),
    );
    assert.equal((calls[0]?.payload as ConversationUpdatedEvent).conversation.name, 'New name');
    calls = [];
    await call(server.url, 'POST', `/v1/conversations/${c.id}/members`, {
      token: alice.token,
      body: { external_ids: ['carol', 'bob'] },
    });
    assert.deepEqual(
      events('user'),
      [`conversation:created@${carol.user.id}`],
      'only the newly added member',
    );
    calls = [];
    await call(server.url, 'DELETE', `/v1/conversations/${c.id}/members/carol`, {
      token: alice.token,
    });
    assert.deepEqual(
      calls.map((x) => [x.kind, x.target, x.userId]),
      [['closeMember', c.id, carol.user.id]],
    );
  });
});
