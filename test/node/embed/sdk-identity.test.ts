/**
 * The SDK's `identityTokenSource` against a real server: a visitor's
 * credentials are kept in the given storage and reused, sent once on sign-in
 * (the visitor merges) and then forgotten; server refusals surface as the
 * SDK's typed errors.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AuthError, identityTokenSource, visitorStorageKey } from '../../../src/sdk/index.js';
import type { IdentitySecretInfo, User } from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { call } from '../server/helpers.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('identityTokenSource', () => {
  let server: TestServer;
  let secret: string;
  const me = async (token: string) =>
    (await call<User>(server.url, 'GET', '/v1/me', { token })).body;

  before(async () => {
    server = await startTestServer();
    secret = (
      await call<IdentitySecretInfo>(server.url, 'POST', '/v1/identity-secrets', {
        token: server.apiKey,
        body: {},
      })
    ).body.secret;
    await call(server.url, 'PATCH', '/v1/tenant/settings', {
      token: server.apiKey,
      body: { visitors_enabled: true },
    });
  });
  after(() => server.close());

  test('a visitor is kept in storage, reused, merged on sign-in and then forgotten', async () => {
    const storage = memoryStorage();
    const asVisitor = identityTokenSource({
      apiUrl: server.url,
      tenantId: server.tenantId,
      storage,
    });
    const first = await me(await asVisitor());
    assert.equal(first.is_visitor, true);
    assert.ok(storage.items.has(visitorStorageKey(server.tenantId)));
    assert.equal((await me(await asVisitor())).id, first.id, 'the same visitor again');

    const signIn = identityTokenSource({
      apiUrl: `${server.url}/`,
      tenantId: server.tenantId,
      userId: 'hana',
      userHash: createHmac('sha256', secret).update('hana').digest('hex'),
      name: 'Hana',
      storage,
    });
    const hana = await me(await signIn());
    assert.equal(hana.external_id, 'hana');
    assert.equal(hana.display_name, 'Hana');
    assert.equal(storage.items.size, 0, 'the visitor is forgotten once merged');
    const list = await call<{ data: Array<{ member_external_ids: string[] }> }>(
      server.url,
      'GET',
      '/v1/conversations',
      { token: await signIn() },
    );
    assert.ok(list.body.data.some((c) => c.member_external_ids.includes('hana')));
  });

  test('a wrong hash is an AuthError; no storage at all still signs a visitor in', async () => {
    const wrong = identityTokenSource({
      apiUrl: server.url,
      tenantId: server.tenantId,
      userId: 'ivan',
      userHash: 'ab'.repeat(32),
      storage: null,
    });
    await assert.rejects(wrong(), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.code, 'invalid_user_hash');
      return true;
    });
    const noStorage = identityTokenSource({
      apiUrl: server.url,
      tenantId: server.tenantId,
      storage: null,
    });
    assert.equal((await me(await noStorage())).is_visitor, true);
  });
});
