/**
 * Bad input of every kind: each case answers the error envelope with a 4xx
 * (never a 500), and the server keeps answering afterwards.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { ErrorEnvelope, Message } from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { call, newGroup, person, send, type CallOptions, type Person } from './helpers.js';

const naughtyStrings = createRequire(import.meta.url)('big-list-of-naughty-strings') as string[];

let server: TestServer;
let alice: Person;
let conversationId: string;
let message: Message;

before(async () => {
  server = await startTestServer();
  alice = await person(server, 'alice');
  conversationId = (await newGroup(server, alice, ['bob'])).id;
  message = await send(server, alice, conversationId, { body: 'hello' });
});
after(async () => {
  await server.close();
});

interface BadCase {
  name: string;
  method: string;
  path: () => string;
  options?: (token: string) => CallOptions;
  /** Expected status and code, when the case pins them down. */
  expect?: [number, string];
  /** Field that `details` must name. */
  field?: string;
}

const json =
  (body: unknown) =>
  (token: string): CallOptions => ({ token, body });
const raw =
  (rawBody: string | Uint8Array, contentType = 'application/json') =>
  (token: string): CallOptions => ({
    token,
    rawBody,
    headers: { 'Content-Type': contentType },
  });
const conv = () => '/v1/conversations';
const msgs = () => `/v1/conversations/${conversationId}/messages`;
const reactions = () => `/v1/messages/${message.id}/reactions`;
const uploadUrl = () => '/v1/attachments/upload-url';

