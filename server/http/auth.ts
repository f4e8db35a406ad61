/**
 * Authentication: each route says who may call it (`config.auth`), and this
 * plugin's onRequest hook verifies the bearer credential before the body is
 * read. `callerOf` / `tenantOf` give handlers the verified caller.
 */
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { verifyUserToken } from '../auth/tokens.js';
import { findTenantByApiKey } from '../domain/tenants.js';
import { visitorMayUseRoute } from '../domain/visitor-access.js';
import { ApiError } from '../errors.js';
import { SERVICES_PLUGIN } from './services.js';

export const AUTH_PLUGIN = 'poolse-auth';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export const authPlugin = fp(
  async (app) => {
    const { db } = app;
    app.decorateRequest('authUser', null);
    app.decorateRequest('authTenantId', null);
    app.decorateRequest('callerKey', null);

    app.addHook('onRequest', async (request) => {
      const auth = request.routeOptions.config.auth;
      if (auth === 'user') {
        const token = bearerToken(request);
        const user = token ? await verifyUserToken(db, token) : null;
        if (!user) throw new ApiError('invalid_user_token', 'A valid end-user token is required.');
        if (user.isVisitor && !visitorMayUseRoute(request.method, request.routeOptions.url))
          throw ApiError.forbidden('A visitor may only use their support conversation.');
        request.authUser = user;
        request.authTenantId = user.tenantId;
        request.callerKey = `user:${user.userId}`;
      } else if (auth === 'apiKey') {
        const key = bearerToken(request);
        const tenant = key ? findTenantByApiKey(db, key) : undefined;
        if (!tenant) throw new ApiError('invalid_api_key', 'A valid API key is required.');
        request.authTenantId = tenant.id;
        request.callerKey = `tenant:${tenant.id}`;
      }
    });
  },
  { name: AUTH_PLUGIN, dependencies: [SERVICES_PLUGIN] },
);

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
