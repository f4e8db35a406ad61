/**
 * Fair use of the server between callers, for reads as well as writes: one
 * user (or, on routes without credentials, one IP address) flooding the
 * server must not slow everybody else down. Each caller gets
 * - a token bucket for reads (writes have their own in `rate-limit.ts`), and
 * - a cap on requests in flight at once, so thousands of parallel requests
 *   are turned away in microseconds instead of queueing work for everyone.
 * Runs after authentication, so the caller is known; an unauthenticated
 * route is keyed by the client address.
 */
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { LONG_POLL_PATH } from '../realtime/longpoll-route.js';
import { AUTH_PLUGIN } from './auth.js';
import { isWrite } from './methods.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';

export interface FairUseOptions {
  /** Reads per caller: a page load is about ten, a reconnecting client with many timelines a few dozen. */
  reads: RateLimitOptions;
  /** Every request on a route without credentials, per IP address. */
  anonymous: RateLimitOptions;
  /** Requests one caller may have in flight at once. */
  maxInFlight: number;
}

export const DEFAULT_FAIR_USE: FairUseOptions = {
  reads: { burst: 60, perSecond: 30 },
  anonymous: { burst: 60, perSecond: 30 },
  maxInFlight: 8,
};

/** Rows a page may ask for, per token: a page of 200 messages costs 5 reads, a single resource 1. */
const ROWS_PER_TOKEN = 50;
/** The largest page any route serves. */
const MAX_PAGE_SIZE = 500;

/** What a read costs against the bucket: big pages are worth several small reads. */
function readCost(query: unknown): number {
  const limit = Number((query as { limit?: unknown } | null)?.limit);
  // Past the largest page the request is refused by validation anyway: it must not cost more.
  return Number.isFinite(limit) && limit > 0
    ? 1 + Math.floor(Math.min(limit, MAX_PAGE_SIZE) / ROWS_PER_TOKEN)
    : 1;
}

export const fairUsePlugin = fp<{ options: FairUseOptions }>(
  async (app, { options }) => {
    const reads = new RateLimiter(options.reads);
    const anonymous = new RateLimiter(options.anonymous);
    const inFlight = new Map<string, number>();

    const release = (key: string): void => {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left <= 0) inFlight.delete(key);
      else inFlight.set(key, left);
    };

    app.addHook('onRequest', async (request, reply) => {
      // Long-poll requests are held open by design (one per tab) and limited by the realtime side.
      if (request.method === 'OPTIONS' || request.url.startsWith(LONG_POLL_PATH)) return;
      const key = request.callerKey ?? `ip:${request.ip}`;
      const wait = request.callerKey
        ? isWrite(request.method)
          ? 0
          : reads.take(key, Date.now(), readCost(request.query))
        : anonymous.take(key);
      if (wait > 0)
        throw new ApiError('rate_limited', 'Too many requests; slow down.', undefined, wait);
      const held = inFlight.get(key) ?? 0;
      if (held >= options.maxInFlight) {
        throw new ApiError(
          'rate_limited',
          `Too many requests at once (at most ${options.maxInFlight}); wait for some to finish.`,
          undefined,
          1,
        );
      }
      inFlight.set(key, held + 1);
      // The response's close comes once, whether the answer was sent or the client went away first.
      reply.raw.once('close', () => release(key));
    });
  },
  { name: 'poolse-fair-use', dependencies: [AUTH_PLUGIN] },
);
