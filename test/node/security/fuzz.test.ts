/**
 * Property-based fuzzing of every route: arbitrary JSON and wrong types in
 * bodies, hostile path segments and query strings, odd headers (duplicated
 * or oversized `Authorization`, `Content-Type` variants, `Idempotency-Key`
 * garbage). The contract: never a 500, never a dropped connection, every
 * non-2xx is the error envelope, and memory stays flat across thousands of
 * such requests.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { connect as tcpConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ErrorEnvelope, Message } from '../../../src/sdk/types.js';
import { call, person, send, type Person } from '../server/helpers.js';
import { closeRawClient, rawRequest, type RawAnswer, type RawRequest } from './raw-http.js';
import { buildWorld, type World } from './world.js';

const naughtyStrings = createRequire(import.meta.url)('big-list-of-naughty-strings') as string[];

/** Shrinkable runs per route (about 1,000 requests in all), then a concurrent barrage for the memory check. */
const RUNS_PER_ROUTE = 40;
const BARRAGE_REQUESTS = 1500;
const BARRAGE_CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

let world: World;
/** The fuzzing user: owns its own conversation, so the world's resources stay intact for others. */
let fuzzer: Person;
let fuzzConversation: string;
let fuzzMessages: Message[];
let fuzzWebhook: string;
let fuzzDelivery: string;
const seen = { requests: 0, byStatus: new Map<number, number>() };
const internalErrors: unknown[] = [];
const originalConsoleError = console.error;

before(async () => {
  world = await buildWorld();
  fuzzer = await person(world.server, 'fuzzer');
  const created = await call<{ id: string }>(world.server.url, 'POST', '/v1/conversations', {
    token: fuzzer.token,
    body: { type: 'group', name: 'fuzz', member_external_ids: ['peer'] },
  });
  fuzzConversation = created.body.id;
  fuzzMessages = [];
  for (let i = 0; i < 5; i += 1) {
    fuzzMessages.push(await send(world.server, fuzzer, fuzzConversation, { body: `m${i}` }));
  }
  // A webhook endpoint nobody listens on, and one delivery to it.
  const endpoint = await call<{ id: string }>(world.server.url, 'POST', '/v1/webhooks', {
    token: world.server.apiKey,
    body: { url: 'http://127.0.0.1:9/hooks', event_types: ['message.created'] },
  });
  fuzzWebhook = endpoint.body.id;
  await send(world.server, fuzzer, fuzzConversation, { body: 'to the webhook' });
  const deliveries = await call<{ data: Array<{ id: string }> }>(
    world.server.url,
    'GET',
    `/v1/webhooks/${fuzzWebhook}/deliveries`,
    { token: world.server.apiKey },
  );
  fuzzDelivery = deliveries.body.data[0]?.id ?? fuzzWebhook;
  // A 500 is logged through console.error: collect it so it fails the run with its cause.
  console.error = (...args: unknown[]) => {
    internalErrors.push(args);
  };
});
after(async () => {
  console.error = originalConsoleError;
  closeRawClient();
  await world.server.close();
});

// ---------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------

const hugeString = fc.constantFrom(10_001, 65_536, 1_100_000).map((n) => 'x'.repeat(n));

const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...naughtyStrings),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u0645',
    'a\u0301'.repeat(200),
    '../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '__proto__',
    'constructor',
    '00000000-0000-0000-0000-000000000000',
  ),
  { arbitrary: hugeString, weight: 1 },
);

