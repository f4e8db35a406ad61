/**
 * Identity verification over real HTTP: the page sends the user's id and the
 * HMAC-SHA256 the site's backend computed with the identity secret; only a
 * hash under a live secret of the same tenant opens a session.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { IdentitySecretInfo, IdentityTokenResponse, User } from '../../../src/sdk/types.js';
import { safeEqual } from '../../../server/domain/identity.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call } from '../server/helpers.js';

/** What the README tells the site's backend to compute. */
const hmac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');

describe('identity verification', () => {
  let server: TestServer;
  let secret: string;

  const rotate = async (apiKey: string, overlap?: number) => {
    const answer = await call<IdentitySecretInfo>(server.url, 'POST', '/v1/identity-secrets', {
      token: apiKey,
      body: overlap === undefined ? {} : { overlap_seconds: overlap },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.secret;
  };
  const verify = (body: Record<string, unknown>) =>
    call<IdentityTokenResponse>(server.url, 'POST', '/v1/auth/verify', { body });

  before(async () => {
    server = await startTestServer();
    secret = await rotate(server.apiKey);
  });
  after(() => server.close());

  test('a tenant without an identity secret verifies no one', async () => {
    const other = server.createTenant();
    assertError(
      await verify({ tenant_id: other.id, external_id: 'ann', user_hash: hmac('x', 'ann') }),
      401,
      'invalid_user_hash',
    );
  });

  test('the right hash opens a session as that user, with name and email stored', async () => {
    const answer = await verify({
      tenant_id: server.tenantId,
      external_id: 'ann',
      user_hash: hmac(secret, 'ann'),
      name: 'Ann Example',
      email: 'ann@example.com',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const lifetimeMs = Date.parse(answer.body.expires_at) - Date.now();
    assert.ok(lifetimeMs > 0 && lifetimeMs <= 15 * 60_000, 'a short-lived token');
    const me = await call<User>(server.url, 'GET', '/v1/me', { token: answer.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.external_id, 'ann');
    assert.equal(me.body.display_name, 'Ann Example');
    assert.equal(me.body.custom_data.email, 'ann@example.com');
    assert.equal(me.body.is_visitor, false);
    // Upper-case hex is the same hash.
    const upper = await verify({
      tenant_id: server.tenantId,
      external_id: 'ann',
      user_hash: hmac(secret, 'ann').toUpperCase(),
    });
    assert.equal(upper.status, 200);
  });

  test('a wrong, truncated, padded or other-user hash is refused with the same answer', async () => {
    const right = hmac(secret, 'ben');
    for (const user_hash of [
      hmac(secret, 'ann'),
      right.slice(0, 63),
      right.slice(0, 32),
      `${right}00`,
      right.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      'not hex at all',
    ]) {
      assertError(
        await verify({ tenant_id: server.tenantId, external_id: 'ben', user_hash }),
        401,
        'invalid_user_hash',
      );
    }
    assertError(
      await verify({
        tenant_id: '00000000-0000-4000-8000-000000000000',
        external_id: 'ben',
        user_hash: right,
      }),
      401,
      'invalid_user_hash',
    );
  });

  test("another tenant's secret does not verify users of this tenant", async () => {
    const other = server.createTenant();
    const otherSecret = await rotate(other.apiKey);
    const answer = await verify({
      tenant_id: server.tenantId,
      external_id: 'cat',
      user_hash: hmac(otherSecret, 'cat'),
    });
    assertError(answer, 401, 'invalid_user_hash');
    // …and it does verify in its own tenant.
    assert.equal(
      (
        await verify({
          tenant_id: other.id,
          external_id: 'cat',
          user_hash: hmac(otherSecret, 'cat'),
        })
      ).status,
      200,
    );
  });

  test('rotation: the old secret works during the overlap and stops after it', async () => {
    const tenant = server.createTenant();
    const first = await rotate(tenant.apiKey);
    const second = await rotate(tenant.apiKey, 3600);
    const as = (key: string) =>
      verify({ tenant_id: tenant.id, external_id: 'dan', user_hash: hmac(key, 'dan') });
    assert.equal((await as(first)).status, 200, 'old secret inside its overlap window');
    assert.equal((await as(second)).status, 200, 'new secret');
    const listed = await call<{ data: IdentitySecretInfo[] }>(
      server.url,
      'GET',
      '/v1/identity-secrets',
      { token: tenant.apiKey },
    );
    assert.deepEqual(
      listed.body.data.map((s) => [s.secret, s.expires_at === null]),
      [
        [second, true],
        [first, false],
      ],
    );
    // A rotation with no overlap ends every older secret now: the overlap is over.
    const third = await rotate(tenant.apiKey, 0);
    assertError(await as(first), 401, 'invalid_user_hash');
    assertError(await as(second), 401, 'invalid_user_hash');
    assert.equal((await as(third)).status, 200);
  });

  test('the identity routes need the API key, and verify needs every field', async () => {
    assertError(
      await call(server.url, 'POST', '/v1/identity-secrets', { body: {} }),
      401,
      'invalid_api_key',
    );
    const token = await server.mintToken('eve');
    assertError(
      await call(server.url, 'GET', '/v1/identity-secrets', { token }),
      401,
      'invalid_api_key',
    );
    assertError(
      await verify({ tenant_id: server.tenantId, external_id: 'eve' }),
      422,
      'validation_failed',
    );
    assertError(
      await verify({ tenant_id: server.tenantId, external_id: 'eve', user_hash: 'a'.repeat(129) }),
      422,
      'validation_failed',
    );
  });

  test('the comparison hashes both sides first, so any lengths compare without throwing', () => {
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('abc', 'abcd'), false);
    assert.equal(safeEqual('', 'a'.repeat(64)), false);
  });
});
