/**
 * No one sees another tenant's or another conversation's data: every
 * end-user route, called by a same-tenant non-member and by another tenant's
 * user on real resources, answers 404 not_found exactly like a made-up id,
 * never echoes the resource's data, and changes nothing. The socket refuses
 * their joins, and broadcasts never reach them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type {
  AttachmentDownloadResponse,
  Conversation,
  ConversationList,
  ErrorEnvelope,
  Membership,
  Message,
  MessageList,
  User,
} from '../../../src/sdk/types.js';
import { call, type Person } from '../server/helpers.js';
import {
  EventLog,
  connect,
  disconnect,
  eventually,
  join,
  phoenixSocket,
  sleep,
} from '../realtime/harness.js';
import { assertEnvelope, assertNoLeak, buildWorld, SECRET_BODY, type World } from './world.js';

let world: World;

before(async () => {
  world = await buildWorld();
});
after(async () => {
  await world.server.close();
});

interface RouteCase {
  method: string;
  path: string;
  body?: unknown;
}

/** Every end-user route that names a resource, aimed at the world's real resources. */
function scopedRoutes(w: World): RouteCase[] {
  const c = w.conversation.id;
  const m = w.message.id;
  const r = w.reply.id;
  const thumbs = encodeURIComponent('👍');
  return [
    { method: 'GET', path: `/v1/conversations/${c}` },
    { method: 'PATCH', path: `/v1/conversations/${c}`, body: { name: 'taken over' } },
    { method: 'GET', path: `/v1/conversations/${c}/members` },
    { method: 'POST', path: `/v1/conversations/${c}/members`, body: { external_ids: ['eve'] } },
    { method: 'DELETE', path: `/v1/conversations/${c}/members/bob` },
    { method: 'DELETE', path: `/v1/conversations/${c}/members/alice` },
    { method: 'GET', path: `/v1/conversations/${c}/messages` },
    { method: 'GET', path: `/v1/conversations/${c}/messages?after=0&limit=200` },
    { method: 'POST', path: `/v1/conversations/${c}/messages`, body: { body: 'intruder' } },
    { method: 'POST', path: `/v1/conversations/${c}/read`, body: { message_id: m } },
    { method: 'PATCH', path: `/v1/messages/${m}`, body: { body: 'rewritten' } },
    { method: 'PATCH', path: `/v1/messages/${r}`, body: { body: 'rewritten' } },
    { method: 'DELETE', path: `/v1/messages/${m}` },
    { method: 'DELETE', path: `/v1/messages/${r}` },
    { method: 'GET', path: `/v1/messages/${m}/replies` },
    { method: 'GET', path: `/v1/messages/${r}/replies` },
    { method: 'POST', path: `/v1/messages/${m}/reactions`, body: { emoji: '🔥' } },
    { method: 'DELETE', path: `/v1/messages/${m}/reactions/${thumbs}` },
    { method: 'GET', path: `/v1/attachments/${w.attachment.id}/download-url` },
    { method: 'GET', path: `/v1/attachments/${w.pendingAttachment.id}/download-url` },
    { method: 'DELETE', path: `/v1/attachments/${w.attachment.id}` },
    { method: 'DELETE', path: `/v1/attachments/${w.pendingAttachment.id}` },
  ];
}

/** The same route with every real id swapped for a made-up one. */
function withMadeUpIds(route: RouteCase, w: World): RouteCase {
  let path = route.path;
  for (const id of [
    w.conversation.id,
    w.message.id,
    w.reply.id,
    w.attachment.id,
    w.pendingAttachment.id,
  ]) {
    path = path.replaceAll(id, '00000000-0000-4000-8000-000000000000');
  }
  return { ...route, path };
}

function strangers(w: World): [string, Person][] {
  return [
    ['a non-member of the same tenant', w.eve],
    ['a user of another tenant', w.mallory],
  ];
}

