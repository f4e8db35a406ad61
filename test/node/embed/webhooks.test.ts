/**
 * Signed webhooks against a receiver on 127.0.0.1: every event exactly once,
 * in order per conversation; retries while the receiver is down; nothing lost
 * across a server restart; attempts listed and deliveries replayable; and the
 * SDK's `verifyWebhook` refusing tampered or stale deliveries.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyWebhook, WebhookVerificationError } from '../../../src/sdk/webhooks.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../../src/sdk/types.js';
import { signatureHeader } from '../../../server/webhooks/signature.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, send, type Person } from '../server/helpers.js';
import { Receiver } from './receiver.js';

const ALL_TYPES = [
  'message.created',
  'message.updated',
  'message.deleted',
  'conversation.created',
  'member.added',
  'member.removed',
];
const FAST_RETRIES = { retryBaseMs: 40, retryMaxDelayMs: 150, timeoutMs: 400 };

describe('webhooks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'poolse-webhooks-'));
  let server: TestServer;
  let apiKey: string;
  let alice: Person;
  let bob: Person;

  const start = async () => {
    server = await startTestServer({ dataDir, webhooks: FAST_RETRIES });
  };
  const register = async (url: string, eventTypes = ALL_TYPES) => {
    const created = await call<WebhookEndpoint>(server.url, 'POST', '/v1/webhooks', {
      token: apiKey,
      body: { url, event_types: eventTypes },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body;
  };
  const unregister = async (endpoint: WebhookEndpoint) => {
    const removed = await call(server.url, 'DELETE', `/v1/webhooks/${endpoint.id}`, {
      token: apiKey,
    });
    assert.equal(removed.status, 204);
  };
  const deliveries = async (endpoint: WebhookEndpoint) =>
    (
      await call<{ data: WebhookDelivery[] }>(
        server.url,
        'GET',
        `/v1/webhooks/${endpoint.id}/deliveries?limit=100`,
        { token: apiKey },
      )
    ).body.data;
  /** Events of one conversation, in the order the receiver got them. */
  const typesIn = (receiver: Receiver, conversationId: string) =>
    receiver
      .events()
      .filter((e) => conversationOf(e) === conversationId)
      .map((e) => `${e.type}:${label(e)}`);

  before(async () => {
    await start();
    apiKey = server.apiKey;
    alice = await person(server, 'alice');
    bob = await person(server, 'bob');
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('endpoints: only http(s) URLs, known event types, the secret shown to its owner only', async () => {
    for (const url of [
      'ftp://127.0.0.1/hooks',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://user:pw@127.0.0.1/hooks',
      'not a url',
    ]) {
      assertError(
        await call(server.url, 'POST', '/v1/webhooks', {
          token: apiKey,
          body: { url, event_types: ['message.created'] },
        }),
        422,
        'validation_failed',
      );
    }
    assertError(
      await call(server.url, 'POST', '/v1/webhooks', {
        token: apiKey,
        body: { url: 'https://example.com/hooks', event_types: ['message.exploded'] },
      }),
      422,
      'validation_failed',
    );
    assertError(
      await call(server.url, 'POST', '/v1/webhooks', {
        token: alice.token,
        body: { url: 'https://example.com/hooks', event_types: ['message.created'] },
      }),
      401,
      'invalid_api_key',
    );
    const endpoint = await register('https://example.com/hooks', ['message.created']);
    assert.match(endpoint.secret ?? '', /^whsec_[0-9a-f]{64}$/);
    const list = await call<{ data: WebhookEndpoint[] }>(server.url, 'GET', '/v1/webhooks', {
      token: apiKey,
    });
    assert.equal(list.body.data.length, 1);
    assert.equal(list.body.data[0]?.secret, undefined, 'the list does not repeat secrets');
    const other = server.createTenant();
    assertError(
      await call(server.url, 'GET', `/v1/webhooks/${endpoint.id}`, { token: other.apiKey }),
      404,
      'not_found',
    );
    await unregister(endpoint);
  });

  test('every event arrives exactly once, signed, in order per conversation', async () => {
    const receiver = await new Receiver().start();
    const endpoint = await register(receiver.url);
    const group = await newGroup(server, alice, ['bob'], 'Launch');
    const direct = (
      await call<{ id: string }>(server.url, 'POST', '/v1/conversations', {
        token: bob.token,
        body: { type: 'direct', member_external_ids: ['alice'] },
      })
    ).body;
    const sent = [];
    for (let i = 1; i <= 5; i++) {
      sent.push(await send(server, alice, group.id, { body: `g${i}` }));
      await send(server, bob, direct.id, { body: `d${i}` });
    }
    await call(server.url, 'PATCH', `/v1/messages/${sent[1]?.id}`, {
      token: alice.token,
      body: { body: 'g2 edited' },
    });
    await call(server.url, 'DELETE', `/v1/messages/${sent[2]?.id}`, { token: alice.token });
    await call(server.url, 'POST', `/v1/conversations/${group.id}/members`, {
      token: alice.token,
      body: { external_ids: ['carol'] },
    });
    await call(server.url, 'DELETE', `/v1/conversations/${group.id}/members/carol`, {
      token: alice.token,
    });

    const expectedGroup = [
      'conversation.created:Launch',
      'message.created:g1',
      'message.created:g2',
      'message.created:g3',
      'message.created:g4',
      'message.created:g5',
      'message.updated:g2 edited',
      'message.deleted:-',
      'member.added:carol',
      'member.removed:carol',
    ];
    const expectedDirect = ['conversation.created:-', 'd1', 'd2', 'd3', 'd4', 'd5'].map((x) =>
      x.startsWith('d') ? `message.created:${x}` : x,
    );
    const total = expectedGroup.length + expectedDirect.length;
    await receiver.waitFor(total);
    // Once every delivery is final nothing more can come: exactly once.
    await waitUntil(async () =>
      (await deliveries(endpoint)).every((d) => d.status === 'delivered'),
    );
    const all = await deliveries(endpoint);
    assert.equal(all.length, total);
    assert.ok(all.every((d) => d.attempt_count === 1));
    assert.equal(receiver.received.length, total);
    const ids = receiver.events().map((e) => e.id);
    assert.equal(new Set(ids).size, total, 'each event once');
    assert.deepEqual(typesIn(receiver, group.id), expectedGroup);
    assert.deepEqual(typesIn(receiver, direct.id), expectedDirect);

    for (const received of receiver.received) {
      const event = await verifyWebhook(
        received.body,
        received.headers['poolse-signature'],
        endpoint.secret ?? '',
      );
      assert.equal(received.headers['poolse-event-id'], event.id);
      assert.equal(received.headers['poolse-event-type'], event.type);
      assert.equal(event.tenant_id, server.tenantId);
    }
    await unregister(endpoint);
    await receiver.stop();
  });

  test('a receiver that is down gets the deliveries, in order, once it is back', async () => {
    const receiver = await new Receiver().start();
    const endpoint = await register(receiver.url, ['message.created']);
    const group = await newGroup(server, alice, ['bob'], 'Outage');
    await receiver.stop();
    for (const body of ['o1', 'o2', 'o3']) await send(server, alice, group.id, { body });
    const headOf = async () => (await deliveries(endpoint)).find((d) => label(d.payload) === 'o1');
    await waitUntil(async () => ((await headOf())?.attempts.length ?? 0) >= 3);
    const list = await deliveries(endpoint);
    assert.ok(
      list.every((d) => d.status === 'pending'),
      'none given up',
    );
    assert.ok(
      list.filter((d) => label(d.payload) !== 'o1').every((d) => d.attempt_count === 0),
      'later events of the conversation wait for the first',
    );
    const head = list.find((d) => label(d.payload) === 'o1');
    assert.equal(head?.attempts[0]?.status_code, null);
    assert.ok(head?.attempts[0]?.error, 'the refused connection is recorded');

    await receiver.start(); // same port
    await receiver.waitFor(3);
    assert.deepEqual(typesIn(receiver, group.id), [
      'message.created:o1',
      'message.created:o2',
      'message.created:o3',
    ]);
    await unregister(endpoint);
    await receiver.stop();
  });

  test('redirects are not followed and slow receivers time out: both are retried', async () => {
    const receiver = await new Receiver().start();
    const endpoint = await register(receiver.url, ['message.created']);
    const group = await newGroup(server, alice, ['bob'], 'Odd receivers');
    receiver.answer = 'redirect';
    await send(server, alice, group.id, { body: 'r1' });
    const attemptsOf = async () => (await deliveries(endpoint))[0]?.attempts ?? [];
    await waitUntil(async () => (await attemptsOf()).length >= 1);
    assert.equal((await attemptsOf())[0]?.status_code, 302);
    receiver.answer = 'hang';
    await waitUntil(async () =>
      (await attemptsOf()).some((a) => /no answer within 400 ms/.test(a.error ?? '')),
    );
    receiver.answer = 'ok';
    await receiver.waitFor(1);
    assert.deepEqual(typesIn(receiver, group.id), ['message.created:r1']);
    await waitUntil(async () => (await deliveries(endpoint))[0]?.status === 'delivered');
    await unregister(endpoint);
    await receiver.stop();
  });

  test('a server restart in the middle of retries loses nothing', async () => {
    const receiver = await new Receiver().start();
    receiver.answer = 'fail';
    const endpoint = await register(receiver.url, ['message.created']);
    const group = await newGroup(server, alice, ['bob'], 'Restart');
    for (const body of ['s1', 's2', 's3']) await send(server, alice, group.id, { body });
    await waitUntil(async () =>
      (await deliveries(endpoint)).some((d) => d.attempts.some((a) => a.status_code === 500)),
    );
    await server.close();
    receiver.answer = 'ok';
    await start(); // same data folder, a new process's worth of state
    await receiver.waitFor(3);
    assert.deepEqual(typesIn(receiver, group.id), [
      'message.created:s1',
      'message.created:s2',
      'message.created:s3',
    ]);
    const list = await deliveries(endpoint);
    assert.ok(list.every((d) => d.status === 'delivered'));
    const first = list.find((d) => label(d.payload) === 's1');
    assert.ok(first && first.attempts.length >= 2, 'the failed attempts stay recorded');
    assert.equal(first.attempts.at(-1)?.status_code, 204);
    await unregister(endpoint);
    await receiver.stop();
  });

  test('a delivery can be replayed: the same event again, under a new delivery id', async () => {
    const receiver = await new Receiver().start();
    const endpoint = await register(receiver.url, ['message.created']);
    const group = await newGroup(server, alice, ['bob'], 'Replay');
    await send(server, alice, group.id, { body: 'again' });
    await receiver.waitFor(1);
    const [original] = await deliveries(endpoint);
    assert.ok(original);
    const replay = await call<WebhookDelivery>(
      server.url,
      'POST',
      `/v1/webhooks/deliveries/${original.id}/replay`,
      { token: apiKey },
    );
    assert.equal(replay.status, 202, JSON.stringify(replay.body));
    assert.equal(replay.body.replay_of, original.id);
    await receiver.waitFor(2);
    const [first, second] = receiver.received;
    assert.equal(first?.headers['poolse-event-id'], second?.headers['poolse-event-id']);
    assert.notEqual(first?.headers['poolse-delivery-id'], second?.headers['poolse-delivery-id']);
    assert.equal(second?.headers['poolse-delivery-id'], replay.body.id);
    assertError(
      await call(server.url, 'POST', `/v1/webhooks/deliveries/${original.id}/replay`, {
        token: server.createTenant().apiKey,
      }),
      404,
      'not_found',
    );
    await unregister(endpoint);
    await receiver.stop();
  });

  test('verifyWebhook refuses a tampered body, a stale timestamp, another secret and a bad header', async () => {
    const secret = 'whsec_test';
    const body = JSON.stringify({ id: 'e1', type: 'message.created', data: {} });
    const now = Date.now();
    const header = signatureHeader(secret, body, Math.floor(now / 1000));
    const event: WebhookEvent = await verifyWebhook(body, header, secret, { nowMs: now });
    assert.equal(event.id, 'e1');
    await verifyWebhook(new TextEncoder().encode(body), header, secret);
    const reason = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        assert.ok(error instanceof WebhookVerificationError);
        return error.reason;
      }
      return 'accepted';
    };
    assert.equal(
      await reason(verifyWebhook(body.replace('e1', 'e2'), header, secret)),
      'signature_mismatch',
    );
    assert.equal(await reason(verifyWebhook(body, header, 'whsec_other')), 'signature_mismatch');
    assert.equal(
      await reason(verifyWebhook(body, header, secret, { nowMs: now + 301_000 })),
      'timestamp_out_of_tolerance',
    );
    assert.equal(
      await reason(verifyWebhook(body, header, secret, { nowMs: now + 60_000, toleranceSec: 30 })),
      'timestamp_out_of_tolerance',
    );
    // A signature re-used with a fresh timestamp does not match.
    const replayed = header.replace(/t=\d+/, `t=${Math.floor(now / 1000) + 5}`);
    assert.equal(await reason(verifyWebhook(body, replayed, secret)), 'signature_mismatch');
    assert.equal(await reason(verifyWebhook(body, undefined, secret)), 'missing_header');
    assert.equal(await reason(verifyWebhook(body, 'v1=abc', secret)), 'malformed_header');
    assert.equal(
      await reason(verifyWebhook(body, header.replace(/v1=\w+/, 'v1=zz'), secret)),
      'signature_mismatch',
    );
  });
});

function conversationOf(event: { data: Record<string, unknown> }): string | undefined {
  const data = event.data as {
    conversation_id?: string;
    message?: { conversation_id?: string };
    conversation?: { id?: string };
  };
  return data.conversation_id ?? data.message?.conversation_id ?? data.conversation?.id;
}

/** A short readable tag of an event: the message body, the conversation name, or the member. */
function label(event: { data: Record<string, unknown> }): string {
  const data = event.data as {
    message?: { body?: string | null };
    conversation?: { name?: string | null };
    member?: { external_id?: string };
    external_id?: string;
  };
  return (
    data.message?.body ??
    data.conversation?.name ??
    data.member?.external_id ??
    data.external_id ??
    '-'
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