/** Any JSON value, wrong types included, with hostile strings inside. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }),
  nastyString,
  fc.constantFrom(
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    true,
    false,
    null,
  ),
  fc.array(nastyString, { maxLength: 12 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

/** Latin-1 only: what an HTTP header can carry at all. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

interface Ctx {
  token: string;
  apiKey: string;
}

type HeaderChoice = (ctx: Ctx) => string | string[] | undefined;

const authorization: fc.Arbitrary<HeaderChoice> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<HeaderChoice>((c) => `Bearer ${c.token}`) },
  fc.constant<HeaderChoice>(() => undefined),
  fc.constant<HeaderChoice>((c) => `bearer   ${c.token}  `),
  fc.constant<HeaderChoice>((c) => [`Bearer ${c.token}`, 'Bearer garbage']),
  fc.constant<HeaderChoice>((c) => ['Bearer garbage', `Bearer ${c.token}`]),
  fc.constant<HeaderChoice>((c) => `Bearer ${c.token} ${c.token}`),
  fc.constant<HeaderChoice>((c) => `Basic ${Buffer.from(`x:${c.token}`).toString('base64')}`),
  fc.constant<HeaderChoice>((c) => `Bearer ${c.apiKey}`),
  fc.constant<HeaderChoice>(() => `Bearer ${'A'.repeat(12_000)}`),
  fc.constant<HeaderChoice>(() => `Bearer ${'A'.repeat(40_000)}`),
  headerText.map<HeaderChoice>((text) => () => text),
  headerText.map<HeaderChoice>((text) => () => `Bearer ${text}`),
);

const contentType = fc.constantFrom<string | undefined>(
  undefined,
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/json, text/plain',
  'application/vnd.api+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  '*/*',
  '',
  'garbage',
);

const idempotencyKey = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string | string[] | undefined>(undefined) },
  headerText,
  fc.constant(''),
  fc.constant('k'.repeat(300)),
  fc.constant<string[]>(['same', 'other']),
  fc.uuid(),
);

type BodyChoice =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; bytes: Uint8Array };

function bodyFor(fields: readonly string[]): fc.Arbitrary<BodyChoice> {
  const fieldRecord =
    fields.length === 0
      ? fc.constant({})
      : fc.dictionary(fc.constantFrom(...fields), anyJson, { maxKeys: fields.length + 1 });
  return fc.oneof(
    { weight: 5, arbitrary: fieldRecord.map<BodyChoice>((value) => ({ kind: 'json', value })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fieldRecord, fc.dictionary(nastyString, anyJson, { maxKeys: 3 }))
        .map<BodyChoice>(([known, extra]) => ({ kind: 'json', value: { ...extra, ...known } })),
    },
    { weight: 2, arbitrary: anyJson.map<BodyChoice>((value) => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.constant<BodyChoice>({ kind: 'none' }) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .constantFrom(
              '{',
              '{"a":',
              '[]]',
              'null',
              '"x"',
              '{"__proto__":{"x":1}}',
              '{"constructor":{"prototype":{"x":1}}}',
            )
            .map((text) => new TextEncoder().encode(text)),
          fc.constant(new TextEncoder().encode(`${'['.repeat(5000)}${']'.repeat(5000)}`)),
        )
        .map<BodyChoice>((bytes) => ({ kind: 'raw', bytes })),
    },
  );
}

/** A path segment: usually a real id, otherwise anything, percent-encoded or deliberately broken. */
function segment(real: () => readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(0, 1, 2, 3, 4).map((i) => real()[i % real().length] ?? 'x'),
    },
    {
      weight: 3,
      arbitrary: nastyString.filter((s) => s.length < 500).map((s) => encodeURIComponent(s)),
    },
    fc.constantFrom(
      '%',
      '%%',
      '%zz',
      '%ff%fe',
      '%00',
      '..',
      '%2e%2e%2f%2e%2e',
      '..%2f..%2fetc',
      ';x=1',
      '%e2%80%ae',
    ),
  );
}

function queryFor(names: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    nastyString.filter((s) => s.length < 5000),
    fc.integer({ min: -5, max: 1000 }).map(String),
    fc.constantFrom('1e3', '0x10', '1.5', '-0', '99999999999999999999', 'NaN', ''),
  );
  const pairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names, 'x'), nastyString), value), {
    maxLength: 4,
  });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: pairs.map((list) =>
        list.length ? `?${new URLSearchParams(list).toString()}` : '',
      ),
    },
    fc.constantFrom(
      '?limit=1&limit=2',
      '?limit[]=1',
      '?__proto__[x]=1',
      '?a=%',
      '?%=%',
      '?&&&',
      '?limit=%ff',
    ),
  );
}

// ---------------------------------------------------------------------------
// The route catalog
// ---------------------------------------------------------------------------

type Auth = 'user' | 'apiKey' | 'none';

interface FuzzRoute {
  method: string;
  /** `:name` segments are filled by `segment()` with `params[name]` as the real values. */
  template: string;
  auth: Auth;
  fields?: readonly string[];
  query?: readonly string[];
}

