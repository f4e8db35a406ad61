import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import {
  ApiError,
  AuthError,
  NetworkError,
  Poolse,
  PoolseError,
  RateLimitedError,
  type PoolseConfig,
} from '../../../src/sdk/index.js';
import { envelope, json, jwt, scriptedFetch, settle, type Reply } from './helpers.js';

const TOKEN = jwt(Math.floor(Date.now() / 1000) + 3600, 'first');
const FRESH_TOKEN = jwt(Math.floor(Date.now() / 1000) + 3600, 'second');

function client(replies: Reply[], config: Partial<PoolseConfig> = {}) {
  const { fetch, calls } = scriptedFetch(replies);
  const chat = new Poolse({ apiUrl: 'http://api.test', getToken: () => TOKEN, fetch, ...config });
  return { chat, calls };
}

/** Captures the settled outcome of a promise without an unhandled rejection. */
function outcome<T>(promise: Promise<T>): { done: boolean; value?: T; error?: unknown } {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

describe('REST client: headers and bodies', () => {
  it('sends the bearer token, Accept, and a JSON body with its Content-Type', async () => {
    const { chat, calls } = client([json(201, { id: 'c1' })]);
    const conv = await chat.conversations.create({ type: 'group', name: 'Team' });
    assert.deepEqual(conv, { id: 'c1' });
    const call = calls[0]!;
    assert.equal(call.method, 'POST');
    assert.equal(call.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(call.headers.accept, 'application/json');
    assert.equal(call.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(call.body!), { type: 'group', name: 'Team' });
  });

  it('omits Authorization when getToken answers null', async () => {
    const { chat, calls } = client([json(200, {})], { getToken: () => null });
    await chat.me.show();
    assert.equal(calls[0]!.headers.authorization, undefined);
  });

  it('puts an Idempotency-Key on every non-GET and none on GET', async () => {
    let n = 0;
    const { chat, calls } = client(
      [
        json(200, {}),
        json(200, {}),
        json(200, {}),
        new Response(null, { status: 204 }),
        json(200, {}),
        json(200, {}),
      ],
      { generateIdempotencyKey: () => `key-${++n}` },
    );
    await chat.rest.request({ method: 'GET', path: '/v1/me' });
    await chat.rest.request({ method: 'POST', path: '/v1/x', body: {} });
    await chat.rest.request({ method: 'PATCH', path: '/v1/x', body: {} });
    await chat.rest.request({ method: 'DELETE', path: '/v1/x' });
    await chat.rest.request({ method: 'PUT', path: '/v1/x', body: {} });
    await chat.rest.request({ method: 'POST', path: '/v1/x', body: {} });
    assert.deepEqual(
      calls.map((c) => c.headers['idempotency-key']),
      [undefined, 'key-1', 'key-2', 'key-3', 'key-4', 'key-5'],
    );
  });

  it('uses a caller-supplied idempotencyKey, and omits the header for null', async () => {
    const { chat, calls } = client([json(200, {}), json(200, {})]);
    await chat.rest.request({
      method: 'POST',
      path: '/v1/something',
      body: { foo: 'bar' },
      idempotencyKey: 'my-custom-key',
    });
    await chat.rest.request({
      method: 'POST',
      path: '/v1/something',
      body: {},
      idempotencyKey: null,
    });
    assert.equal(calls[0]!.headers['idempotency-key'], 'my-custom-key');
    assert.equal('idempotency-key' in calls[1]!.headers, false);
  });

  it('builds the query string and drops null/undefined values', async () => {
    const { chat, calls } = client([json(200, { data: [] })]);
    await chat.rest.request({
      method: 'GET',
      path: '/v1/something',
      query: { limit: 10, before: undefined, after: null, q: 'a b', flag: true },
    });
    assert.equal(calls[0]!.url, 'http://api.test/v1/something?limit=10&q=a+b&flag=true');
  });

  it('answers undefined for 204 and for an empty 200', async () => {
    const { chat } = client([
      new Response(null, { status: 204 }),
      new Response('', { status: 200 }),
    ]);
    assert.equal(await chat.rest.request({ method: 'DELETE', path: '/v1/messages/m1' }), undefined);
    assert.equal(await chat.rest.request({ method: 'POST', path: '/v1/x' }), undefined);
  });
});

describe('REST client: retries', () => {
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    mock.method(Math, 'random', () => 0.5);
  });
  afterEach(() => {
    mock.timers.reset();
    mock.restoreAll();
  });

  it('retries 5xx with exponential full-jitter backoff and keeps the idempotency key', async () => {
    const { chat, calls } = client([
      envelope(500, 'internal'),
      envelope(502, 'internal'),
      envelope(503, 'internal'),
      json(201, { ok: true }),
    ]);
    const result = outcome(chat.rest.request({ method: 'POST', path: '/v1/x', body: {} }));
    await settle();
    assert.equal(calls.length, 1);
    // random() = 0.5: delays are 125, 250, 500 ms.
    mock.timers.tick(124);
    await settle();
    assert.equal(calls.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.equal(calls.length, 2);
    mock.timers.tick(249);
    await settle();
    assert.equal(calls.length, 2);
    mock.timers.tick(1);
    await settle();
    assert.equal(calls.length, 3);
    mock.timers.tick(500);
    await settle();
    assert.equal(calls.length, 4);
    assert.deepEqual(result.value, { ok: true });
    const keys = new Set(calls.map((c) => c.headers['idempotency-key']));
    assert.equal(keys.size, 1);
    assert.ok([...keys][0]);
  });

  it('gives up after maxRetries (4 attempts by default) with an ApiError from the envelope', async () => {
    const { chat, calls } = client(Array.from({ length: 4 }, () => envelope(500, 'internal')));
    const result = outcome(chat.me.show());
    for (let i = 0; i < 4; i += 1) {
      await settle();
      mock.timers.tick(30_000);
    }
    await settle();
    assert.equal(calls.length, 4);
    assert.ok(result.error instanceof ApiError);
    assert.equal(result.error.status, 500);
    assert.equal(result.error.code, 'internal');
    assert.equal(result.error.docUrl, 'http://api.test/docs/errors#internal');
  });

  it('honours maxRetries: 0 (no retry) and a per-request maxRetries', async () => {
    const { chat, calls } = client(
      [envelope(503, 'internal'), envelope(503, 'internal'), envelope(503, 'internal')],
      { maxRetries: 0 },
    );
    await assert.rejects(chat.me.show(), ApiError);
    assert.equal(calls.length, 1);
    const result = outcome(chat.rest.request({ method: 'GET', path: '/v1/me', maxRetries: 1 }));
    await settle();
    mock.timers.tick(30_000);
    await settle();
    assert.equal(calls.length, 3);
    assert.ok(result.error instanceof ApiError);
  });

  it('retries network errors, then throws NetworkError with the original cause', async () => {
    const failure = new TypeError('fetch failed');
    const { chat, calls } = client([failure, failure, failure, failure], { maxRetries: 3 });
    const result = outcome(chat.me.show());
    for (let i = 0; i < 4; i += 1) {
      await settle();
      mock.timers.tick(30_000);
    }
    await settle();
    assert.equal(calls.length, 4);
    assert.ok(result.error instanceof NetworkError);
    assert.ok(result.error instanceof PoolseError);
    assert.equal(result.error.cause, failure);
  });

  it('recovers when a network error is followed by success', async () => {
    const { chat, calls } = client([new TypeError('fetch failed'), json(200, { id: 'me' })]);
    const result = outcome(chat.me.show());
    await settle();
    mock.timers.tick(125);
    await settle();
    assert.equal(calls.length, 2);
    assert.deepEqual(result.value, { id: 'me' });
  });

  it('waits for Retry-After on 429 when it is longer than the backoff', async () => {
    const { chat, calls } = client([
      envelope(429, 'rate_limited', { headers: { 'Retry-After': '2' } }),
      json(200, { id: 'me' }),
    ]);
    const result = outcome(chat.me.show());
    await settle();
    mock.timers.tick(1999);
    await settle();
    assert.equal(calls.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.equal(calls.length, 2);
    assert.deepEqual(result.value, { id: 'me' });
  });

  it('caps a Retry-After by maxBackoffMs', async () => {
    const { chat, calls } = client(
      [envelope(429, 'rate_limited', { headers: { 'Retry-After': '120' } }), json(200, {})],
      { maxBackoffMs: 1000 },
    );
    const result = outcome(chat.me.show());
    await settle();
    mock.timers.tick(1000);
    await settle();
    assert.equal(calls.length, 2);
    assert.equal(result.done, true);
  });

  it('throws RateLimitedError with retryAfterMs when 429 outlasts the budget', async () => {
    const { chat, calls } = client(
      Array.from({ length: 2 }, () =>
        envelope(429, 'rate_limited', { headers: { 'Retry-After': '3' } }),
      ),
      { maxRetries: 1 },
    );
    const result = outcome(chat.me.show());
    await settle();
    mock.timers.tick(3000);
    await settle();
    assert.equal(calls.length, 2);
    assert.ok(result.error instanceof RateLimitedError);
    assert.ok(result.error instanceof ApiError);
    assert.equal(result.error.status, 429);
    assert.equal(result.error.code, 'rate_limited');
    assert.equal(result.error.retryAfterMs, 3000);
  });

  it('gives retryAfterMs 0 when a 429 has no Retry-After', async () => {
    const { chat } = client([envelope(429, 'rate_limited')], { maxRetries: 0 });
    const error = await chat.me.show().catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 0);
  });

  it('does not retry other 4xx answers', async () => {
    const { chat, calls } = client([
      envelope(422, 'validation_failed', { details: { body: ['is too long'] } }),
    ]);
    const error = await chat.conversations
      .one('c1')
      .messages.send({ body: 'x' })
      .catch((e: unknown) => e);
    assert.equal(calls.length, 1);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 422);
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.message, 'validation_failed happened');
    assert.deepEqual(error.details, { body: ['is too long'] });
  });
});

