/**
 * Every route of the contract over real HTTP: the happy path, and who may
 * call it (no token, expired, `alg: none`, another tenant, non-member, wrong role).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type {
  Conversation,
  Membership,
  Message,
  TokenResponse,
  User,
} from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, send, type Person } from './helpers.js';

let server: TestServer;
let alice: Person;
let bob: Person;
let carol: Person;
let eve: Person; // same tenant, never a member of anything below

before(async () => {
  server = await startTestServer();
  [alice, bob, carol, eve] = await Promise.all(
    ['alice', 'bob', 'carol', 'eve'].map((id) => person(server, id)),
  );
});
after(async () => {
  await server.close();
});

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function signed(
  claims: Record<string, unknown>,
  secret: string,
  alg = 'HS256',
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

describe('backend routes (API key)', () => {
  it('upserts users: 201 when new, 200 with the updated fields when it existed', async () => {
    const created = await call<User>(server.url, 'POST', '/v1/users', {
      token: server.apiKey,
      body: { external_id: 'frank', display_name: 'Frank', custom_data: { plan: 'pro' } },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.external_id, 'frank');
    assert.equal(created.body.display_name, 'Frank');
    assert.deepEqual(created.body.custom_data, { plan: 'pro' });
    assert.equal(created.body.is_blocked, false);
    assert.equal(created.body.tenant_id, server.tenantId);
    assert.match(created.body.inserted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const again = await call<User>(server.url, 'POST', '/v1/users', {
      token: server.apiKey,
      body: { external_id: 'frank', display_name: 'Frank F.' },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, created.body.id);
    assert.equal(again.body.display_name, 'Frank F.');
  });

  it('mints tokens (provisioning new users) with the requested lifetime', async () => {
    const minted = await call<TokenResponse>(server.url, 'POST', '/v1/users/grace/tokens', {
      token: server.apiKey,
      body: { ttl_seconds: 120 },
    });
    assert.equal(minted.status, 201);
    const lifetime = Date.parse(minted.body.expires_at) - Date.now();
    assert.ok(lifetime > 100_000 && lifetime <= 121_000, `lifetime ${lifetime}`);
    const me = await call<User>(server.url, 'GET', '/v1/me', { token: minted.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.external_id, 'grace');
  });

  it('patches users, and a blocked user is refused everywhere', async () => {
    const henry = await person(server, 'henry');
    const blocked = await call<User>(server.url, 'PATCH', '/v1/users/henry', {
      token: server.apiKey,
      body: { is_blocked: true, display_name: 'Henry' },
    });
    assert.equal(blocked.status, 200);
    assert.equal(blocked.body.is_blocked, true);
    assertError(
      await call(server.url, 'GET', '/v1/me', { token: henry.token }),
      401,
      'invalid_user_token',
    );
    assertError(
      await call(server.url, 'PATCH', '/v1/users/nobody-here', { token: server.apiKey, body: {} }),
      404,
      'not_found',
    );
  });

  it('refuses a missing, unknown or end-user credential with 401 invalid_api_key', async () => {
    for (const token of [undefined, 'pk_not_a_key', alice.token]) {
      const options =
        token === undefined
          ? { body: { external_id: 'x' } }
          : { token, body: { external_id: 'x' } };
      assertError(await call(server.url, 'POST', '/v1/users', options), 401, 'invalid_api_key');
      assertError(
        await call(server.url, 'POST', '/v1/users/x/tokens', { ...options, body: {} }),
        401,
        'invalid_api_key',
      );
      assertError(
        await call(server.url, 'PATCH', '/v1/users/alice', { ...options, body: {} }),
        401,
        'invalid_api_key',
      );
    }
  });
});

describe('end-user tokens', () => {
  it('answers GET /v1/me for a valid token', async () => {
    const me = await call<User>(server.url, 'GET', '/v1/me', { token: alice.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.external_id, 'alice');
    assert.equal(me.body.id, alice.user.id);
  });

  it('refuses every kind of bad token with 401 invalid_user_token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: alice.user.id, tid: server.tenantId, ext: 'alice' };
    const other = server.createTenant();
    const bad: Record<string, string> = {
      garbage: 'not.a.jwt',
      expired: await signed({ ...claims, iat: now - 7200, exp: now - 3600 }, server.jwtSecret),
      'no exp': await signed({ ...claims, iat: now }, server.jwtSecret),
      'iat in the future': await signed(
        { ...claims, iat: now + 3600, exp: now + 7200 },
        server.jwtSecret,
      ),
      'alg none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, iat: now, exp: now + 600 })}.`,
      'alg HS512': await signed({ ...claims, iat: now, exp: now + 600 }, server.jwtSecret, 'HS512'),
      'other tenant secret': await signed({ ...claims, iat: now, exp: now + 600 }, other.jwtSecret),
      'tampered payload': (() => {
        const [h, , s] = alice.token.split('.');
        return `${h}.${b64url({ ...claims, sub: bob.user.id, iat: now, exp: now + 600 })}.${s}`;
      })(),
      'unknown user': await signed(
        { ...claims, sub: '00000000-0000-4000-8000-000000000000', iat: now, exp: now + 600 },
        server.jwtSecret,
      ),
      'api key instead of jwt': server.apiKey,
    };
    for (const [name, token] of Object.entries(bad)) {
      const answer = await call(server.url, 'GET', '/v1/me', { token });
      assert.equal(answer.status, 401, name);
      assertError(answer, 401, 'invalid_user_token');
    }
    assertError(await call(server.url, 'GET', '/v1/me'), 401, 'invalid_user_token');
  });

  it('refuses a token minted moments ago with a 1 s lifetime once it has expired', async () => {
    const token = await server.mintToken('alice', { ttlSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assertError(await call(server.url, 'GET', '/v1/me', { token }), 401, 'invalid_user_token');
  });
});

describe('conversations and members', () => {
  it('creates a group with the caller as owner and provisions unknown members', async () => {
    const created = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
      token: alice.token,
      body: {
        type: 'group',
        name: 'Launch',
        member_external_ids: ['bob', 'newcomer'],
        custom_data: { a: 1 },
      },
    });
    assert.equal(created.status, 201);
    const c = created.body;
    assert.equal(c.type, 'group');
    assert.equal(c.name, 'Launch');
    assert.equal(c.created_by_user_id, alice.user.id);
    assert.deepEqual(c.member_external_ids, ['alice', 'bob', 'newcomer']);
    assert.equal(c.last_sequence, 0);
    assert.equal(c.unread_count, 0);
    assert.equal(c.last_read_sequence, 0);
    assert.equal(c.last_message_at, null);
    assert.deepEqual(c.custom_data, { a: 1 });

    const members = await call<{ data: Membership[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/members`,
      {
        token: bob.token,
      },
    );
    assert.equal(members.status, 200);
    assert.deepEqual(
      members.body.data.map((m) => [m.external_id, m.role]),
      [
        ['alice', 'owner'],
        ['bob', 'member'],
        ['newcomer', 'member'],
      ],
    );
  });

  it('creates a direct conversation once; creating the same pair again returns it with 200', async () => {
    const first = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
      token: carol.token,
      body: { type: 'direct', member_external_ids: ['bob'] },
    });
    assert.equal(first.status, 201);
    const second = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
      token: bob.token,
      body: { type: 'direct', member_external_ids: ['carol'] },
    });
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    assert.deepEqual(second.body.member_external_ids.sort(), ['bob', 'carol']);
    for (const members of [[], ['bob', 'alice'], ['carol']]) {
      assertError(
        await call(server.url, 'POST', '/v1/conversations', {
          token: carol.token,
          body: { type: 'direct', member_external_ids: members },
        }),
        422,
        'validation_failed',
      );
    }
  });

  it('lists the caller’s conversations, newest activity first, with their own unread counts', async () => {
    const older = await newGroup(server, alice, ['bob'], 'Older');
    const newer = await newGroup(server, alice, ['bob'], 'Newer');
    await send(server, alice, newer.id, { body: 'latest' });
    await send(server, alice, older.id, { body: 'even later' });
    await send(server, bob, older.id, { body: 'answer' });
    const list = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: bob.token,
    });
    assert.equal(list.status, 200);
    const ids = list.body.data.map((c) => c.id);
    assert.ok(ids.indexOf(older.id) < ids.indexOf(newer.id), 'newest activity first');
    const olderForBob = list.body.data.find((c) => c.id === older.id);
    assert.equal(olderForBob?.unread_count, 0, 'bob wrote last: his cursor moved with his send');
    assert.equal(olderForBob?.last_message_preview, 'answer');
    const newerForBob = list.body.data.find((c) => c.id === newer.id);
    assert.equal(newerForBob?.unread_count, 1);
    const forEve = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: eve.token,
    });
    assert.deepEqual(forEve.body.data, []);
  });

  it('gets and patches a conversation (owner/admin only); non-members see 404', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const got = await call<Conversation>(server.url, 'GET', `/v1/conversations/${c.id}`, {
      token: bob.token,
    });
    assert.equal(got.status, 200);
    assert.equal(got.body.id, c.id);
    const patched = await call<Conversation>(server.url, 'PATCH', `/v1/conversations/${c.id}`, {
      token: alice.token,
      body: {
        name: 'Renamed',
        avatar_url: 'https://example.test/a.png',
        settings: { muted: false },
        member_limit: 10,
      },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.name, 'Renamed');
    assert.equal(patched.body.member_limit, 10);
    assert.deepEqual(patched.body.settings, { muted: false });
    assertError(
      await call(server.url, 'PATCH', `/v1/conversations/${c.id}`, {
        token: bob.token,
        body: { name: 'x' },
      }),
      403,
      'forbidden',
    );
    assertError(
      await call(server.url, 'GET', `/v1/conversations/${c.id}`, { token: eve.token }),
      404,
      'not_found',
    );
    assertError(
      await call(server.url, 'PATCH', `/v1/conversations/${c.id}`, {
        token: eve.token,
        body: { name: 'x' },
      }),
      404,
      'not_found',
    );
    assertError(
      await call(server.url, 'GET', `/v1/conversations/${c.id}/members`, { token: eve.token }),
      404,
      'not_found',
    );
  });

  it('adds members (owner/admin), enforces member_limit, and removes or lets members leave', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const added = await call<{ data: Membership[] }>(
      server.url,
      'POST',
      `/v1/conversations/${c.id}/members`,
      {
        token: alice.token,
        body: { external_ids: ['carol'], role: 'admin' },
      },
    );
    assert.equal(added.status, 200);
    assert.deepEqual(
      added.body.data.map((m) => [m.external_id, m.role]),
      [['carol', 'admin']],
    );
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${c.id}/members`, {
        token: bob.token,
        body: { external_ids: ['eve'] },
      }),
      403,
      'forbidden',
    );
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${c.id}/members`, {
        token: eve.token,
        body: { external_ids: ['eve'] },
      }),
      404,
      'not_found',
    );
    await call(server.url, 'PATCH', `/v1/conversations/${c.id}`, {
      token: alice.token,
      body: { member_limit: 3 },
    });
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${c.id}/members`, {
        token: carol.token,
        body: { external_ids: ['dan'] },
      }),
      409,
      'conflict',
    );

    // A plain member may not remove others, but may leave.
    assertError(
      await call(server.url, 'DELETE', `/v1/conversations/${c.id}/members/carol`, {
        token: bob.token,
      }),
      403,
      'forbidden',
    );
    assertError(
      await call(server.url, 'DELETE', `/v1/conversations/${c.id}/members/alice`, {
        token: carol.token,
      }),
      403,
      'forbidden',
    );
    const left = await call(server.url, 'DELETE', `/v1/conversations/${c.id}/members/bob`, {
      token: bob.token,
    });
    assert.equal(left.status, 204);
    assertError(
      await call(server.url, 'GET', `/v1/conversations/${c.id}`, { token: bob.token }),
      404,
      'not_found',
    );
    const removed = await call(server.url, 'DELETE', `/v1/conversations/${c.id}/members/carol`, {
      token: alice.token,
    });
    assert.equal(removed.status, 204);
    assertError(
      await call(server.url, 'DELETE', `/v1/conversations/${c.id}/members/carol`, {
        token: alice.token,
      }),
      404,
      'not_found',
    );
    const members = await call<{ data: Membership[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/members`,
      { token: alice.token },
    );
    assert.deepEqual(
      members.body.data.map((m) => m.external_id),
      ['alice'],
    );
  });

  it('hides another tenant’s conversation behind 404', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const other = server.createTenant();
    const minted = await call<TokenResponse>(server.url, 'POST', '/v1/users/alice/tokens', {
      token: other.apiKey,
      body: {},
    });
    const foreignAlice = minted.body.token;
    assertError(
      await call(server.url, 'GET', `/v1/conversations/${c.id}`, { token: foreignAlice }),
      404,
      'not_found',
    );
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
        token: foreignAlice,
        body: { body: 'hi' },
      }),
      404,
      'not_found',
    );
    const list = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: foreignAlice,
    });
    assert.deepEqual(list.body.data, []);
  });
});

describe('messages', () => {
  let c: Conversation;
  before(async () => {
    c = await newGroup(server, alice, ['bob', 'carol']);
  });

  it('sends messages with gap-free sequences and pages the main feed both ways', async () => {
    const sent: Message[] = [];
    for (let i = 1; i <= 5; i++) sent.push(await send(server, alice, c.id, { body: `m${i}` }));
    assert.deepEqual(
      sent.map((m) => m.sequence),
      [1, 2, 3, 4, 5],
    );
    const first = sent[0] as Message;
    assert.equal(first.sender_id, alice.user.id);
    assert.equal(first.sender_external_id, 'alice');
    assert.equal(first.type, 'text');
    assert.deepEqual(first.reactions, {});
    assert.deepEqual(first.attachments, []);
    assert.equal(first.reply_count, 0);

    const newest = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/messages?limit=2`,
      { token: bob.token },
    );
    assert.deepEqual(
      newest.body.data.map((m) => m.body),
      ['m5', 'm4'],
    );
    const older = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/messages?before=4&limit=2`,
      { token: bob.token },
    );
    assert.deepEqual(
      older.body.data.map((m) => m.body),
      ['m3', 'm2'],
    );
    const gap = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/messages?after=2`,
      { token: bob.token },
    );
    assert.deepEqual(
      gap.body.data.map((m) => m.body),
      ['m3', 'm4', 'm5'],
    );
    assertError(
      await call(server.url, 'GET', `/v1/conversations/${c.id}/messages`, { token: eve.token }),
      404,
      'not_found',
    );
    assertError(
      await call(server.url, 'GET', `/v1/conversations/${c.id}/messages`),
      401,
      'invalid_user_token',
    );
  });

  it('keeps thread replies out of the feed, counts them on the root, and lists them oldest first', async () => {
    const root = await send(server, alice, c.id, { body: 'root' });
    const r1 = await send(server, bob, c.id, { body: 'reply 1', reply_to_id: root.id });
    const r2 = await send(server, carol, c.id, { body: 'reply 2', reply_to_id: r1.id });
    assert.equal(r1.thread_root_id, root.id);
    assert.equal(r2.thread_root_id, root.id, 'a reply to a reply belongs to the same thread');
    assert.equal(r2.reply_to_id, r1.id);
    assert.equal(r2.sequence, r1.sequence + 1);

    const feed = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/messages?limit=3`,
      { token: alice.token },
    );
    assert.ok(feed.body.data.every((m) => m.thread_root_id === null));
    const rootNow = feed.body.data.find((m) => m.id === root.id);
    assert.equal(rootNow?.reply_count, 2);
    assert.equal(rootNow?.last_reply_at, r2.inserted_at);

    const replies = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/messages/${root.id}/replies`,
      { token: bob.token },
    );
    assert.equal(replies.status, 200);
    assert.deepEqual(
      replies.body.data.map((m) => m.body),
      ['reply 1', 'reply 2'],
    );
    const afterFirst = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/messages/${root.id}/replies?after=${r1.sequence}`,
      { token: bob.token },
    );
    assert.deepEqual(
      afterFirst.body.data.map((m) => m.body),
      ['reply 2'],
    );
    assertError(
      await call(server.url, 'GET', `/v1/messages/${root.id}/replies`, { token: eve.token }),
      404,
      'not_found',
    );
  });

  it('embeds the quoted message (without its own quote) and keeps mentions of members', async () => {
    const quoted = await send(server, bob, c.id, { body: 'quote me' });
    const quoting = await send(server, carol, c.id, {
      body: 'quoting',
      quoted_message_id: quoted.id,
      mentions: [alice.user.id, eve.user.id],
    });
    assert.equal(quoting.quoted_message_id, quoted.id);
    assert.equal(quoting.quoted_message?.body, 'quote me');
    assert.equal(quoting.quoted_message?.quoted_message, null);
    assert.equal(quoting.thread_root_id, null);
    assert.deepEqual(quoting.mentions, [alice.user.id], 'non-members are dropped from mentions');
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
        token: carol.token,
        body: { body: 'x', quoted_message_id: '00000000-0000-4000-8000-000000000000' },
      }),
      422,
      'validation_failed',
    );
  });

  it('edits (sender only) and soft-deletes (sender or owner/admin); a deleted message answers 410', async () => {
    const m = await send(server, bob, c.id, { body: 'typo' });
    assertError(
      await call(server.url, 'PATCH', `/v1/messages/${m.id}`, {
        token: alice.token,
        body: { body: 'no' },
      }),
      403,
      'forbidden',
    );
    assertError(
      await call(server.url, 'PATCH', `/v1/messages/${m.id}`, {
        token: eve.token,
        body: { body: 'no' },
      }),
      404,
      'not_found',
    );
    const edited = await call<Message>(server.url, 'PATCH', `/v1/messages/${m.id}`, {
      token: bob.token,
      body: { body: 'fixed' },
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'fixed');
    assert.ok(edited.body.edited_at);

    assertError(
      await call(server.url, 'DELETE', `/v1/messages/${m.id}`, { token: carol.token }),
      403,
      'forbidden',
    );
    assertError(
      await call(server.url, 'DELETE', `/v1/messages/${m.id}`, { token: eve.token }),
      404,
      'not_found',
    );
    const deleted = await call(server.url, 'DELETE', `/v1/messages/${m.id}`, {
      token: alice.token,
    });
    assert.equal(deleted.status, 204, 'the owner may delete any message');
    const page = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${c.id}/messages?limit=1`,
      { token: bob.token },
    );
    const tomb = page.body.data[0] as Message;
    assert.equal(tomb.id, m.id);
    assert.equal(tomb.body, null);
    assert.ok(tomb.deleted_at);
    assertError(
      await call(server.url, 'PATCH', `/v1/messages/${m.id}`, {
        token: bob.token,
        body: { body: 'again' },
      }),
      410,
      'message_deleted',
    );
    assertError(
      await call(server.url, 'POST', `/v1/messages/${m.id}/reactions`, {
        token: bob.token,
        body: { emoji: '👍' },
      }),
      410,
      'message_deleted',
    );
  });

  it('adds and removes reactions; adding twice is a no-op', async () => {
    const m = await send(server, alice, c.id, { body: 'react to me' });
    const add = () =>
      call<Message>(server.url, 'POST', `/v1/messages/${m.id}/reactions`, {
        token: bob.token,
        body: { emoji: '👍' },
      });
    assert.deepEqual((await add()).body.reactions, { '👍': [bob.user.id] });
    assert.deepEqual((await add()).body.reactions, { '👍': [bob.user.id] });
    const carolToo = await call<Message>(server.url, 'POST', `/v1/messages/${m.id}/reactions`, {
      token: carol.token,
      body: { emoji: '👍' },
    });
    assert.deepEqual(carolToo.body.reactions, { '👍': [bob.user.id, carol.user.id] });
    const removed = await call<Message>(
      server.url,
      'DELETE',
      `/v1/messages/${m.id}/reactions/${encodeURIComponent('👍')}`,
      { token: bob.token },
    );
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.reactions, { '👍': [carol.user.id] });
    assertError(
      await call(server.url, 'POST', `/v1/messages/${m.id}/reactions`, {
        token: eve.token,
        body: { emoji: '👍' },
      }),
      404,
      'not_found',
    );
    assertError(
      await call(
        server.url,
        'DELETE',
        `/v1/messages/${m.id}/reactions/${encodeURIComponent('👍')}`,
        { token: eve.token },
      ),
      404,
      'not_found',
    );
  });

  it('moves the read cursor forward only, and unread counts follow it', async () => {
    const d = await newGroup(server, alice, ['bob']);
    const m1 = await send(server, alice, d.id, { body: 'one' });
    const m2 = await send(server, alice, d.id, { body: 'two' });
    await send(server, alice, d.id, { body: 'three' });
    const view = async () =>
      (
        await call<Conversation>(server.url, 'GET', `/v1/conversations/${d.id}`, {
          token: bob.token,
        })
      ).body;
    assert.equal((await view()).unread_count, 3);
    assert.equal(
      (
        await call(server.url, 'POST', `/v1/conversations/${d.id}/read`, {
          token: bob.token,
          body: { message_id: m2.id },
        })
      ).status,
      204,
    );
    assert.equal((await view()).unread_count, 1);
    assert.equal((await view()).last_read_sequence, 2);
    await call(server.url, 'POST', `/v1/conversations/${d.id}/read`, {
      token: bob.token,
      body: { message_id: m1.id },
    });
    assert.equal((await view()).last_read_sequence, 2, 'never backwards');
    const members = await call<{ data: Membership[] }>(
      server.url,
      'GET',
      `/v1/conversations/${d.id}/members`,
      { token: bob.token },
    );
    assert.equal(
      members.body.data.find((m) => m.external_id === 'bob')?.last_read_message_id,
      m2.id,
    );
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${d.id}/read`, {
        token: eve.token,
        body: { message_id: m1.id },
      }),
      404,
      'not_found',
    );
    const elsewhere = await send(server, alice, c.id, { body: 'other conversation' });
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${d.id}/read`, {
        token: bob.token,
        body: { message_id: elsewhere.id },
      }),
      404,
      'not_found',
    );
    assert.equal(
      (
        await call<Conversation>(server.url, 'GET', `/v1/conversations/${d.id}`, {
          token: alice.token,
        })
      ).body.unread_count,
      0,
    );
  });

  it('needs a body unless attachments are given', async () => {
    for (const body of [{}, { body: '' }, { body: '   ' }, { body: null }]) {
      assertError(
        await call(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
          token: alice.token,
          body,
        }),
        422,
        'validation_failed',
      );
    }
  });
});

describe('service routes', () => {
  it('serves /health and an error page with an anchor per code', async () => {
    const health = await call<{ status: string }>(server.url, 'GET', '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    const docs = await fetch(`${server.url}/docs/errors`);
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
    const html = await docs.text();
    for (const code of [
      'validation_failed',
      'invalid_user_token',
      'rate_limited',
      'attachment_too_large',
      'internal',
    ]) {
      assert.ok(html.includes(`id="${code}"`), code);
    }
  });

  it('answers CORS preflights and exposes Retry-After', async () => {
    const preflight = await fetch(`${server.url}/v1/conversations`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key'])
      assert.ok(allowed.includes(header), header);
    const real = await fetch(`${server.url}/v1/me`, {
      headers: { Origin: 'https://shop.example', Authorization: `Bearer ${alice.token}` },
    });
    assert.equal(real.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(real.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  it('answers unknown routes with 404 not_found and never mounts demo routes without the seed', async () => {
    assertError(await call(server.url, 'GET', '/v1/nothing-here'), 404, 'not_found');
    assertError(await call(server.url, 'POST', '/demo/token?external_id=alice'), 404, 'not_found');
  });

  it('mounts the test route to drop sockets behind the API key', async () => {
    assertError(await call(server.url, 'POST', '/_test/drop-sockets'), 401, 'invalid_api_key');
    assert.equal(
      (await call(server.url, 'POST', '/_test/drop-sockets', { token: server.apiKey })).status,
      204,
    );
  });
});

describe('authorization matrix', () => {
  interface RouteCase {
    method: string;
    path: string;
    body?: unknown;
  }
  let routes: RouteCase[];
  let badTokens: Record<string, string>;
  let foreignToken: string;

  before(async () => {
    const c = await newGroup(server, alice, ['bob']);
    const m = await send(server, alice, c.id, { body: 'matrix' });
    const upload = await call<{ attachment: { id: string } }>(
      server.url,
      'POST',
      '/v1/attachments/upload-url',
      {
        token: alice.token,
        body: { content_type: 'text/plain', byte_size: 1 },
      },
    );
    const a = upload.body.attachment.id;
    const thumbs = encodeURIComponent('👍');
    routes = [
      { method: 'GET', path: '/v1/me' },
      { method: 'GET', path: '/v1/conversations' },
      { method: 'POST', path: '/v1/conversations', body: { type: 'group' } },
      { method: 'GET', path: `/v1/conversations/${c.id}` },
      { method: 'PATCH', path: `/v1/conversations/${c.id}`, body: { name: 'x' } },
      { method: 'GET', path: `/v1/conversations/${c.id}/members` },
      {
        method: 'POST',
        path: `/v1/conversations/${c.id}/members`,
        body: { external_ids: ['zoe'] },
      },
      { method: 'DELETE', path: `/v1/conversations/${c.id}/members/bob` },
      { method: 'GET', path: `/v1/conversations/${c.id}/messages` },
      { method: 'POST', path: `/v1/conversations/${c.id}/messages`, body: { body: 'x' } },
      { method: 'POST', path: `/v1/conversations/${c.id}/read`, body: { message_id: m.id } },
      { method: 'PATCH', path: `/v1/messages/${m.id}`, body: { body: 'x' } },
      { method: 'DELETE', path: `/v1/messages/${m.id}` },
      { method: 'GET', path: `/v1/messages/${m.id}/replies` },
      { method: 'POST', path: `/v1/messages/${m.id}/reactions`, body: { emoji: '👍' } },
      { method: 'DELETE', path: `/v1/messages/${m.id}/reactions/${thumbs}` },
      {
        method: 'POST',
        path: '/v1/attachments/upload-url',
        body: { content_type: 'text/plain', byte_size: 1 },
      },
      { method: 'GET', path: `/v1/attachments/${a}/download-url` },
      { method: 'DELETE', path: `/v1/attachments/${a}` },
    ];
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: alice.user.id, tid: server.tenantId, ext: 'alice' };
    badTokens = {
      expired: await signed({ ...claims, iat: now - 7200, exp: now - 3600 }, server.jwtSecret),
      'alg none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, iat: now, exp: now + 600 })}.`,
    };
    const other = server.createTenant();
    foreignToken = (
      await call<TokenResponse>(server.url, 'POST', '/v1/users/alice/tokens', {
        token: other.apiKey,
        body: {},
      })
    ).body.token;
  });

  it('refuses every end-user route without a token, with an expired one, or with alg none', async () => {
    for (const route of routes) {
      const base = route.body === undefined ? {} : { body: route.body };
      assertError(
        await call(server.url, route.method, route.path, base),
        401,
        'invalid_user_token',
      );
      for (const token of Object.values(badTokens)) {
        assertError(
          await call(server.url, route.method, route.path, { ...base, token }),
          401,
          'invalid_user_token',
        );
      }
    }
  });

  it('hides every conversation, message and attachment from non-members and other tenants (404)', async () => {
    const scoped = routes.filter((r) =>
      /\/(conversations|messages|attachments)\/[0-9a-f-]{36}/.test(r.path),
    );
    assert.ok(scoped.length >= 15);
    for (const route of scoped) {
      const base = route.body === undefined ? {} : { body: route.body };
      for (const token of [eve.token, foreignToken]) {
        const answer = await call(server.url, route.method, route.path, { ...base, token });
        assert.equal(
          answer.status,
          404,
          `${route.method} ${route.path}: ${JSON.stringify(answer.body)}`,
        );
        assertError(answer, 404, 'not_found');
      }
    }
  });
});