function realParams(): Record<string, () => readonly string[]> {
  return {
    conversation: () => [fuzzConversation, world.conversation.id],
    message: () => fuzzMessages.map((m) => m.id),
    attachment: () => [world.pendingAttachment.id, world.attachment.id],
    member: () => ['peer', 'nobody', 'fuzzer'],
    emoji: () => [encodeURIComponent('👍'), encodeURIComponent('❤️'), '%F0%9F%91%8D', 'x'],
    user: () => ['fuzz-target', 'someone', 'peer'],
    webhook: () => [fuzzWebhook],
    delivery: () => [fuzzDelivery],
  };
}

const ROUTES: FuzzRoute[] = [
  { method: 'GET', template: '/v1/me', auth: 'user' },
  { method: 'GET', template: '/v1/conversations', auth: 'user', query: ['limit'] },
  {
    method: 'POST',
    template: '/v1/conversations',
    auth: 'user',
    fields: [
      'type',
      'name',
      'member_external_ids',
      'custom_data',
      'avatar_url',
      'member_limit',
      'settings',
    ],
  },
  { method: 'GET', template: '/v1/conversations/:conversation', auth: 'user' },
  {
    method: 'PATCH',
    template: '/v1/conversations/:conversation',
    auth: 'user',
    fields: ['name', 'avatar_url', 'member_limit', 'custom_data', 'settings'],
  },
  { method: 'GET', template: '/v1/conversations/:conversation/members', auth: 'user' },
  {
    method: 'POST',
    template: '/v1/conversations/:conversation/members',
    auth: 'user',
    fields: ['external_ids', 'role'],
  },
  { method: 'DELETE', template: '/v1/conversations/:conversation/members/:member', auth: 'user' },
  {
    method: 'GET',
    template: '/v1/conversations/:conversation/messages',
    auth: 'user',
    query: ['limit', 'before', 'after'],
  },
  {
    method: 'POST',
    template: '/v1/conversations/:conversation/messages',
    auth: 'user',
    fields: [
      'id',
      'body',
      'type',
      'reply_to_id',
      'quoted_message_id',
      'mentions',
      'attachment_ids',
      'custom_data',
    ],
  },
  {
    method: 'POST',
    template: '/v1/conversations/:conversation/read',
    auth: 'user',
    fields: ['message_id'],
  },
  { method: 'PATCH', template: '/v1/messages/:message', auth: 'user', fields: ['body'] },
  { method: 'DELETE', template: '/v1/messages/:message', auth: 'user' },
  {
    method: 'GET',
    template: '/v1/messages/:message/replies',
    auth: 'user',
    query: ['limit', 'after'],
  },
  { method: 'POST', template: '/v1/messages/:message/reactions', auth: 'user', fields: ['emoji'] },
  { method: 'DELETE', template: '/v1/messages/:message/reactions/:emoji', auth: 'user' },
  {
    method: 'POST',
    template: '/v1/attachments/upload-url',
    auth: 'user',
    fields: ['content_type', 'byte_size', 'original_filename'],
  },
  { method: 'GET', template: '/v1/attachments/:attachment/download-url', auth: 'user' },
  { method: 'DELETE', template: '/v1/attachments/:attachment', auth: 'user' },
  {
    method: 'GET',
    template: '/v1/downloads/:attachment',
    auth: 'none',
    query: ['expires', 'signature'],
  },
  {
    method: 'PUT',
    template: '/v1/uploads/:attachment',
    auth: 'none',
    query: ['expires', 'signature'],
  },
  {
    method: 'POST',
    template: '/v1/users',
    auth: 'apiKey',
    fields: ['external_id', 'display_name', 'custom_data'],
  },
  { method: 'POST', template: '/v1/users/:user/tokens', auth: 'apiKey', fields: ['ttl_seconds'] },
  {
    method: 'PATCH',
    template: '/v1/users/:user',
    auth: 'apiKey',
    fields: ['display_name', 'custom_data', 'is_blocked'],
  },
  {
    method: 'POST',
    template: '/v1/auth/verify',
    auth: 'none',
    fields: [
      'tenant_id',
      'external_id',
      'user_hash',
      'name',
      'email',
      'visitor_id',
      'visitor_secret',
    ],
  },
  {
    method: 'POST',
    template: '/v1/auth/visitor',
    auth: 'none',
    fields: ['tenant_id', 'visitor_id', 'visitor_secret'],
  },
  { method: 'GET', template: '/v1/identity-secrets', auth: 'apiKey' },
  { method: 'POST', template: '/v1/identity-secrets', auth: 'apiKey', fields: ['overlap_seconds'] },
  { method: 'GET', template: '/v1/tenant/settings', auth: 'apiKey' },
  {
    method: 'PATCH',
    template: '/v1/tenant/settings',
    auth: 'apiKey',
    fields: ['visitors_enabled', 'support_name', 'support_team_external_ids'],
  },
  {
    method: 'POST',
    template: '/v1/webhooks',
    auth: 'apiKey',
    fields: ['url', 'event_types', 'description', 'enabled'],
  },
  { method: 'GET', template: '/v1/webhooks', auth: 'apiKey' },
  { method: 'GET', template: '/v1/webhooks/:webhook', auth: 'apiKey' },
  {
    method: 'PATCH',
    template: '/v1/webhooks/:webhook',
    auth: 'apiKey',
    fields: ['url', 'event_types', 'description', 'enabled'],
  },
  {
    method: 'GET',
    template: '/v1/webhooks/:webhook/deliveries',
    auth: 'apiKey',
    query: ['limit'],
  },
  { method: 'GET', template: '/v1/webhooks/deliveries/:delivery', auth: 'apiKey' },
  { method: 'POST', template: '/v1/webhooks/deliveries/:delivery/replay', auth: 'apiKey' },
  { method: 'DELETE', template: '/v1/webhooks/:webhook', auth: 'apiKey' },
  { method: 'GET', template: '/health', auth: 'none' },
  { method: 'GET', template: '/docs/errors', auth: 'none' },
];

