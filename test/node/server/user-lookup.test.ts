/**
 * `POST /v1/users/lookup`: the names a client shows when the app gives no
 * user resolver, limited to the people the caller shares a conversation with.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Poolse } from '../../../src/sdk/index.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, type Person } from './helpers.js';

type Lookup = { data: Array<{ id: string; external_id: string; display_name: string | null }> };

let server: TestServer;
let alice: Person;
let eve: Person;

before(async () => {
  server = await startTestServer();
  alice = await person(server, 'alice');
  await person(server, 'bob');
  eve = await person(server, 'eve');
  for (const [id, name] of [
    ['alice', 'Alice A'],
    ['bob', 'Bob Builder'],
    ['eve', 'Eve Outsider'],
  ])
    await call(server.url, 'PATCH', `/v1/users/${id}`, {
      token: server.apiKey,
      body: { display_name: name },
    });
  await newGroup(server, alice, ['bob']);
});
after(async () => {
  await server.close();
});

describe('POST /v1/users/lookup', () => {
  it('answers the names of the caller and of the people they share a conversation with', async () => {
    const answer = await call<Lookup>(server.url, 'POST', '/v1/users/lookup', {
      token: alice.token,
      body: { external_ids: ['alice', 'bob', 'eve', 'nobody'] },
    });
    assert.equal(answer.status, 200);
    const names = Object.fromEntries(answer.body.data.map((u) => [u.external_id, u.display_name]));
    assert.deepEqual(
      names,
      { alice: 'Alice A', bob: 'Bob Builder' },
      'eve and unknown ids left out',
    );
    const fromEve = await call<Lookup>(server.url, 'POST', '/v1/users/lookup', {
      token: eve.token,
      body: { external_ids: ['alice', 'bob'] },
    });
    assert.deepEqual(fromEve.body.data, [], 'a stranger learns nothing');
  });

  it('refuses a missing token and bad or oversized lists', async () => {
    const body = { external_ids: ['bob'] };
    assertError(
      await call(server.url, 'POST', '/v1/users/lookup', { body }),
      401,
      'invalid_user_token',
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => `u${i}`);
    for (const bad of [{}, { external_ids: [] }, { external_ids: tooMany }, { external_ids: [''] }])
      assertError(
        await call(server.url, 'POST', '/v1/users/lookup', { token: alice.token, body: bad }),
        422,
        'validation_failed',
      );
  });

  it('is what the SDK asks in users.lookup, in requests of at most 100 ids', async () => {
    let lookups = 0;
    const client = new Poolse({
      apiUrl: server.url,
      getToken: () => alice.token,
      fetch: (input, init) => {
        if (String(input).endsWith('/v1/users/lookup')) lookups += 1;
        return fetch(input, init);
      },
    });
    const ids = ['bob', 'eve', ...Array.from({ length: 150 }, (_, i) => `ghost-${i}`)];
    const rows = await client.users.lookup(ids);
    assert.deepEqual(
      rows.map((r) => [r.external_id, r.display_name]),
      [['bob', 'Bob Builder']],
    );
    assert.equal(lookups, 2);
    client.destroy();
  });
});
