/**
 * `Idempotency-Key` on writes: the first 2xx answer is stored for 24 hours
 * and replayed for a retry with the same key and the same request; the same
 * key with another request is refused, and so is a retry while the first is
 * still running. Keys are per tenant, method and path.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../src/sdk/limits.js';
import { ApiError } from '../errors.js';
import { AUTH_PLUGIN } from './auth.js';
import { isWrite } from './methods.js';

/**
 * What a key is stored under: the matched route and its decoded parameters,
 * not the raw path, so `…/%6Dessages`, `…/messages` and `…//messages` are one
 * endpoint and a retry spelled differently still finds its first answer.
 */
export function normalizedRoute(request: FastifyRequest): string {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const decoded = Object.keys(params)
    .sort()
    .map((name) => `${name}=${String(params[name])}`);
  return [request.routeOptions.url ?? request.url.split('?')[0], ...decoded].join('\n');
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired keys are swept once per this many stored answers. */
const SWEEP_EVERY = 500;

interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
}

export const idempotencyPlugin = fp(
  async (app) => {
    const { db } = app;
    app.decorateRequest('idempotency', null);
    const findAnswer = db.prepare<[string, string, string, string, number], StoredAnswer>(
      `SELECT fingerprint, status, body FROM idempotency_keys
       WHERE tenant_id = ? AND method = ? AND path = ? AND key = ? AND created_at_ms > ?`,
    );
    const storeAnswer = db.prepare(
      `INSERT OR REPLACE INTO idempotency_keys (tenant_id, method, path, key, fingerprint, status, body, created_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sweep = db.prepare('DELETE FROM idempotency_keys WHERE created_at_ms <= ?');
    const inFlight = new Set<string>();
    let writesSinceSweep = 0;

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
      const path = normalizedRoute(request);
      const fingerprint = createHash('sha256')
        .update(`${request.callerKey ?? ''}\n${JSON.stringify(request.body ?? null)}`)
        .digest('hex');
      const row = findAnswer.get(
        tenantId,
        request.method,
        path,
        header,
        Date.now() - IDEMPOTENCY_TTL_MS,
      );
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
        storeAnswer.run(
          pending.tenantId,
          request.method,
          pending.path,
          pending.key,
          pending.fingerprint,
          reply.statusCode,
          body,
          Date.now(),
        );
        if (++writesSinceSweep >= SWEEP_EVERY) {
          writesSinceSweep = 0;
          sweep.run(Date.now() - IDEMPOTENCY_TTL_MS);
        }
      }
      return payload;
    });

    app.addHook('onResponse', async (request) => {
      const pending = request.idempotency;
      if (pending)
        inFlight.delete(`${pending.tenantId}\n${request.method}\n${pending.path}\n${pending.key}`);
    });
  },
  { name: 'poolse-idempotency', dependencies: [AUTH_PLUGIN] },
);