interface Sample {
  method: string;
  segments: string[];
  query: string;
  body: BodyChoice;
  authorization: HeaderChoice;
  contentType: string | undefined;
  idempotencyKey: string | string[] | undefined;
}

function sampleFor(route: FuzzRoute): fc.Arbitrary<Sample> {
  const params = realParams();
  const names = [...route.template.matchAll(/:([a-z]+)/g)].map((m) => m[1] as string);
  return fc.record({
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(route.method) },
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    ),
    segments: fc.tuple(...names.map((name) => segment(params[name] as () => readonly string[]))),
    query: route.query
      ? queryFor(route.query)
      : fc.oneof({ weight: 5, arbitrary: fc.constant('') }, queryFor(['x'])),
    body: bodyFor(route.fields ?? []),
    authorization,
    contentType,
    idempotencyKey,
  });
}

function buildRequest(route: FuzzRoute, sample: Sample): RawRequest {
  let index = 0;
  const path = route.template.replace(/:[a-z]+/g, () => sample.segments[index++] ?? 'x');
  const ctx: Ctx = {
    token: fuzzer.token,
    apiKey: route.auth === 'apiKey' ? world.server.apiKey : world.otherTenant.apiKey,
  };
  // API-key routes get the API key where end-user routes get the token.
  if (route.auth === 'apiKey') ctx.token = world.server.apiKey;
  const headers: Record<string, string | string[]> = {};
  const auth = sample.authorization(ctx);
  if (auth !== undefined) headers.Authorization = auth;
  if (sample.idempotencyKey !== undefined) headers['Idempotency-Key'] = sample.idempotencyKey;
  let body: string | Uint8Array | undefined;
  if (sample.body.kind === 'json') body = JSON.stringify(sample.body.value) ?? 'null';
  else if (sample.body.kind === 'raw') body = sample.body.bytes;
  if (sample.contentType !== undefined && body !== undefined)
    headers['Content-Type'] = sample.contentType;
  return { method: sample.method, path: `${path}${sample.query}`, headers, body };
}