describe('REST isolation', () => {
  it('answers every resource route with 404 not_found, the same as for a made-up id, and leaks nothing', async () => {
    const routes = scopedRoutes(world);
    for (const [who, stranger] of strangers(world)) {
      for (const route of routes) {
        const what = `${who}: ${route.method} ${route.path}`;
        const options = route.body === undefined ? {} : { body: route.body };
        const answer = await call(world.server.url, route.method, route.path, {
          ...options,
          token: stranger.token,
        });
        assert.equal(answer.status, 404, `${what}: ${JSON.stringify(answer.body)}`);
        assertEnvelope(answer, what);
        assert.equal((answer.body as ErrorEnvelope).error.code, 'not_found', what);
        // Ids the caller sent may be echoed back; nothing else of the world may appear.
        const unsent = world.secrets.filter((s) => !route.path.includes(s));
        assertNoLeak(JSON.stringify(answer.body), unsent, what);
        for (const [name, value] of answer.headers)
          assertNoLeak(value, unsent, `${what} header ${name}`);

        const madeUp = withMadeUpIds(route, world);
        const control = await call(world.server.url, madeUp.method, madeUp.path, {
          ...options,
          token: stranger.token,
        });
        assert.equal(control.status, answer.status, `${what}: differs from a made-up id`);
        assert.equal(
          (control.body as ErrorEnvelope).error.message,
          (answer.body as ErrorEnvelope).error.message,
          `${what}: the message tells a real resource from a made-up one`,
        );
      }
    }
  });

  it('keeps the resources out of the strangers’ own lists and profile', async () => {
    for (const [who, stranger] of strangers(world)) {
      const list = await call<ConversationList>(world.server.url, 'GET', '/v1/conversations', {
        token: stranger.token,
      });
      assert.equal(list.status, 200);
      assert.ok(!list.body.data.some((c) => c.id === world.conversation.id), who);
      assertNoLeak(JSON.stringify(list.body), world.secrets, `${who}: conversation list`);
      const me = await call<User>(world.server.url, 'GET', '/v1/me', { token: stranger.token });
      assert.equal(me.status, 200);
      assertNoLeak(JSON.stringify(me.body), world.secrets, `${who}: /v1/me`);
    }
  });

  it('refuses to link, quote, reply to or mention what the stranger cannot see', async () => {
    for (const [who, stranger] of strangers(world)) {
      // The stranger's own conversation, in their own tenant.
      const own = await call<Conversation>(world.server.url, 'POST', '/v1/conversations', {
        token: stranger.token,
        body: { type: 'group', name: 'own' },
      });
      assert.equal(own.status, 201, who);
      const path = `/v1/conversations/${own.body.id}/messages`;
      const attempts: [string, Record<string, unknown>][] = [
        ['quoting', { body: 'q', quoted_message_id: world.message.id }],
        ['replying to', { body: 'r', reply_to_id: world.message.id }],
        ['attaching a linked attachment', { attachment_ids: [world.attachment.id] }],
        ['attaching a pending attachment', { attachment_ids: [world.pendingAttachment.id] }],
        ['reusing a message id', { id: world.message.id, body: 'same id' }],
      ];
      for (const [action, body] of attempts) {
        const answer = await call(world.server.url, 'POST', path, { token: stranger.token, body });
        const what = `${who} ${action}`;
        assert.ok(
          answer.status >= 400 && answer.status < 500,
          `${what}: ${answer.status} ${JSON.stringify(answer.body)}`,
        );
        assertEnvelope(answer, what);
        const unsent = world.secrets.filter((s) => !JSON.stringify(body).includes(s));
        assertNoLeak(JSON.stringify(answer.body), unsent, what);
        assert.ok(!JSON.stringify(answer.body).includes(SECRET_BODY), what);
      }
      // Mentioning a foreign user id is dropped rather than notifying them.
      const mention = await call<Message>(world.server.url, 'POST', path, {
        token: stranger.token,
        body: { body: 'hey', mentions: [world.alice.user.id] },
      });
      if (mention.status === 201) assert.deepEqual(mention.body.mentions, [], `${who} mention`);
      else assertEnvelope(mention, `${who} mention`);
    }
  });

  it('lets another tenant’s API key touch only its own users', async () => {
    const patched = await call<User>(world.server.url, 'PATCH', '/v1/users/alice', {
      token: world.otherTenant.apiKey,
      body: { display_name: 'renamed by the other tenant' },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.id, world.mallory.user.id);
    assert.notEqual(patched.body.id, world.alice.user.id);
    const bobFromThere = await call<User>(world.server.url, 'POST', '/v1/users', {
      token: world.otherTenant.apiKey,
      body: { external_id: 'bob' },
    });
    assert.notEqual(bobFromThere.body.id, world.bob.user.id);
    const me = await call<User>(world.server.url, 'GET', '/v1/me', { token: world.alice.token });
    assert.notEqual(me.body.display_name, 'renamed by the other tenant');
  });

  it('left every resource as it was', async () => {
    const { url } = world.server;
    const token = world.alice.token;
    const c = world.conversation.id;
    const conversation = await call<Conversation>(url, 'GET', `/v1/conversations/${c}`, { token });
    assert.equal(conversation.body.name, world.conversation.name);
    const members = await call<{ data: Membership[] }>(
      url,
      'GET',
      `/v1/conversations/${c}/members`,
      {
        token,
      },
    );
    assert.deepEqual(members.body.data.map((m) => m.external_id).sort(), ['alice', 'bob']);
    const feed = await call<MessageList>(url, 'GET', `/v1/conversations/${c}/messages`, { token });
    assert.deepEqual(
      feed.body.data.map((m) => [m.id, m.body, m.deleted_at]),
      [[world.message.id, SECRET_BODY, null]],
    );
    const root = feed.body.data[0] as Message;
    assert.deepEqual(root.reactions, { '👍': [world.bob.user.id] });
    assert.equal(root.attachments.length, 1);
    const replies = await call<MessageList>(
      url,
      'GET',
      `/v1/messages/${world.message.id}/replies`,
      {
        token,
      },
    );
    assert.deepEqual(
      replies.body.data.map((m) => [m.id, m.body]),
      [[world.reply.id, world.reply.body]],
    );
    const download = await call<AttachmentDownloadResponse>(
      url,
      'GET',
      `/v1/attachments/${world.pendingAttachment.id}/download-url`,
      { token },
    );
    assert.equal(download.status, 200, 'the pending attachment still exists');
  });

  it('refuses a download signature of one attachment on another', async () => {
    const { url } = world.server;
    const signed = await call<AttachmentDownloadResponse>(
      url,
      'GET',
      `/v1/attachments/${world.attachment.id}/download-url`,
      { token: world.bob.token },
    );
    assert.equal(signed.status, 200);
    const swapped = signed.body.url.replace(world.attachment.id, world.pendingAttachment.id);
    const response = await fetch(swapped);
    const text = await response.text();
    assert.equal(response.status, 403);
    assert.ok(!text.includes('attachment contents'), 'no bytes served');
  });
});

describe('socket isolation', () => {
  it('refuses strangers’ joins of the conversation topic and of another user’s topic', async () => {
    const endpoint = `${world.server.url.replace('http', 'ws')}/socket`;
    for (const [who, stranger] of strangers(world)) {
      const socket = await connect(phoenixSocket(endpoint, stranger.token));
      try {
        for (const topic of [
          `conversation:${world.conversation.id}`,
          `user:${world.alice.user.id}`,
          `user:${world.bob.user.id}`,
        ]) {
          const result = await join(socket.channel(topic));
          assert.deepEqual(
            result,
            { status: 'error', response: { reason: 'unauthorized' } },
            `${who} ${topic}`,
          );
        }
        // Their own user topic is fine.
        assert.equal((await join(socket.channel(`user:${stranger.user.id}`))).status, 'ok');
      } finally {
        await disconnect(socket);
      }
    }
  });

  it('never delivers the conversation’s broadcasts to a non-member or another tenant', async () => {
    const endpoint = `${world.server.url.replace('http', 'ws')}/socket`;
    const received: string[] = [];
    const strangerSockets = [];
    for (const [, stranger] of strangers(world)) {
      const socket = await connect(phoenixSocket(endpoint, stranger.token));
      socket.onMessage((message) => {
        received.push(JSON.stringify(message));
      });
      const own = socket.channel(`user:${stranger.user.id}`);
      assert.equal((await join(own)).status, 'ok');
      // A refused join must not leave a half-subscription behind either.
      await join(socket.channel(`conversation:${world.conversation.id}`));
      strangerSockets.push(socket);
    }
    const bobSocket = await connect(phoenixSocket(endpoint, world.bob.token));
    const bobChannel = bobSocket.channel(`conversation:${world.conversation.id}`);
    const bobLog = new EventLog(bobChannel, ['message:new', 'reaction:added', 'message:updated']);
    assert.equal((await join(bobChannel)).status, 'ok');
    try {
      const marker = `broadcast-${randomUUID()}`;
      const sent = await call<Message>(
        world.server.url,
        'POST',
        `/v1/conversations/${world.conversation.id}/messages`,
        { token: world.alice.token, body: { body: marker, mentions: [world.bob.user.id] } },
      );
      assert.equal(sent.status, 201);
      await call(world.server.url, 'POST', `/v1/messages/${sent.body.id}/reactions`, {
        token: world.alice.token,
        body: { emoji: '🎉' },
      });
      await call(world.server.url, 'PATCH', `/v1/messages/${sent.body.id}`, {
        token: world.alice.token,
        body: { body: `${marker}-edited` },
      });
      await eventually(() => bobLog.count('message:updated') >= 1, 'bob sees the edit');
      assert.equal(bobLog.count('message:new'), 1);
      await sleep(100);
      // The replies to their own refused join name the topic they asked for; nothing else may.
      const leaked = received.filter(
        (frame) =>
          frame.includes(marker) ||
          frame.includes(sent.body.id) ||
          (frame.includes(world.conversation.id) && !frame.includes('"event":"phx_reply"')),
      );
      assert.ok(received.length > 0, 'the strangers’ sockets were listening');
      assert.deepEqual(leaked, [], 'strangers received the conversation’s events');
    } finally {
      await disconnect(bobSocket);
      for (const socket of strangerSockets) await disconnect(socket);
    }
  });
});
