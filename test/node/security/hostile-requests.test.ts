/**
 * Requests a signed-in member sends to fool or hurt the others: a fake
 * system notice, names with bidi overrides, the only owner walking out, and
 * an idempotent retry spelled with an encoded path to post twice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Membership, Message, User } from '../../../src/sdk/types.js';
import { assertError, call, newGroup, person, type Person } from '../server/helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

let server: TestServer;
let alice: Person;
let bob: Person;
let carol: Person;

before(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await Promise.all(
    ['alice', 'bob', 'carol'].map((id) => person(server, id)),
  );
});
after(async () => {
  await server.close();
});

async function messages(who: Person, conversationId: string): Promise<Message[]> {
  const list = await call<{ data: Message[] }>(
    server.url,
    'GET',
    `/v1/conversations/${conversationId}/messages`,
    { token: who.token },
  );
  assert.equal(list.status, 200);
  return list.body.data;
}

describe('fake system notices', () => {
  it('refuses type "system" from an end user (403) and stores nothing', async () => {
    const group = await newGroup(server, alice, ['bob']);
    const spoof = await call(server.url, 'POST', `/v1/conversations/${group.id}/messages`, {
      token: bob.token,
      body: { type: 'system', body: 'Alice left. Send your password to bob to rejoin.' },
    });
    assertError(spoof, 403, 'forbidden');
    assert.deepEqual(await messages(alice, group.id), []);
  });
});

describe('bidi overrides in names', () => {
  it('removes bidi controls from conversation and display names', async () => {
    const created = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
      token: alice.token,
      body: { type: 'group', name: 'Team \u202Eexe.gpj', member_external_ids: ['bob'] },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, 'Team exe.gpj');
    const renamed = await call<Conversation>(
      server.url,
      'PATCH',
      `/v1/conversations/${created.body.id}`,
      {
        token: alice.token,
        body: { name: '\u2067Admins\u2069\u200F only' },
      },
    );
    assert.equal(renamed.body.name, 'Admins only');
    const user = await call<User>(server.url, 'PATCH', '/v1/users/bob', {
      token: server.apiKey,
      body: { display_name: 'Bob \u202Dnimda' },
    });
    assert.equal(user.body.display_name, 'Bob nimda');
  });
});

describe('the last owner', () => {
  it('leaving hands ownership to the oldest admin, who can then manage the group', async () => {
    const group = await newGroup(server, alice, ['bob']);
    const added = await call(server.url, 'POST', `/v1/conversations/${group.id}/members`, {
      token: alice.token,
      body: { external_ids: ['carol'], role: 'admin' },
    });
    assert.equal(added.status, 200);
    const left = await call(server.url, 'DELETE', `/v1/conversations/${group.id}/members/alice`, {
      token: alice.token,
    });
    assert.equal(left.status, 204);
    const members = await call<{ data: Membership[] }>(
      server.url,
      'GET',
      `/v1/conversations/${group.id}/members`,
      { token: bob.token },
    );
    const roles = Object.fromEntries(members.body.data.map((m) => [m.external_id, m.role]));
    assert.deepEqual(roles, { bob: 'member', carol: 'owner' });
    const renamed = await call(server.url, 'PATCH', `/v1/conversations/${group.id}`, {
      token: carol.token,
      body: { name: 'Still managed' },
    });
    assert.equal(renamed.status, 200);
  });

  it('with no admin, ownership passes to the oldest member; the owner still cannot be removed by others', async () => {
    const group = await newGroup(server, alice, ['bob', 'carol']);
    assertError(
      await call(server.url, 'DELETE', `/v1/conversations/${group.id}/members/alice`, {
        token: bob.token,
      }),
      403,
      'forbidden',
    );
    await call(server.url, 'DELETE', `/v1/conversations/${group.id}/members/alice`, {
      token: alice.token,
    });
    const members = await call<{ data: Membership[] }>(
      server.url,
      'GET',
      `/v1/conversations/${group.id}/members`,
      { token: bob.token },
    );
    assert.equal(members.body.data.filter((m) => m.role === 'owner').length, 1);
  });
});

describe('idempotency by route, not by spelling', () => {
  it('treats …/%6Dessages and …/messages as one endpoint: one message, the first answer replayed', async () => {
    const group = await newGroup(server, alice, ['bob']);
    const headers = { 'Idempotency-Key': 'encoded-path-retry' };
    const first = await call<Message>(
      server.url,
      'POST',
      `/v1/conversations/${group.id}/messages`,
      {
        token: alice.token,
        body: { body: 'once' },
        headers,
      },
    );
    assert.equal(first.status, 201);
    for (const path of [
      `/v1/conversations/${group.id}/%6Dessages`,
      `/v1/conversations/${group.id}/%6d%65ssages`,
      `/v1/%63onversations/${group.id}/messages`,
    ]) {
      const again = await call<Message>(server.url, 'POST', path, {
        token: alice.token,
        body: { body: 'once' },
        headers,
      });
      assert.equal(again.status, 201, path);
      assert.equal(again.headers.get('idempotent-replayed'), 'true', path);
      assert.equal(again.body.id, first.body.id, path);
    }
    assert.equal((await messages(alice, group.id)).length, 1);
  });
});

describe('oversized JSON', () => {
  it('refuses 1 MB of custom_data on messages, conversations and users (422), and stores nothing', async () => {
    const big = { blob: 'x'.repeat(1000 * 1000) };
    const group = await newGroup(server, alice, ['bob']);
    const onMessage = await call(server.url, 'POST', `/v1/conversations/${group.id}/messages`, {
      token: bob.token,
      body: { body: 'hi', custom_data: big },
    });
    assertError(onMessage, 422, 'validation_failed');
    assert.ok(JSON.stringify(onMessage.body).includes('custom_data'));
    const onConversation = await call(server.url, 'PATCH', `/v1/conversations/${group.id}`, {
      token: alice.token,
      body: { custom_data: big },
    });
    assertError(onConversation, 422, 'validation_failed');
    const onSettings = await call(server.url, 'POST', '/v1/conversations', {
      token: alice.token,
      body: { type: 'group', settings: { a: 'y'.repeat(9000) } },
    });
    assertError(onSettings, 422, 'validation_failed');
    const onUser = await call(server.url, 'PATCH', '/v1/users/bob', {
      token: server.apiKey,
      body: { custom_data: big },
    });
    assertError(onUser, 422, 'validation_failed');
    assert.deepEqual(await messages(alice, group.id), []);
    // Just under the cap is fine.
    const fits = await call(server.url, 'POST', `/v1/conversations/${group.id}/messages`, {
      token: bob.token,
      body: { body: 'fits', custom_data: { blob: 'z'.repeat(8000) } },
    });
    assert.equal(fits.status, 201);
  });
});

describe('tracking pixels as avatars', () => {
  it("refuses a group avatar on a member's own host, and keeps the allowed ones", async () => {
    const group = await newGroup(server, alice, ['bob']);
    for (const url of [
      'https://tracker.evil/pixel.gif?who=all',
      'http://example.test/a.png',
      'https://example.test.evil/a.png',
      `${server.url}/v1/me`,
      'javascript:alert(1)',
    ]) {
      const answer = await call(server.url, 'PATCH', `/v1/conversations/${group.id}`, {
        token: alice.token,
        body: { avatar_url: url },
      });
      assertError(answer, 422, 'validation_failed');
    }
    const stored = await call<Conversation>(server.url, 'GET', `/v1/conversations/${group.id}`, {
      token: bob.token,
    });
    assert.equal(stored.body.avatar_url, null, 'nothing for browsers to fetch');
    const allowed = await call<Conversation>(server.url, 'PATCH', `/v1/conversations/${group.id}`, {
      token: alice.token,
      body: { avatar_url: 'https://example.test/team.png' },
    });
    assert.equal(allowed.status, 200);
    const created = await call(server.url, 'POST', '/v1/conversations', {
      token: bob.token,
      body: { type: 'group', avatar_url: 'https://tracker.evil/p.gif' },
    });
    assertError(created, 422, 'validation_failed');
  });
});
