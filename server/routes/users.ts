/** `GET /v1/me` (end user) and the backend's user routes (API key). */
import type { FastifyPluginAsync } from 'fastify';
import type { TokenRequest, UserUpdateRequest, UserUpsertRequest } from '../../src/sdk/types.js';
import { mintUserToken } from '../auth/tokens.js';
import { findTenantById } from '../domain/tenants.js';
import {
  findUserByExternalId,
  findUserById,
  findVisibleProfiles,
  serializeUser,
  updateUser,
  upsertUser,
} from '../domain/users.js';
import { ApiError } from '../errors.js';
import { callerOf, tenantOf } from '../http/request-pipeline.js';
import { MAX_PROFILE_LOOKUP } from '../../src/sdk/limits.js';
import { customData, externalId, MAX_NAME_LENGTH, objectSchema } from '../http/schemas.js';

/** Longest token lifetime the backend may ask for: 30 days. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

const externalIdParams = objectSchema({ external_id: externalId }, ['external_id']);
const displayName = { type: ['string', 'null'], maxLength: MAX_NAME_LENGTH } as const;

/** Registered with the `/v1` prefix. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app;

  app.get('/me', { config: { auth: 'user' } }, async (request) => {
    const caller = callerOf(request);
    const user = findUserById(db, caller.tenantId, caller.userId);
    if (!user) throw new ApiError('invalid_user_token', 'The user of this token is gone.');
    return serializeUser(user);
  });

  // Names for a client without its own user resolver: only of people the caller shares a conversation with.
  app.post<{ Body: { external_ids: string[] } }>(
    '/users/lookup',
    {
      config: { auth: 'user' },
      schema: {
        body: objectSchema(
          {
            external_ids: {
              type: 'array',
              items: externalId,
              minItems: 1,
              maxItems: MAX_PROFILE_LOOKUP,
              uniqueItems: true,
            },
          },
          ['external_ids'],
        ),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return {
        data: findVisibleProfiles(db, caller.tenantId, caller.userId, request.body.external_ids),
      };
    },
  );

  app.post<{ Body: UserUpsertRequest }>(
    '/users',
    {
      config: { auth: 'apiKey' },
      schema: {
        body: objectSchema(
          { external_id: externalId, display_name: displayName, custom_data: customData },
          ['external_id'],
        ),
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const { external_id, ...fields } = request.body;
      const { user, created } = upsertUser(db, tenantId, external_id, fields);
      return reply.code(created ? 201 : 200).send(serializeUser(user));
    },
  );

  app.post<{ Params: { external_id: string }; Body: TokenRequest }>(
    '/users/:external_id/tokens',
    {
      config: { auth: 'apiKey' },
      schema: {
        params: externalIdParams,
        body: objectSchema({
          ttl_seconds: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_TTL_SECONDS },
        }),
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const tenant = findTenantById(db, tenantId);
      if (!tenant) throw new ApiError('invalid_api_key', 'A valid API key is required.');
      const { user } = upsertUser(db, tenantId, request.params.external_id);
      if (user.is_blocked === 1) throw ApiError.forbidden('This user is blocked.');
      const token = await mintUserToken(
        tenant.jwt_secret,
        { userId: user.id, tenantId, externalId: user.external_id },
        request.body.ttl_seconds,
      );
      return reply.code(201).send(token);
    },
  );

  app.patch<{ Params: { external_id: string }; Body: UserUpdateRequest }>(
    '/users/:external_id',
    {
      config: { auth: 'apiKey' },
      schema: {
        params: externalIdParams,
        body: objectSchema({
          display_name: displayName,
          custom_data: customData,
          is_blocked: { type: 'boolean' },
        }),
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const user = findUserByExternalId(db, tenantId, request.params.external_id);
      if (!user) throw ApiError.notFound('User');
      const updated = updateUser(db, user, request.body);
      // REST refuses a blocked user's token from now on; their open sockets must not outlive that.
      if (updated.is_blocked === 1) app.hub.closeUserSockets(updated.id);
      return serializeUser(updated);
    },
  );
};