/** The contract for any answer at all. */
function checkAnswer(request: RawRequest, answer: RawAnswer): void {
  seen.requests += 1;
  seen.byStatus.set(answer.status, (seen.byStatus.get(answer.status) ?? 0) + 1);
  // FUZZ_TRACE=1 prints every answer, to see what a seed exercises.
  if (process.env.FUZZ_TRACE)
    console.log(
      answer.status,
      request.method,
      request.path.slice(0, 80),
      answer.text.slice(0, 120),
    );
  const what = `${request.method} ${request.path.slice(0, 200)}`;
  assert.ok(
    answer.status < 500,
    `${what} answered ${answer.status}: ${answer.text.slice(0, 300)}; logged: ${String(internalErrors.at(-1))}`,
  );
  if (answer.status < 400) return;
  assert.match(String(answer.headers['content-type']), /application\/json/, what);
  const envelope = JSON.parse(answer.text) as ErrorEnvelope;
  assert.equal(typeof envelope.error, 'object', `${what}: ${answer.text.slice(0, 300)}`);
  assert.match(envelope.error.code, /^[a-z_]+$/, what);
  assert.equal(typeof envelope.error.message, 'string', what);
  assert.ok(envelope.error.doc_url.endsWith(`/docs/errors#${envelope.error.code}`), what);
}

async function fuzzRoute(route: FuzzRoute, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(sampleFor(route), async (sample) => {
      const request = buildRequest(route, sample);
      checkAnswer(request, await rawRequest(world.server.url, request));
    }),
    { numRuns, seed: SEED + ROUTES.indexOf(route), endOnFailure: true, includeErrorInReport: true },
  );
}