const CASES: BadCase[] = [
  // malformed JSON
  {
    name: 'truncated JSON',
    method: 'POST',
    path: conv,
    options: raw('{"type": "group",'),
    expect: [400, 'invalid_json'],
  },
  {
    name: 'not JSON at all',
    method: 'POST',
    path: msgs,
    options: raw('body=hello'),
    expect: [400, 'invalid_json'],
  },
  {
    name: 'prototype pollution key',
    method: 'POST',
    path: conv,
    options: raw('{"type":"group","__proto__":{"admin":true}}'),
    expect: [400, 'invalid_json'],
  },
  {
    name: 'deeply nested JSON',
    method: 'POST',
    path: msgs,
    options: raw(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    expect: [422, 'validation_failed'],
  },
  {
    name: 'JSON array body',
    method: 'POST',
    path: conv,
    options: json([1, 2]),
    expect: [422, 'validation_failed'],
  },
  {
    name: 'JSON string body',
    method: 'POST',
    path: msgs,
    options: json('hello'),
    expect: [422, 'validation_failed'],
  },
  {
    name: 'text/plain body',
    method: 'POST',
    path: msgs,
    options: raw('hello', 'text/plain'),
    expect: [415, 'unsupported_media_type'],
  },
  // wrong types
  {
    name: 'type is a number',
    method: 'POST',
    path: conv,
    options: json({ type: 5 }),
    expect: [422, 'validation_failed'],
    field: 'type',
  },
  {
    name: 'type not in enum',
    method: 'POST',
    path: conv,
    options: json({ type: 'channel' }),
    expect: [422, 'validation_failed'],
    field: 'type',
  },
  {
    name: 'name is a number',
    method: 'POST',
    path: conv,
    options: json({ type: 'group', name: 123 }),
    expect: [422, 'validation_failed'],
    field: 'name',
  },
  {
    name: 'member ids not an array',
    method: 'POST',
    path: conv,
    options: json({ type: 'group', member_external_ids: 'bob' }),
    expect: [422, 'validation_failed'],
    field: 'member_external_ids',
  },
  {
    name: 'custom_data is an array',
    method: 'POST',
    path: conv,
    options: json({ type: 'group', custom_data: [] }),
    expect: [422, 'validation_failed'],
    field: 'custom_data',
  },
  {
    name: 'body is a number',
    method: 'POST',
    path: msgs,
    options: json({ body: 42 }),
    expect: [422, 'validation_failed'],
    field: 'body',
  },
  {
    name: 'body is an object',
    method: 'POST',
    path: msgs,
    options: json({ body: { text: 'x' } }),
    expect: [422, 'validation_failed'],
    field: 'body',
  },
  {
    name: 'mentions not uuids',
    method: 'POST',
    path: msgs,
    options: json({ body: 'x', mentions: ['bob'] }),
    expect: [422, 'validation_failed'],
    field: 'mentions.0',
  },
  {
    name: 'message id not a uuid',
    method: 'POST',
    path: msgs,
    options: json({ id: 'abc', body: 'x' }),
    expect: [422, 'validation_failed'],
    field: 'id',
  },
  {
    name: 'too many attachments',
    method: 'POST',
    path: msgs,
    options: json({
      body: 'x',
      attachment_ids: Array.from({ length: 11 }, () => crypto.randomUUID()),
    }),
    expect: [422, 'validation_failed'],
    field: 'attachment_ids',
  },
  {
    name: 'unknown attachment',
    method: 'POST',
    path: msgs,
    options: json({ attachment_ids: [crypto.randomUUID()] }),
    expect: [422, 'validation_failed'],
    field: 'attachment_ids',
  },
  {
    name: 'message type not in enum',
    method: 'POST',
    path: msgs,
    options: json({ body: 'x', type: 'html' }),
    expect: [422, 'validation_failed'],
    field: 'type',
  },
  {
    name: 'byte_size is a string',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'image/png', byte_size: '10' }),
    expect: [422, 'validation_failed'],
    field: 'byte_size',
  },
  {
    name: 'byte_size negative',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'image/png', byte_size: -1 }),
    expect: [422, 'validation_failed'],
    field: 'byte_size',
  },
  {
    name: 'byte_size huge',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'image/png', byte_size: 1e300 }),
    expect: [422, 'validation_failed'],
    field: 'byte_size',
  },
  {
    name: 'ttl_seconds negative',
    method: 'POST',
    path: () => '/v1/users/zed/tokens',
    options: () => ({ token: server.apiKey, body: { ttl_seconds: -5 } }),
    expect: [422, 'validation_failed'],
    field: 'ttl_seconds',
  },
  {
    name: 'is_blocked a string',
    method: 'PATCH',
    path: () => '/v1/users/alice',
    options: () => ({ token: server.apiKey, body: { is_blocked: 'yes' } }),
    expect: [422, 'validation_failed'],
    field: 'is_blocked',
  },
  // missing fields
  {
    name: 'conversation without type',
    method: 'POST',
    path: conv,
    options: json({}),
    expect: [422, 'validation_failed'],
    field: 'type',
  },
  {
    name: 'conversation with no body at all',
    method: 'POST',
    path: conv,
    options: (token) => ({ token }),
    expect: [422, 'validation_failed'],
    field: 'type',
  },
  {
    name: 'read without message_id',
    method: 'POST',
    path: () => `/v1/conversations/${conversationId}/read`,
    options: json({}),
    expect: [422, 'validation_failed'],
    field: 'message_id',
  },
  {
    name: 'reaction without emoji',
    method: 'POST',
    path: reactions,
    options: json({}),
    expect: [422, 'validation_failed'],
    field: 'emoji',
  },
  {
    name: 'edit without body',
    method: 'PATCH',
    path: () => `/v1/messages/${message.id}`,
    options: json({}),
    expect: [422, 'validation_failed'],
    field: 'body',
  },
  {
    name: 'user without external_id',
    method: 'POST',
    path: () => '/v1/users',
    options: () => ({ token: server.apiKey, body: { display_name: 'x' } }),
    expect: [422, 'validation_failed'],
    field: 'external_id',
  },
  {
    name: 'members without external_ids',
    method: 'POST',
    path: () => `/v1/conversations/${conversationId}/members`,
    options: json({}),
    expect: [422, 'validation_failed'],
    field: 'external_ids',
  },
  {
    name: 'upload without byte_size',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'image/png' }),
    expect: [422, 'validation_failed'],
    field: 'byte_size',
  },
  // unknown fields
  {
    name: 'unknown conversation field',
    method: 'POST',
    path: conv,
    options: json({ type: 'group', owner_id: 'me' }),
    expect: [422, 'validation_failed'],
    field: 'owner_id',
  },
  {
    name: 'unknown message field',
    method: 'POST',
    path: msgs,
    options: json({ body: 'x', sequence: 1 }),
    expect: [422, 'validation_failed'],
    field: 'sequence',
  },
  {
    name: 'unknown patch field',
    method: 'PATCH',
    path: () => `/v1/conversations/${conversationId}`,
    options: json({ type: 'direct' }),
    expect: [422, 'validation_failed'],
    field: 'type',
  },
  {
    name: 'unknown user field',
    method: 'POST',
    path: () => '/v1/users',
    options: () => ({ token: server.apiKey, body: { external_id: 'x', is_admin: true } }),
    expect: [422, 'validation_failed'],
    field: 'is_admin',
  },
  // over-long strings
  {
    name: 'body over 10,000 characters',
    method: 'POST',
    path: msgs,
    options: json({ body: 'x'.repeat(10_001) }),
    expect: [422, 'validation_failed'],
    field: 'body',
  },
  {
    name: 'edit over 10,000 characters',
    method: 'PATCH',
    path: () => `/v1/messages/${message.id}`,
    options: json({ body: 'x'.repeat(10_001) }),
    expect: [422, 'validation_failed'],
    field: 'body',
  },
  {
    name: 'name over 200 characters',
    method: 'POST',
    path: conv,
    options: json({ type: 'group', name: 'n'.repeat(201) }),
    expect: [422, 'validation_failed'],
    field: 'name',
  },
  {
    name: 'external id over 255 characters',
    method: 'POST',
    path: conv,
    options: json({ type: 'group', member_external_ids: ['e'.repeat(256)] }),
    expect: [422, 'validation_failed'],
    field: 'member_external_ids.0',
  },
  {
    name: 'filename over 255 characters',
    method: 'POST',
    path: uploadUrl,
    options: json({
      content_type: 'text/plain',
      byte_size: 1,
      original_filename: `${'f'.repeat(300)}.txt`,
    }),
    expect: [422, 'validation_failed'],
    field: 'original_filename',
  },
  // huge bodies
  {
    name: '10 MB JSON body',
    method: 'POST',
    path: msgs,
    options: json({ body: 'x'.repeat(10 * 1024 * 1024) }),
    expect: [413, 'payload_too_large'],
  },
  // invalid uuids in paths
  {
    name: 'conversation id not a uuid',
    method: 'GET',
    path: () => '/v1/conversations/not-a-uuid',
    expect: [422, 'validation_failed'],
    field: 'id',
  },
  {
    name: 'message id with traversal',
    method: 'PATCH',
    path: () => '/v1/messages/..%2F..%2Fetc%2Fpasswd',
    options: json({ body: 'x' }),
    expect: [422, 'validation_failed'],
    field: 'id',
  },
  {
    name: 'sql in the id',
    method: 'GET',
    path: () => `/v1/conversations/${encodeURIComponent("1' OR '1'='1")}/messages`,
    expect: [422, 'validation_failed'],
    field: 'id',
  },
  {
    name: 'attachment id not a uuid',
    method: 'GET',
    path: () => '/v1/attachments/123/download-url',
    expect: [422, 'validation_failed'],
    field: 'id',
  },
  {
    name: 'upload id not a uuid',
    method: 'PUT',
    path: () => '/v1/uploads/..%2Fpoolse.db?expires=1&signature=00',
    options: raw('x', 'text/plain'),
  },
  // limits
  {
    name: 'negative limit',
    method: 'GET',
    path: () => `${msgs()}?limit=-1`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  {
    name: 'zero limit',
    method: 'GET',
    path: () => `${msgs()}?limit=0`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  {
    name: 'limit over 200',
    method: 'GET',
    path: () => `${msgs()}?limit=201`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  {
    name: 'huge limit',
    method: 'GET',
    path: () => `${msgs()}?limit=99999999999999999999999`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  {
    name: 'fractional limit',
    method: 'GET',
    path: () => `${msgs()}?limit=1.5`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  {
    name: 'text limit',
    method: 'GET',
    path: () => `${msgs()}?limit=ten`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  {
    name: 'negative before',
    method: 'GET',
    path: () => `${msgs()}?before=-3`,
    expect: [422, 'validation_failed'],
    field: 'before',
  },
  {
    name: 'before and after together',
    method: 'GET',
    path: () => `${msgs()}?before=3&after=1`,
    expect: [422, 'validation_failed'],
    field: 'before',
  },
  {
    name: 'replies limit over 500',
    method: 'GET',
    path: () => `/v1/messages/${message.id}/replies?limit=501`,
    expect: [422, 'validation_failed'],
    field: 'limit',
  },
  // reaction keys that are not emoji
  ...[
    'a',
    'hello',
    ':+1:',
    '<script>alert(1)</script>',
    '👍 nice',
    ' ',
    '1',
    `${'👍'.repeat(20)}`,
  ].map((emoji): BadCase => ({
    name: `reaction ${JSON.stringify(emoji)}`,
    method: 'POST',
    path: reactions,
    options: json({ emoji }),
    expect: [422, 'validation_failed'],
    field: 'emoji',
  })),
  {
    name: 'reaction removal with text key',
    method: 'DELETE',
    path: () => `${reactions()}/abc`,
    expect: [422, 'validation_failed'],
    field: 'emoji',
  },
  // path traversal filenames and unsafe types
  ...[
    '../../etc/passwd',
    '..\\..\\windows\\win.ini',
    'a/b.png',
    '..',
    'evil\u0000.png',
    'line\nbreak.txt',
  ].map((original_filename): BadCase => ({
    name: `filename ${JSON.stringify(original_filename)}`,
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'image/png', byte_size: 10, original_filename }),
    expect: [422, 'validation_failed'],
    field: 'original_filename',
  })),
  {
    name: 'html upload',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'text/html', byte_size: 10 }),
    expect: [415, 'unsupported_media_type'],
  },
  {
    name: 'svg upload',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: 'image/svg+xml', byte_size: 10 }),
    expect: [415, 'unsupported_media_type'],
  },
  {
    name: 'not a media type',
    method: 'POST',
    path: uploadUrl,
    options: json({ content_type: '../../x', byte_size: 10 }),
    expect: [422, 'validation_failed'],
    field: 'content_type',
  },
  {
    name: 'idempotency key too long',
    method: 'POST',
    path: msgs,
    options: (token) => ({
      token,
      body: { body: 'x' },
      headers: { 'Idempotency-Key': 'k'.repeat(300) },
    }),
    expect: [422, 'validation_failed'],
  },
];

