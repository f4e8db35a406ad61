import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jitteredBackoff, parseRetryAfter, retryDelay } from '../../../src/sdk/backoff.js';

describe('backoff', () => {
  it('is full jitter over base * 2^attempt', () => {
    assert.equal(
      jitteredBackoff(0, 250, 30_000, () => 0),
      0,
    );
    assert.equal(
      jitteredBackoff(0, 250, 30_000, () => 0.5),
      125,
    );
    assert.equal(
      jitteredBackoff(2, 250, 30_000, () => 0.5),
      500,
    );
    assert.equal(
      jitteredBackoff(3, 250, 30_000, () => 0.999999),
      1999,
    );
  });

  it('never exceeds maxBackoffMs', () => {
    assert.equal(
      jitteredBackoff(20, 250, 30_000, () => 0.999999),
      29_999,
    );
    for (let attempt = 0; attempt < 30; attempt += 1) {
      assert.ok(retryDelay({ attempt, baseBackoffMs: 250, maxBackoffMs: 1000 }) <= 1000);
    }
  });

  it('honours Retry-After when it is larger than the computed delay, still capped', () => {
    const base = { attempt: 0, baseBackoffMs: 250, maxBackoffMs: 30_000, random: () => 0.5 };
    assert.equal(retryDelay({ ...base, retryAfterMs: 2000 }), 2000);
    assert.equal(retryDelay({ ...base, retryAfterMs: 10 }), 125);
    assert.equal(retryDelay({ ...base, maxBackoffMs: 1000, retryAfterMs: 60_000 }), 1000);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter(' 1.5 ', now), 1500);
    assert.equal(parseRetryAfter(new Date(now + 4000).toUTCString(), now), 4000);
    assert.equal(parseRetryAfter(new Date(now - 4000).toUTCString(), now), 0);
    assert.equal(parseRetryAfter(null, now), 0);
    assert.equal(parseRetryAfter('soon', now), 0);
  });
});
