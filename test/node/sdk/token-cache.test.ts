import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { TokenCache, TOKEN_REFRESH_WINDOW_MS, Poolse } from '../../../src/sdk/index.js';
import { decodeJwtExp } from '../../../src/sdk/token-cache.js';
import { flush, json, jwt, scriptedFetch } from './helpers.js';

const START = Date.UTC(2026, 0, 1);

describe('token cache', () => {
  beforeEach(() => mock.timers.enable({ apis: ['Date', 'setTimeout'], now: START }));
  afterEach(() => mock.timers.reset());

  it('refreshes 30 s before exp, not earlier', async () => {
    const exp = START / 1000 + 120;
    const tokens = [jwt(exp, 'first'), jwt(exp + 3600, 'second')];
    let calls = 0;
    const cache = new TokenCache(() => tokens[calls++] ?? null);

    assert.equal(await cache.getToken(), tokens[0]);
    mock.timers.tick(120_000 - TOKEN_REFRESH_WINDOW_MS - 1);
    assert.equal(await cache.getToken(), tokens[0]);
    assert.equal(calls, 1);
    mock.timers.tick(1);
    assert.equal(await cache.getToken(), tokens[1]);
    assert.equal(calls, 2);
  });

  it('peekToken() is null when empty and inside the refresh window, without calling getToken', async () => {
    const exp = START / 1000 + 60;
    let calls = 0;
    const cache = new TokenCache(() => {
      calls += 1;
      return jwt(exp);
    });
    assert.equal(cache.peekToken(), null);
    assert.equal(calls, 0);
    await cache.getToken();
    assert.equal(cache.peekToken(), jwt(exp));
    mock.timers.tick(29_999);
    assert.equal(cache.peekToken(), jwt(exp));
    mock.timers.tick(1);
    assert.equal(cache.peekToken(), null);
    assert.equal(calls, 1);
  });

  it('shares one in-flight refresh among concurrent callers', async () => {
    let resolveToken!: (token: string) => void;
    let calls = 0;
    const cache = new TokenCache(() => {
      calls += 1;
      return new Promise<string>((resolve) => {
        resolveToken = resolve;
      });
    });
    const waiting = [cache.getToken(), cache.getToken(), cache.getToken()];
    await flush();
    assert.equal(calls, 1);
    resolveToken(jwt(START / 1000 + 3600));
    const answers = await Promise.all(waiting);
    assert.deepEqual(answers, [
      jwt(START / 1000 + 3600),
      jwt(START / 1000 + 3600),
      jwt(START / 1000 + 3600),
    ]);
    assert.equal(calls, 1);
  });

  it('calls getToken once per token lifetime across many requests', async () => {
    let calls = 0;
    const { fetch, calls: requests } = scriptedFetch(
      Array.from({ length: 5 }, () => json(200, {})),
    );
    const chat = new Poolse({
      apiUrl: 'http://api.test',
      fetch,
      getToken: () => {
        calls += 1;
        return jwt(START / 1000 + 3600);
      },
    });
    await Promise.all(Array.from({ length: 5 }, () => chat.me.show()));
    assert.equal(calls, 1);
    assert.ok(
      requests.every((r) => r.headers.authorization === `Bearer ${jwt(START / 1000 + 3600)}`),
    );
  });

  it('invalidate() forces a new getToken; invalidate(oldToken) is ignored once the cache moved on', async () => {
    const tokens = [jwt(START / 1000 + 3600, 'a'), jwt(START / 1000 + 3600, 'b')];
    let calls = 0;
    const cache = new TokenCache(() => tokens[calls++] ?? null);
    await cache.getToken();
    cache.invalidate(tokens[0]);
    assert.equal(cache.peekToken(), null);
    assert.equal(await cache.getToken(), tokens[1]);
    cache.invalidate(tokens[0]);
    assert.equal(cache.peekToken(), tokens[1]);
    assert.equal(calls, 2);
  });

  it('does not cache a null (anonymous) answer, and caches a token without exp until invalidated', async () => {
    let calls = 0;
    const anonymous = new TokenCache(() => {
      calls += 1;
      return null;
    });
    assert.equal(await anonymous.getToken(), null);
    assert.equal(await anonymous.getToken(), null);
    assert.equal(calls, 2);

    const opaque = new TokenCache(() => 'opaque-token');
    await opaque.getToken();
    mock.timers.tick(10 * 24 * 3600_000);
    assert.equal(opaque.peekToken(), 'opaque-token');
  });

  it('lets a getToken failure reject and retries on the next call', async () => {
    let calls = 0;
    const cache = new TokenCache(() => {
      calls += 1;
      if (calls === 1) throw new Error('backend down');
      return jwt(START / 1000 + 3600);
    });
    await assert.rejects(cache.getToken(), /backend down/);
    assert.equal(await cache.getToken(), jwt(START / 1000 + 3600));
  });

  it('decodes exp from base64url JWT payloads', () => {
    assert.equal(decodeJwtExp(jwt(1_900_000_000)), 1_900_000_000);
    assert.equal(decodeJwtExp('not-a-jwt'), null);
    assert.equal(decodeJwtExp('a.%%%.c'), null);
  });
});