describe('bad input', () => {
  for (const badCase of CASES) {
    it(`${badCase.name}: a 4xx error envelope`, async () => {
      const answer = await call<ErrorEnvelope>(
        server.url,
        badCase.method,
        badCase.path(),
        badCase.options?.(alice.token) ?? { token: alice.token },
      );
      assert.ok(
        answer.status >= 400 && answer.status < 500,
        `status ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
      assert.equal(typeof answer.body.error?.code, 'string', 'error envelope');
      assert.match(answer.body.error.doc_url, /\/docs\/errors#/);
      if (badCase.expect) {
        assert.equal(answer.status, badCase.expect[0], JSON.stringify(answer.body).slice(0, 300));
        assert.equal(answer.body.error.code, badCase.expect[1]);
      }
      if (badCase.field) {
        assert.ok(
          Object.keys(answer.body.error.details ?? {}).includes(badCase.field),
          `details should name ${badCase.field}: ${JSON.stringify(answer.body.error.details)}`,
        );
      }
    });
  }

  it('names every bad field at once', async () => {
    const answer = await call<ErrorEnvelope>(server.url, 'POST', '/v1/conversations', {
      token: alice.token,
      body: { type: 'room', name: 7, extra: true },
    });
    assert.equal(answer.status, 422);
    assert.deepEqual(Object.keys(answer.body.error.details ?? {}).sort(), [
      'extra',
      'name',
      'type',
    ]);
  });

  it('never answers 500 to naughty strings as bodies, names, ids and emoji', async () => {
    const strings = naughtyStrings.filter((s) => s.length > 0);
    for (const text of strings) {
      const asBody = await call(server.url, 'POST', msgs(), {
        token: alice.token,
        body: { body: text },
      });
      assert.ok(
        [201, 422].includes(asBody.status),
        `body ${JSON.stringify(text)}: ${asBody.status}`,
      );
      const asEmoji = await call(server.url, 'POST', reactions(), {
        token: alice.token,
        body: { emoji: text },
      });
      assert.ok(
        [200, 422].includes(asEmoji.status),
        `emoji ${JSON.stringify(text)}: ${asEmoji.status}`,
      );
      const asPathEmoji = await call(
        server.url,
        'DELETE',
        `${reactions()}/${encodeURIComponent(text)}`,
        { token: alice.token },
      );
      assert.ok(
        asPathEmoji.status < 500,
        `path emoji ${JSON.stringify(text)}: ${asPathEmoji.status}`,
      );
    }
    for (const text of strings.slice(0, 150)) {
      const asMember = await call(server.url, 'POST', conv(), {
        token: alice.token,
        body: { type: 'group', name: text, member_external_ids: [text] },
      });
      assert.ok(
        [201, 422].includes(asMember.status),
        `external id ${JSON.stringify(text)}: ${asMember.status}`,
      );
    }
  });

  it('still answers after all of it', async () => {
    const health = await call<{ status: string }>(server.url, 'GET', '/health');
    assert.equal(health.status, 200);
    const me = await call(server.url, 'GET', '/v1/me', { token: alice.token });
    assert.equal(me.status, 200);
  });
});
