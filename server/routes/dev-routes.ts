/**
 * Routes mounted only on purpose: the demo token route (stands in for the
 * customer's backend in the demo pages) and the test hook that drops the calling tenant's sockets.
 */
import type { FastifyPluginAsync } from 'fastify';
import { mintUserToken } from '../auth/tokens.js';
import { findTenantById } from '../domain/tenants.js';
import { upsertUser } from '../domain/users.js';
import { ApiError } from '../errors.js';
import { tenantOf } from '../http/request-pipeline.js';
import { externalId, objectSchema } from '../http/schemas.js';

export const DEMO_HEADER_VALUE = 'dev-only token route, never expose in production';

export const demoRoutes: FastifyPluginAsync<{ demoTenantId: string }> = async (
  app,
  { demoTenantId },
) => {
  const { db } = app;
  app.post<{ Querystring: { external_id?: string }; Body: { external_id?: string } }>(
    '/demo/token',
    {
      config: { idempotent: false },
      schema: {
        querystring: { type: 'object', properties: { external_id: externalId } },
        body: objectSchema({ external_id: externalId }),
      },
    },
    async (request, reply) => {
      reply.header('X-Poolse-Demo', DEMO_HEADER_VALUE);
      const wanted = request.query.external_id ?? request.body.external_id;
      if (wanted === undefined)
        throw ApiError.invalidField('external_id', 'is required (query or body)');
      const tenant = findTenantById(db, demoTenantId);
      if (!tenant) throw ApiError.notFound('Demo tenant');
      const { user } = upsertUser(db, tenant.id, wanted);
      if (user.is_blocked === 1) throw ApiError.forbidden('This user is blocked.');
      return mintUserToken(tenant.jwt_secret, {
        userId: user.id,
        tenantId: tenant.id,
        externalId: user.external_id,
      });
    },
  );
};

export const testRoutes: FastifyPluginAsync = async (app) => {
  const { hub } = app;
  app.post(
    '/_test/drop-sockets',
    { config: { auth: 'apiKey', idempotent: false } },
    async (request, reply) => {
      // Only the caller's own tenant: one tenant's key must not disturb another's users.
      hub.dropTenantSockets(tenantOf(request));
      return reply.code(204).send();
    },
  );
};