function memory(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

const MB = 1024 * 1024;

describe(`fuzzing every route (seed ${SEED}; FUZZ_SEED=${SEED} replays it)`, () => {
  let start: { heap: number; rss: number };

  it('warms up: one pass of every route answers by the contract', async () => {
    for (const route of ROUTES) await fuzzRoute(route, 3);
    start = memory();
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.template}: never a 500, always the envelope`, async () => {
      await fuzzRoute(route, RUNS_PER_ROUTE);
      assert.deepEqual(internalErrors, [], 'the server logged an internal error');
    });
  }

  it(`takes a barrage of ${BARRAGE_REQUESTS} more hostile requests, ${BARRAGE_CONCURRENCY} at a time, by the contract`, async () => {
    // Generated one at a time: held all at once, the megabyte bodies among them would fill the heap being measured.
    const arbitrary = fc
      .constantFrom(...ROUTES)
      .chain((route) => sampleFor(route).map((sample) => buildRequest(route, sample)));
    const lanes = Array.from({ length: BARRAGE_CONCURRENCY }, async (_, lane) => {
      for (let i = lane; i < BARRAGE_REQUESTS; i += BARRAGE_CONCURRENCY) {
        const [request] = fc.sample(arbitrary, { numRuns: 1, seed: SEED + 1000 + i });
        checkAnswer(
          request as RawRequest,
          await rawRequest(world.server.url, request as RawRequest),
        );
      }
    });
    await Promise.all(lanes);
    assert.deepEqual(internalErrors, [], 'the server logged an internal error');
  });

  it('keeps answering normally, with memory within bounds', async () => {
    const me = await call(world.server.url, 'GET', '/v1/me', { token: world.alice.token });
    assert.equal(me.status, 200);
    assert.ok(
      seen.requests >= ROUTES.length * RUNS_PER_ROUTE + BARRAGE_REQUESTS,
      `${seen.requests} requests made`,
    );
    const end = memory();
    const heapGrowth = (end.heap - start.heap) / MB;
    const rssGrowth = (end.rss - start.rss) / MB;
    const statuses = [...seen.byStatus.entries()].sort((a, b) => a[0] - b[0]);
    console.log(
      `# fuzz: ${seen.requests} requests, statuses ${JSON.stringify(statuses)}; ` +
        `heap ${heapGrowth.toFixed(1)} MB, rss ${rssGrowth.toFixed(1)} MB growth` +
        `${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
    );
    // Thousands of requests, some of them megabytes each. With a forced GC only live data counts;
    // without one (plain `npm test`) uncollected garbage is in the figures, so the bound is looser.
    const collected = (globalThis as { gc?: unknown }).gc !== undefined;
    // (Measured with NODE_OPTIONS=--expose-gc: about 2 MB heap and 25 MB rss growth.)
    const heapBound = collected ? 24 : 256;
    const rssBound = collected ? 96 : 320;
    assert.ok(
      heapGrowth < heapBound,
      `heap grew by ${heapGrowth.toFixed(1)} MB (bound ${heapBound})`,
    );
    assert.ok(rssGrowth < rssBound, `rss grew by ${rssGrowth.toFixed(1)} MB (bound ${rssBound})`);
    assert.deepEqual(internalErrors, []);
  });
});

/** Sends raw bytes over TCP and resolves with everything the server wrote back before closing. */
function rawTcp(baseUrl: string, bytes: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(url.port), url.hostname, () => socket.write(bytes));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
}

function envelopeOf(httpText: string): ErrorEnvelope {
  const body = httpText.slice(httpText.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body) as ErrorEnvelope;
}

describe('hostile shapes the fuzzer found, pinned', () => {
  it('names fields called like Object members (constructor, toString, hasOwnProperty) without a 500', async () => {
    for (const field of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      const answer = await call<ErrorEnvelope>(world.server.url, 'POST', '/v1/conversations', {
        token: world.alice.token,
        body: { type: 'group', [field]: 1, name: 0 },
      });
      assert.equal(answer.status, 422, `${field}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'validation_failed');
      assert.deepEqual(answer.body.error.details?.[field], ['is not a known field'], field);
      assert.ok(answer.body.error.details?.name, 'the other bad field is named too');
    }
  });

  it('refuses JSON nested thousands deep in free-form fields and bodyless routes (422), instead of overflowing the stack', async () => {
    const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    const c = world.conversation.id;
    const m = world.message.id;
    const cases: [string, string, string, string][] = [
      [
        'POST',
        `/v1/conversations/${c}/messages`,
        `{"body":"x","custom_data":{"a":${deep(5000)}}}`,
        world.alice.token,
      ],
      [
        'PATCH',
        `/v1/conversations/${c}`,
        `{"custom_data":{"a":${deep(100_000)}}}`,
        world.alice.token,
      ],
      [
        'POST',
        '/v1/conversations',
        `{"type":"group","settings":{"a":${deep(5000)}}}`,
        world.alice.token,
      ],
      [
        'POST',
        '/v1/users',
        `{"external_id":"deep","custom_data":{"a":${deep(5000)}}}`,
        world.server.apiKey,
      ],
      ['DELETE', `/v1/messages/${m}/reactions/x`, deep(5000), world.alice.token],
    ];
    for (const [method, path, body, token] of cases) {
      const answer = await rawRequest(world.server.url, {
        method,
        path,
        body,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
      });
      assert.equal(answer.status, 422, `${method} ${path}: ${answer.text.slice(0, 200)}`);
      assert.equal((JSON.parse(answer.text) as ErrorEnvelope).error.code, 'validation_failed');
    }
    // Ordinary nesting is still fine.
    const nested = await call(world.server.url, 'POST', `/v1/conversations/${c}/messages`, {
      token: world.alice.token,
      body: { body: 'nested', custom_data: { a: JSON.parse(deep(20)) as unknown } },
    });
    assert.equal(nested.status, 201);
    assert.deepEqual(internalErrors, []);
  });

  it('answers a path with broken percent-encoding in the envelope (422)', async () => {
    for (const path of ['/v1/conversations/%', '/v1/messages/%zz/replies', '/v1/nope/%E0%A4%A']) {
      const answer = await rawRequest(world.server.url, {
        method: 'GET',
        path,
        headers: { Authorization: `Bearer ${world.alice.token}` },
      });
      assert.equal(answer.status, 422, path);
      const envelope = JSON.parse(answer.text) as ErrorEnvelope;
      assert.equal(envelope.error.code, 'validation_failed');
      assert.deepEqual(envelope.error.details, { path: ['is not a valid URL'] });
    }
  });

  it('answers oversized headers (431) and a malformed request (400) in the envelope', async () => {
    const big = await rawRequest(world.server.url, {
      method: 'GET',
      path: '/v1/me',
      headers: { Authorization: `Bearer ${'A'.repeat(40_000)}` },
    });
    assert.equal(big.status, 431);
    assert.equal((JSON.parse(big.text) as ErrorEnvelope).error.code, 'payload_too_large');
    const garbage = await rawTcp(world.server.url, 'GARBAGE / HTTP/9.9\r\n\u0000\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assert.equal(envelopeOf(garbage).error.code, 'validation_failed');
    const me = await call(world.server.url, 'GET', '/v1/me', { token: world.alice.token });
    assert.equal(me.status, 200, 'and the server carries on');
  });
});
