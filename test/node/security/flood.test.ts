/**
 * One user floods reads; an anonymous client floods a route without
 * credentials. Each is turned away with 429 and the envelope (with
 * Retry-After) once past its share, while another user is still served.
 * How long the other user waits is measured by `npm run bench -- server`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, newGroup, person, type ApiAnswer, type Person } from '../server/helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertEnvelope } from './world.js';

let server: TestServer;
let alice: Person;
let bob: Person;
let conversationId: string;

before(async () => {
  // The server's default limits, not the relaxed ones the other suites use.
  server = await startTestServer({ fairUse: {} });
  [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => person(server, id)));
  conversationId = (await newGroup(server, alice, ['bob'])).id;
});
after(async () => {
  await server.close();
});

describe('floods', () => {
  it("turns away one user's 300 parallel page reads past their share, and still serves another user", async () => {
    const flood = Array.from({ length: 300 }, () =>
      call(server.url, 'GET', `/v1/conversations/${conversationId}/messages?limit=200`, {
        token: alice.token,
      }),
    );
    const meanwhile = call(server.url, 'GET', '/v1/me', { token: bob.token });
    const answers = await Promise.all(flood);
    const limited = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    assert.ok(limited.length > 200, `only ${limited.length} of 300 were turned away`);
    assert.ok(served.length > 0, 'the first reads were served');
    assert.equal(served.length + limited.length, 300, 'nothing but 200 and 429');
    for (const answer of limited.slice(0, 5)) {
      assertEnvelope(answer as ApiAnswer, 'flood');
      assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/);
    }
    assert.equal((await meanwhile).status, 200, 'bob was served during the flood');
    assert.equal((await call(server.url, 'GET', '/v1/me', { token: bob.token })).status, 200);
  });

  it('limits an anonymous client per address on routes without credentials', async () => {
    const path = `/v1/downloads/${crypto.randomUUID()}?expires=1&signature=${'0'.repeat(64)}`;
    const answers = await Promise.all(
      Array.from({ length: 150 }, () => call(server.url, 'GET', path)),
    );
    const limited = answers.filter((a) => a.status === 429);
    assert.ok(limited.length > 0, 'some were turned away');
    assert.ok(
      answers.every((a) => a.status === 403 || a.status === 429),
      answers.map((a) => a.status).join(','),
    );
    assertEnvelope(limited[0] as ApiAnswer, 'anonymous flood');
  });
});