describe('REST client: 401 refresh', () => {
  it('invalidates the token and retries once with a fresh one', async () => {
    const tokens = [TOKEN, FRESH_TOKEN];
    let getTokenCalls = 0;
    const { chat, calls } = client([envelope(401, 'invalid_user_token'), json(200, { id: 'me' })], {
      getToken: () => tokens[getTokenCalls++] ?? null,
    });
    assert.deepEqual(await chat.me.show(), { id: 'me' });
    assert.equal(getTokenCalls, 2);
    assert.equal(calls[0]!.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(calls[1]!.headers.authorization, `Bearer ${FRESH_TOKEN}`);
  });

  it('throws AuthError when the retry is rejected too', async () => {
    const { chat, calls } = client([
      envelope(401, 'invalid_user_token'),
      envelope(401, 'invalid_user_token'),
    ]);
    const error = await chat.me.show().catch((e: unknown) => e);
    assert.equal(calls.length, 2);
    assert.ok(error instanceof AuthError);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_user_token');
    assert.equal(error.docUrl, 'http://api.test/docs/errors#invalid_user_token');
  });

  it('shares one refresh among concurrent requests that hit 401 with the same token', async () => {
    let getTokenCalls = 0;
    const replies: Reply[] = [
      ...Array.from({ length: 3 }, () => envelope(401, 'invalid_user_token')),
      ...Array.from({ length: 3 }, () => json(200, {})),
    ];
    const { chat } = client(replies, {
      getToken: () => (getTokenCalls++ === 0 ? TOKEN : FRESH_TOKEN),
    });
    await Promise.all([chat.me.show(), chat.me.show(), chat.me.show()]);
    assert.equal(getTokenCalls, 2);
  });
});

describe('REST client: abort', () => {
  it('rejects with AbortError without calling fetch when already aborted', async () => {
    const { chat, calls } = client([json(200, {})]);
    const controller = new AbortController();
    controller.abort();
    const error = await chat.me.show(controller.signal).catch((e: unknown) => e);
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    assert.equal(calls.length, 0);
  });

  it('propagates an abort from fetch unwrapped and never retries it', async () => {
    const controller = new AbortController();
    const { chat, calls } = client([
      () => {
        controller.abort();
        throw controller.signal.reason;
      },
      json(200, {}),
    ]);
    const error = await chat.messages
      .one('m1')
      .replies({ limit: 100 }, controller.signal)
      .catch((e: unknown) => e);
    assert.equal(error, controller.signal.reason);
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    assert.equal(calls.length, 1);
  });

  it('accepts { signal } as well as a bare signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const { chat } = client([]);
    await assert.rejects(chat.conversations.list({ signal: controller.signal }), {
      name: 'AbortError',
    });
    await assert.rejects(chat.attachments.one('a1').downloadUrl({ signal: controller.signal }), {
      name: 'AbortError',
    });
  });

  describe('during backoff', () => {
    beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
    afterEach(() => mock.timers.reset());

    it('stops waiting and rejects with AbortError, with no further attempt', async () => {
      const { chat, calls } = client([envelope(503, 'internal'), json(200, {})]);
      const controller = new AbortController();
      const result = outcome(chat.me.show(controller.signal));
      await settle();
      assert.equal(calls.length, 1);
      controller.abort();
      await settle();
      assert.ok(result.error instanceof DOMException);
      assert.equal(result.error.name, 'AbortError');
      mock.timers.tick(60_000);
      await settle();
      assert.equal(calls.length, 1);
    });
  });
});

