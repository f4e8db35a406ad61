/**
 * Forged end-user tokens: every way of minting a token without the tenant's
 * secret (or of bending a real one) is refused with 401 invalid_user_token
 * on REST and 403 on the socket upgrade, while the genuine token still works.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';
import { upgradeStatus } from '../realtime/harness.js';
import { assertError, call } from '../server/helpers.js';
import { buildWorld, type World } from './world.js';

let world: World;
let forged: Record<string, string>;

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}

/** HS256 by hand, so header and payload can be anything at all. */
function hs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string,
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const HEADER = { alg: 'HS256', typ: 'JWT' };

async function forgeAll(w: World): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const secret = w.server.jwtSecret;
  const claims = {
    sub: w.alice.user.id,
    tid: w.server.tenantId,
    ext: 'alice',
    iat: now,
    exp: now + 600,
  };
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsaPublicPem = await exportSPKI(rsa.publicKey);
  const without = (name: keyof typeof claims): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...claims };
    delete copy[name];
    return copy;
  };
  const [genuineHeader, genuinePayload, genuineSignature] = w.alice.token.split('.') as [
    string,
    string,
    string,
  ];
  const genuineClaims = JSON.parse(Buffer.from(genuinePayload, 'base64url').toString()) as Record<
    string,
    unknown
  >;

  return {
    'alg none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`,
    'alg None': `${b64url({ alg: 'None', typ: 'JWT' })}.${b64url(claims)}.`,
    'alg none with the genuine signature': `${b64url({ alg: 'none' })}.${genuinePayload}.${genuineSignature}`,
    'no alg at all': `${b64url({ typ: 'JWT' })}.${b64url(claims)}.${genuineSignature}`,
    'RS256 with an attacker key': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .sign(rsa.privateKey),
    'RS256 with the attacker key embedded as jwk': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(rsa.publicKey) })
      .sign(rsa.privateKey),
    'ES256 with an attacker key': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .sign(ec.privateKey),
    'HS256 keyed with a public-key PEM': hs256(HEADER, claims, rsaPublicPem),
    'HS256 keyed with an empty secret': hs256(HEADER, claims, ''),
    'HS512 with the right secret': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(secret)),
    'wrong key': hs256(HEADER, claims, 'not-the-secret'),
    'another tenant’s secret with this tenant’s tid': hs256(
      HEADER,
      claims,
      w.otherTenant.jwtSecret,
    ),
    'this tenant’s secret with another tenant’s tid': hs256(
      HEADER,
      { ...claims, tid: w.otherTenant.id },
      secret,
    ),
    expired: hs256(HEADER, { ...claims, iat: now - 7200, exp: now - 1 }, secret),
    'iat in the future': hs256(HEADER, { ...claims, iat: now + 3600, exp: now + 7200 }, secret),
    'exp as a string': hs256(HEADER, { ...claims, exp: String(now + 600) }, secret),
    'sub as a number': hs256(HEADER, { ...claims, sub: 42 }, secret),
    'missing sub': hs256(HEADER, without('sub'), secret),
    'missing tid': hs256(HEADER, without('tid'), secret),
    'missing ext': hs256(HEADER, without('ext'), secret),
    'missing iat': hs256(HEADER, without('iat'), secret),
    'missing exp': hs256(HEADER, without('exp'), secret),
    'sub of another tenant’s user': hs256(HEADER, { ...claims, sub: w.mallory.user.id }, secret),
    'ext of another user': hs256(HEADER, { ...claims, ext: 'bob' }, secret),
    'tampered payload (sub of bob)': `${genuineHeader}.${b64url({ ...genuineClaims, sub: w.bob.user.id, ext: 'bob' })}.${genuineSignature}`,
    'tampered payload (longer exp)': `${genuineHeader}.${b64url({ ...genuineClaims, exp: now + 10 ** 8 })}.${genuineSignature}`,
    'tampered header (kid)': `${b64url({ alg: 'HS256', kid: '../../etc/passwd' })}.${genuinePayload}.${genuineSignature}`,
    'truncated signature': w.alice.token.slice(0, -4),
    'two tokens glued': `${w.alice.token}.${w.alice.token}`,
    'signature dropped': `${genuineHeader}.${genuinePayload}.`,
    'padded token (about 7 kB)': `${genuineHeader}.${b64url({ ...genuineClaims, pad: 'x'.repeat(5_000) })}.${genuineSignature}`,
    'api key as a token': w.server.apiKey,
    'other tenant’s api key as a token': w.otherTenant.apiKey,
  };
}

