/**
 * Idempotency: replays of an `Idempotency-Key`, a reused key with another
 * body, resent message ids, and gap-free sequences under concurrent sends.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message } from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, type Person } from './helpers.js';

let server: TestServer;
let alice: Person;
let bob: Person;

before(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([person(server, 'alice'), person(server, 'bob')]);
});
after(async () => {
  await server.close();
});

async function feed(conversationId: string, token: string): Promise<Message[]> {
  const page = await call<{ data: Message[] }>(
    server.url,
    'GET',
    `/v1/conversations/${conversationId}/messages?limit=200`,
    { token },
  );
  return page.body.data;
}

describe('Idempotency-Key', () => {
  it('replays the same status and body, and creates nothing twice', async () => {
    const key = randomUUID();
    const body = { type: 'group', name: 'Once', member_external_ids: ['bob'] };
    const first = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
      token: alice.token,
      body,
      headers: { 'Idempotency-Key': key },
    });
    const second = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
      token: alice.token,
      body,
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    const list = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: alice.token,
    });
    assert.equal(list.body.data.filter((c) => c.name === 'Once').length, 1);
  });

  it('refuses the same key with another body: 422 idempotency_key_reused', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const key = randomUUID();
    const path = `/v1/conversations/${c.id}/messages`;
    const first = await call(server.url, 'POST', path, {
      token: alice.token,
      body: { body: 'one' },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(first.status, 201);
    assertError(
      await call(server.url, 'POST', path, {
        token: alice.token,
        body: { body: 'two' },
        headers: { 'Idempotency-Key': key },
      }),
      422,
      'idempotency_key_reused',
    );
    assert.deepEqual(
      (await feed(c.id, alice.token)).map((m) => m.body),
      ['one'],
    );
  });

  it('never caches an error: the same key works once the request is fixed', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const key = randomUUID();
    const path = `/v1/conversations/${c.id}/messages`;
    assertError(
      await call(server.url, 'POST', path, {
        token: alice.token,
        body: { body: '' },
        headers: { 'Idempotency-Key': key },
      }),
      422,
      'validation_failed',
    );
    const fixed = await call<Message>(server.url, 'POST', path, {
      token: alice.token,
      body: { body: 'fixed' },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(fixed.status, 201);
    assert.equal(fixed.body.body, 'fixed');
  });

  it('scopes keys by path and replays 204 answers', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const key = randomUUID();
    const a = await call<Message>(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
      token: alice.token,
      body: { body: 'a' },
      headers: { 'Idempotency-Key': key },
    });
    const d = await newGroup(server, alice, ['bob']);
    const b = await call<Message>(server.url, 'POST', `/v1/conversations/${d.id}/messages`, {
      token: alice.token,
      body: { body: 'a' },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(b.status, 201);
    assert.notEqual(b.body.id, a.body.id);

    const readKey = randomUUID();
    const read = () =>
      call(server.url, 'POST', `/v1/conversations/${c.id}/read`, {
        token: bob.token,
        body: { message_id: a.body.id },
        headers: { 'Idempotency-Key': readKey },
      });
    assert.equal((await read()).status, 204);
    const again = await read();
    assert.equal(again.status, 204);
    assert.equal(again.body, '');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });
});

describe('message ids', () => {
  it('returns the original (200) when the same sender resends an id, never a duplicate', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const id = randomUUID();
    const path = `/v1/conversations/${c.id}/messages`;
    const first = await call<Message>(server.url, 'POST', path, {
      token: alice.token,
      body: { id, body: 'hi' },
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.id, id);
    const resent = await call<Message>(server.url, 'POST', path, {
      token: alice.token,
      body: { id, body: 'hi' },
    });
    assert.equal(resent.status, 200);
    assert.deepEqual(resent.body, first.body);
    assert.equal((await feed(c.id, alice.token)).length, 1);
  });

  it('refuses another sender reusing an id: 409 conflict', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const id = randomUUID();
    const path = `/v1/conversations/${c.id}/messages`;
    assert.equal(
      (await call(server.url, 'POST', path, { token: alice.token, body: { id, body: 'mine' } }))
        .status,
      201,
    );
    assertError(
      await call(server.url, 'POST', path, { token: bob.token, body: { id, body: 'mine too' } }),
      409,
      'conflict',
    );
    assert.deepEqual(
      (await feed(c.id, bob.token)).map((m) => m.body),
      ['mine'],
    );
  });

  it('dedups concurrent resends of one id', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const id = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call<Message>(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
          token: alice.token,
          body: { id, body: 'once' },
        }),
      ),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 201]);
    assert.ok(answers.every((a) => a.body.id === id && a.body.sequence === 1));
    assert.equal((await feed(c.id, alice.token)).length, 1);
  });
});

describe('sequences', () => {
  it('gives 20 concurrent sends unique, gap-free sequences', async () => {
    const c = await newGroup(server, alice, ['bob']);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const who = i % 2 === 0 ? alice : bob;
        return call<Message>(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
          token: who.token,
          body: { body: `m${i}` },
        });
      }),
    );
    assert.ok(answers.every((a) => a.status === 201));
    const sequences = answers.map((a) => a.body.sequence).sort((x, y) => x - y);
    assert.deepEqual(
      sequences,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const conversation = await call<Conversation>(server.url, 'GET', `/v1/conversations/${c.id}`, {
      token: alice.token,
    });
    assert.equal(conversation.body.last_sequence, 20);
    const stored = (await feed(c.id, alice.token)).map((m) => m.sequence);
    assert.deepEqual(
      stored,
      Array.from({ length: 20 }, (_, i) => 20 - i),
    );
  });
});