describe('errors', () => {
  const cases: Array<[number, string]> = [
    [400, 'invalid_json'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [410, 'message_deleted'],
    [413, 'attachment_too_large'],
    [415, 'unsupported_media_type'],
    [422, 'idempotency_key_reused'],
  ];
  for (const [status, code] of cases) {
    it(`${status} ${code} becomes an ApiError with the envelope's fields`, async () => {
      const { chat } = client([envelope(status, code, { details: { field: 'x' } })]);
      const error = await chat.messages
        .one('m1')
        .update({ body: 'edit' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof ApiError);
      assert.ok(!(error instanceof AuthError) && !(error instanceof RateLimitedError));
      assert.equal(error.name, 'ApiError');
      assert.equal(error.status, status);
      assert.equal(error.code, code);
      assert.equal(error.docUrl, `http://api.test/docs/errors#${code}`);
      assert.deepEqual(error.details, { field: 'x' });
    });
  }

  it('makes an ApiError from a status when the body is not an envelope', async () => {
    const { chat } = client([new Response('<html>Bad gateway</html>', { status: 502 })], {
      maxRetries: 0,
    });
    const error = await chat.me.show().catch((e: unknown) => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 502);
    assert.equal(error.code, 'internal');
    assert.equal(error.details, undefined);
  });

  it('names each class', () => {
    const body = { code: 'x', message: 'm', doc_url: '' };
    assert.equal(new PoolseError('m').name, 'PoolseError');
    assert.equal(new NetworkError('m', null).name, 'NetworkError');
    assert.equal(new ApiError(400, body).name, 'ApiError');
    assert.equal(new AuthError(body).name, 'AuthError');
    assert.equal(new RateLimitedError(body, 5).name, 'RateLimitedError');
  });
});