before(async () => {
  world = await buildWorld();
  forged = await forgeAll(world);
});
after(async () => {
  await world.server.close();
});

describe('JWT forgery', () => {
  it('refuses every forged token on REST with 401 invalid_user_token', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/v1/me', undefined],
      ['GET', `/v1/conversations/${world.conversation.id}/messages`, undefined],
      ['POST', `/v1/conversations/${world.conversation.id}/messages`, { body: 'forged' }],
    ];
    for (const [name, token] of Object.entries(forged)) {
      for (const [method, path, body] of routes) {
        const answer = await call(world.server.url, method, path, {
          token,
          ...(body === undefined ? {} : { body }),
        });
        assert.equal(answer.status, 401, `${name}: ${method} ${path} answered ${answer.status}`);
        assertError(answer, 401, 'invalid_user_token');
      }
    }
    // Nothing was written under a forged name.
    const feed = await call<{ data: { body: string | null }[] }>(
      world.server.url,
      'GET',
      `/v1/conversations/${world.conversation.id}/messages`,
      { token: world.alice.token },
    );
    assert.ok(!feed.body.data.some((m) => m.body === 'forged'));
  });

  it('refuses every forged token on the socket upgrade with 403, in the query or as a subprotocol', async () => {
    const base = `${world.server.url.replace('http', 'ws')}/socket/websocket?vsn=2.0.0`;
    for (const [name, token] of Object.entries(forged)) {
      assert.equal(await upgradeStatus(`${base}&token=${encodeURIComponent(token)}`), 403, name);
    }
    for (const [name, token] of Object.entries(forged).slice(0, 10)) {
      const status = await new Promise<number | 'open'>((resolve, reject) => {
        const ws = new WebSocket(base, [`base64url.bearer.phx.${b64url(token)}`]);
        ws.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
          ws.terminate();
        });
        ws.once('open', () => {
          resolve('open');
          ws.terminate();
        });
        ws.once('error', (error) => {
          if (!String(error.message).startsWith('Unexpected server response')) reject(error);
        });
      });
      assert.equal(status, 403, `${name} as a subprotocol`);
    }
  });

  it('still accepts the genuine token on both', async () => {
    assert.equal(
      (await call(world.server.url, 'GET', '/v1/me', { token: world.alice.token })).status,
      200,
    );
    const base = `${world.server.url.replace('http', 'ws')}/socket/websocket?vsn=2.0.0`;
    assert.equal(
      await upgradeStatus(`${base}&token=${encodeURIComponent(world.alice.token)}`),
      'open',
    );
  });

  it('refuses a token of a user blocked after it was minted, on REST and on the socket', async () => {
    const token = await world.server.mintToken('soon-blocked');
    assert.equal((await call(world.server.url, 'GET', '/v1/me', { token })).status, 200);
    const blocked = await call(world.server.url, 'PATCH', '/v1/users/soon-blocked', {
      token: world.server.apiKey,
      body: { is_blocked: true },
    });
    assert.equal(blocked.status, 200);
    assertError(
      await call(world.server.url, 'GET', '/v1/me', { token }),
      401,
      'invalid_user_token',
    );
    const base = `${world.server.url.replace('http', 'ws')}/socket/websocket?vsn=2.0.0`;
    assert.equal(await upgradeStatus(`${base}&token=${encodeURIComponent(token)}`), 403);
  });
});
