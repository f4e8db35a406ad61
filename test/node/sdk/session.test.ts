/**
 * `exportSession()` / `restoreSession()` against the real server: a restored
 * session works without `getToken`, only a JWT is ever exported (never an API
 * key), and sessions of another API or past their expiry are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Poolse } from '../../../src/sdk/index.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

describe('sdk sessions', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  it('a restored session answers requests while getToken cannot', async () => {
    const first = new Poolse({ apiUrl: server.url, getToken: () => server.mintToken('sess') });
    const me = await first.me.show();
    const session = first.exportSession();
    assert.ok(session);
    assert.equal(session.apiUrl, server.url);
    assert.equal(session.userId, me.id);
    assert.equal(session.tenantId, server.tenantId);
    assert.ok(session.expiresAt > Date.now());

    const stored: unknown = JSON.parse(JSON.stringify(session));
    let asked = 0;
    const second = new Poolse({
      apiUrl: server.url,
      getToken: () => {
        asked += 1;
        throw new Error('offline');
      },
    });
    assert.equal(second.restoreSession(stored), true);
    assert.equal((await second.me.show()).id, me.id);
    assert.equal(asked, 0);
  });

  it('never exports an API key, and refuses sessions of another API, expired or malformed', async () => {
    const keyed = new Poolse({ apiUrl: server.url, getToken: () => server.apiKey });
    await keyed.conversations.list().catch(() => undefined);
    assert.equal(keyed.exportSession(), null);

    const token = await server.mintToken('other');
    const chat = new Poolse({ apiUrl: server.url, getToken: () => token });
    await chat.me.show();
    const session = chat.exportSession();
    assert.ok(session);
    const fresh = (): Poolse => new Poolse({ apiUrl: server.url, getToken: () => null });
    assert.equal(fresh().restoreSession({ ...session, apiUrl: 'https://elsewhere.test' }), false);
    assert.equal(fresh().restoreSession({ ...session, token: server.apiKey }), false);
    assert.equal(fresh().restoreSession('not a session'), false);
    const expired = await server.mintToken('other', { ttlSeconds: 1 });
    assert.equal(fresh().restoreSession({ ...session, token: expired }), false);
  });
});
