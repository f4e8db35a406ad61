import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Poolse, PoolseError, POOLSE_API_URL } from '../../../src/sdk/index.js';
import { json, scriptedFetch } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('config', () => {
  it('fills in the reference defaults', () => {
    const chat = new Poolse({ getToken: () => null });
    assert.equal(POOLSE_API_URL, 'https://api.poolse.dev');
    assert.equal(chat.config.apiUrl, 'https://api.poolse.dev');
    assert.equal(chat.config.wsUrl, 'wss://api.poolse.dev');
    assert.equal(chat.config.socketPath, '/socket');
    assert.equal(chat.config.maxRetries, 3);
    assert.equal(chat.config.baseBackoffMs, 250);
    assert.equal(chat.config.maxBackoffMs, 30_000);
    assert.match(chat.config.generateIdempotencyKey(), UUID);
    assert.equal(chat.config.onSocketError, undefined);
    assert.equal(chat.config.userResolver, undefined);
  });

  it('strips trailing slashes and derives ws(s) from http(s)', () => {
    const plain = new Poolse({ apiUrl: 'http://127.0.0.1:4000/', getToken: () => null });
    assert.equal(plain.config.apiUrl, 'http://127.0.0.1:4000');
    assert.equal(plain.config.wsUrl, 'ws://127.0.0.1:4000');
    const prefixed = new Poolse({ apiUrl: 'https://example.com/chat//', getToken: () => null });
    assert.equal(prefixed.config.apiUrl, 'https://example.com/chat');
    assert.equal(prefixed.config.wsUrl, 'wss://example.com/chat');
  });

  it('keeps an explicit wsUrl and socketPath (trailing slash stripped)', () => {
    const chat = new Poolse({
      apiUrl: 'https://api.example.com',
      wsUrl: 'wss://realtime.example.com/',
      socketPath: 'live/',
      getToken: () => null,
    });
    assert.equal(chat.config.wsUrl, 'wss://realtime.example.com');
    assert.equal(chat.config.socketPath, '/live');
  });

  it('sends requests to apiUrl + /v1/... without a double slash', async () => {
    const { fetch, calls } = scriptedFetch([json(200, { id: 'me' })]);
    const chat = new Poolse({ apiUrl: 'http://api.test/', getToken: () => null, fetch });
    await chat.me.show();
    assert.equal(calls[0]?.url, 'http://api.test/v1/me');
  });

  it('uses an injected idempotency key generator', async () => {
    const { fetch, calls } = scriptedFetch([json(201, {})]);
    const chat = new Poolse({
      apiUrl: 'http://api.test',
      getToken: () => null,
      fetch,
      generateIdempotencyKey: () => 'key-1',
    });
    await chat.conversations.create({ type: 'group' });
    assert.equal(calls[0]?.headers['idempotency-key'], 'key-1');
  });

  it('rejects a config without getToken, and negative numbers', () => {
    assert.throws(() => new Poolse({} as never), PoolseError);
    assert.throws(() => new Poolse({ getToken: () => null, maxRetries: -1 }), /maxRetries/);
    assert.throws(
      () => new Poolse({ getToken: () => null, baseBackoffMs: Number.NaN }),
      /baseBackoffMs/,
    );
  });
});

describe('realtime config', () => {
  it('with transport "websocket", stays idle and says how to fix it when the runtime has no WebSocket', () => {
    assert.equal(typeof (globalThis as { WebSocket?: unknown }).WebSocket, 'undefined');
    const chat = new Poolse({
      apiUrl: 'http://api.test',
      getToken: () => null,
      transport: 'websocket',
    });
    assert.throws(() => chat.realtime.conversation('c1'), {
      name: 'PoolseError',
      message: /config\.WebSocket/,
    });
    assert.equal(chat.realtime.getStatus(), 'idle');
  });

  it('refuses an unknown transport, and defaults to auto with a 2.5 s fallback', () => {
    assert.throws(
      () => new Poolse({ getToken: () => null, transport: 'carrier-pigeon' as never }),
      /transport/,
    );
    const chat = new Poolse({ getToken: () => null });
    assert.equal(chat.config.transport, 'auto');
    assert.equal(chat.config.longPollFallbackMs, 2500);
    assert.equal(chat.config.websocketRetryMs, 30_000);
  });

  it('does not touch the network before the first channel', () => {
    let calls = 0;
    const chat = new Poolse({
      apiUrl: 'http://api.test',
      getToken: () => {
        calls += 1;
        return null;
      },
    });
    assert.equal(chat.realtime.getStatus(), 'idle');
    chat.destroy();
    assert.equal(calls, 0);
    assert.equal(chat.realtime.getStatus(), 'idle');
  });
});
