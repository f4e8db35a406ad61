/**
 * The hooks every route goes through, as plugins in Fastify's order:
 * onRequest (authenticate, then rate-limit writes) → body parsing →
 * preValidation (query numbers, empty bodies) → schema validation →
 * preHandler (idempotency replay) → handler → onSend (remember 2xx for
 * idempotency). Wrapped in fastify-plugin so the hooks cover every route
 * plugin registered after it.
 */
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authPlugin } from './auth.js';
import { idempotencyPlugin } from './idempotency.js';
import { isWrite } from './methods.js';
import { rateLimitPlugin, type RateLimiter } from './rate-limit.js';

export { callerOf, tenantOf } from './auth.js';

/** Query strings arrive as text; integer fields of the schema become numbers so the schema can bound them. */
function coerceQueryIntegers(request: FastifyRequest): void {
  const query = request.query;
  const schema = request.routeOptions.schema?.querystring as
    { properties?: Record<string, { type?: unknown }> } | undefined;
  if (typeof query !== 'object' || query === null || !schema?.properties) return;
  const record = query as Record<string, unknown>;
  for (const [name, value] of Object.entries(record)) {
    if (schema.properties[name]?.type !== 'integer') continue;
    if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) record[name] = Number(value);
  }
}

export interface RequestPipelineOptions {
  /** Null turns rate limiting off. */
  rateLimiter: RateLimiter | null;
}

export const requestPipeline = fp<RequestPipelineOptions>(
  async (app, { rateLimiter }) => {
    await app.register(authPlugin);
    if (rateLimiter) await app.register(rateLimitPlugin, { limiter: rateLimiter });

    app.addHook('preValidation', async (request) => {
      coerceQueryIntegers(request);
      // A write with a body schema and no body is validated as an empty object, so missing fields are named.
      if (
        request.body === undefined &&
        isWrite(request.method) &&
        request.routeOptions.schema?.body
      ) {
        request.body = {};
      }
    });

    await app.register(idempotencyPlugin);
  },
  { name: 'poolse-request-pipeline' },
);
