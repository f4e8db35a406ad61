/**
 * The hooks every route goes through, in Fastify's order:
 * onRequest (authenticate, then rate-limit writes) → body parsing →
 * preValidation (query numbers) → schema validation → preHandler
 * (idempotency replay) → handler → onSend (remember 2xx for idempotency).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyUserToken } from '../auth/tokens.js';
import { findTenantByApiKey } from '../domain/tenants.js';
import { visitorMayUseRoute } from '../domain/visitor-access.js';
import { ApiError } from '../errors.js';
import type { ServerContext } from './context.js';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

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

export function installRequestPipeline(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('authUser', null);
  app.decorateRequest('authTenantId', null);
  app.decorateRequest('callerKey', null);
  app.decorateRequest('idempotency', null);

  const inFlight = new Set<string>();
  let writesSinceSweep = 0;

  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (auth === 'user') {
      const token = bearerToken(request);
      const user = token ? await verifyUserToken(ctx.db, token) : null;
      if (!user) throw new ApiError('invalid_user_token', 'A valid end-user token is required.');
      if (user.isVisitor && !visitorMayUseRoute(request.method, request.routeOptions.url))
        throw ApiError.forbidden('A visitor may only use their support conversation.');
      request.authUser = user;
      request.authTenantId = user.tenantId;
      request.callerKey = `user:${user.userId}`;
    } else if (auth === 'apiKey') {
      const key = bearerToken(request);
      const tenant = key ? findTenantByApiKey(ctx.db, key) : undefined;
      if (!tenant) throw new ApiError('invalid_api_key', 'A valid API key is required.');
      request.authTenantId = tenant.id;
      request.callerKey = `tenant:${tenant.id}`;
    }
    if (ctx.rateLimiter && request.callerKey && isWrite(request.method)) {
      const wait = ctx.rateLimiter.take(request.callerKey);
      if (wait > 0)
        throw new ApiError('rate_limited', 'Too many writes; slow down.', undefined, wait);
    }
  });

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

  app.addHook('preHandler', async (request, reply) => {
    const tenantId = request.authTenantId;
    const header = request.headers['idempotency-key'];
    if (!tenantId || !isWrite(request.method) || header === undefined) return;
    if (request.routeOptions.config.idempotent === false) return;
    if (
      typeof header !== 'string' ||
      header.length === 0 ||
      header.length > MAX_IDEMPOTENCY_KEY_LENGTH
    ) {
      throw ApiError.invalidField(
        'Idempotency-Key',
        `must be 1..${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      );
    }
    const path = request.url.split('?')[0] ?? request.url;
    const fingerprint = createHash('sha256')
      .update(`${request.callerKey ?? ''}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const row = ctx.db
      .prepare(
        `SELECT fingerprint, status, body FROM idempotency_keys
         WHERE tenant_id = ? AND method = ? AND path = ? AND key = ? AND created_at_ms > ?`,
      )
      .get(tenantId, request.method, path, header, Date.now() - IDEMPOTENCY_TTL_MS) as
      { fingerprint: string; status: number; body: string } | undefined;
    if (row) {
      if (row.fingerprint !== fingerprint) {
        throw new ApiError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used with another request.',
        );
      }
      reply.code(row.status).header('Idempotent-Replayed', 'true');
      if (row.body === '') return reply.send();
      return reply.type('application/json; charset=utf-8').send(row.body);
    }
    const flightKey = `${tenantId}\n${request.method}\n${path}\n${header}`;
    if (inFlight.has(flightKey)) {
      throw ApiError.conflict('A request with this Idempotency-Key is still being processed.');
    }
    inFlight.add(flightKey);
    request.idempotency = { tenantId, path, key: header, fingerprint };
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    if (!pending || reply.getHeader('Idempotent-Replayed') !== undefined) return payload;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const body =
        typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload.toString('utf8')
            : '';
      ctx.db
        .prepare(
          `INSERT OR REPLACE INTO idempotency_keys (tenant_id, method, path, key, fingerprint, status, body, created_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          pending.tenantId,
          request.method,
          pending.path,
          pending.key,
          pending.fingerprint,
          reply.statusCode,
          body,
          Date.now(),
        );
      if (++writesSinceSweep >= 500) {
        writesSinceSweep = 0;
        ctx.db
          .prepare('DELETE FROM idempotency_keys WHERE created_at_ms <= ?')
          .run(Date.now() - IDEMPOTENCY_TTL_MS);
      }
    }
    return payload;
  });

  app.addHook('onResponse', async (request) => {
    const pending = request.idempotency;
    if (pending)
      inFlight.delete(`${pending.tenantId}\n${request.method}\n${pending.path}\n${pending.key}`);
  });
}

/** The verified end user of a `auth: 'user'` route. */
export function callerOf(request: FastifyRequest): NonNullable<FastifyRequest['authUser']> {
  if (!request.authUser)
    throw new ApiError('invalid_user_token', 'A valid end-user token is required.');
  return request.authUser;
}

/** The tenant of a `auth: 'apiKey'` route. */
export function tenantOf(request: FastifyRequest): string {
  if (!request.authTenantId) throw new ApiError('invalid_api_key', 'A valid API key is required.');
  return request.authTenantId;
}
