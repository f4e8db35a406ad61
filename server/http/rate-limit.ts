/**
 * Per-caller token buckets for writes. Generous for a human (bursts of
 * typing and reacting), firm against a runaway loop. The plugin takes a
 * token for every authenticated write, right after the auth hook.
 */
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { AUTH_PLUGIN } from './auth.js';
import { isWrite } from './methods.js';

export interface RateLimitOptions {
  /** Bucket size: writes allowed at once. */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 30, perSecond: 10 };

/** Buckets untouched for this long are full again and can be forgotten. */
const IDLE_FORGET_MS = 10 * 60 * 1000;

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private takesSinceSweep = 0;

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes `cost` tokens (one by default); answers 0 when allowed, else the seconds to wait. */
  take(key: string, nowMs = Date.now(), cost = 1): number {
    this.sweepSometimes(nowMs);
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedMs: nowMs };
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * perSecond,
    );
    bucket.updatedMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / perSecond));
  }

  private sweepSometimes(nowMs: number): void {
    if (++this.takesSinceSweep < 1000) return;
    this.takesSinceSweep = 0;
    for (const [key, bucket] of this.buckets) {
      if (nowMs - bucket.updatedMs > IDLE_FORGET_MS) this.buckets.delete(key);
    }
  }
}

export const rateLimitPlugin = fp<{ limiter: RateLimiter }>(
  async (app, { limiter }) => {
    app.addHook('onRequest', async (request) => {
      if (!request.callerKey || !isWrite(request.method)) return;
      const wait = limiter.take(request.callerKey);
      if (wait > 0)
        throw new ApiError('rate_limited', 'Too many writes; slow down.', undefined, wait);
    });
  },
  { name: 'poolse-rate-limit', dependencies: [AUTH_PLUGIN] },
);
