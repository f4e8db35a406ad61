/**
 * Sign-in for embeds without a token endpoint: identity verification
 * (`POST /v1/auth/verify`), visitors (`POST /v1/auth/visitor`), and the
 * backend's (API-key) routes for the identity secret and the embed settings.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type {
  IdentityTokenResponse,
  IdentityVerifyRequest,
  JsonObject,
  TenantSettings,
  VisitorRequest,
} from '../../src/sdk/types.js';
import { mintUserToken } from '../auth/tokens.js';
import type { UserRow } from '../db/rows.js';
import {
  listIdentitySecrets,
  MAX_ROTATION_OVERLAP_SECONDS,
  rotateIdentitySecret,
  verifyUserHash,
} from '../domain/identity.js';
import { getTenantSettings, updateTenantSettings } from '../domain/tenant-settings.js';
import { findTenantById } from '../domain/tenants.js';
import { findUserByExternalId, serializeUser, upsertUser } from '../domain/users.js';
import {
  createVisitor,
  mergeVisitor,
  resumeVisitor,
  supportConversationOf,
} from '../domain/visitors.js';
import { ApiError } from '../errors.js';
import { RateLimiter, type RateLimitOptions } from '../http/rate-limit.js';
import { tenantOf } from '../http/request-pipeline.js';
import { externalId, MAX_NAME_LENGTH, objectSchema, uuid } from '../http/schemas.js';

/** Lifetime of the tokens these routes mint: short, the SDK asks again before expiry. */
export const IDENTITY_TOKEN_TTL_SECONDS = 15 * 60;
/** New visitors per IP address: a handful at once, then one a minute. */
export const DEFAULT_VISITOR_CREATION_LIMIT: RateLimitOptions = { burst: 5, perSecond: 1 / 60 };
/** Every sign-in call per IP address (verify, visitor resume): bounds guessing. */
export const DEFAULT_SIGN_IN_LIMIT: RateLimitOptions = { burst: 30, perSecond: 1 };

const MAX_EMAIL_LENGTH = 320;
const hash = { type: 'string', minLength: 1, maxLength: 128 } as const;
const secret = { type: 'string', minLength: 1, maxLength: 128 } as const;

export interface IdentityRoutesOptions {
  visitorCreationLimit?: Partial<RateLimitOptions> | false | undefined;
}

function limitOrThrow(limiter: RateLimiter | null, key: string, what: string): void {
  const wait = limiter?.take(key) ?? 0;
  if (wait > 0) throw new ApiError('rate_limited', `Too many ${what}; slow down.`, undefined, wait);
}

function invalidHash(): ApiError {
  return new ApiError('invalid_user_hash', 'The user hash does not match this external id.');
}

/** Registered with the `/v1` prefix. */
export const identityRoutes: FastifyPluginAsync<IdentityRoutesOptions> = async (app, options) => {
  const { db, notify, poolse: ctx } = app;
  const creationLimit = options.visitorCreationLimit;
  const visitorCreations =
    creationLimit === false
      ? null
      : new RateLimiter({ ...DEFAULT_VISITOR_CREATION_LIMIT, ...creationLimit });
  const signIns = ctx.rateLimiter ? new RateLimiter(DEFAULT_SIGN_IN_LIMIT) : null;
  const ipOf = (request: FastifyRequest) => `ip:${request.ip}`;

  const tokenFor = async (tenantJwtSecret: string, user: UserRow) =>
    mintUserToken(
      tenantJwtSecret,
      { userId: user.id, tenantId: user.tenant_id, externalId: user.external_id },
      IDENTITY_TOKEN_TTL_SECONDS,
    );

  app.post<{ Body: IdentityVerifyRequest }>(
    '/auth/verify',
    {
      config: { idempotent: false },
      schema: {
        body: objectSchema(
          {
            tenant_id: uuid,
            external_id: externalId,
            user_hash: hash,
            name: { type: 'string', maxLength: MAX_NAME_LENGTH },
            email: { type: 'string', maxLength: MAX_EMAIL_LENGTH },
            visitor_id: externalId,
            visitor_secret: secret,
          },
          ['tenant_id', 'external_id', 'user_hash'],
        ),
      },
    },
    async (request): Promise<IdentityTokenResponse> => {
      limitOrThrow(signIns, ipOf(request), 'sign-ins');
      const body = request.body;
      const tenant = findTenantById(db, body.tenant_id);
      // Unknown tenant, no secret, wrong hash: one answer, so nothing is learnt from the difference.
      if (!tenant || !verifyUserHash(db, tenant.id, body.external_id, body.user_hash))
        throw invalidHash();
      const fields: { display_name?: string; custom_data?: JsonObject } = {};
      if (body.name !== undefined) fields.display_name = body.name;
      const existing = findUserByExternalId(db, tenant.id, body.external_id);
      if (existing?.is_visitor === 1) throw invalidHash();
      if (body.email !== undefined) {
        const custom = JSON.parse(existing?.custom_data ?? '{}') as JsonObject;
        fields.custom_data = { ...custom, email: body.email };
      }
      const { user } = upsertUser(db, tenant.id, body.external_id, fields);
      if (user.is_blocked === 1) throw ApiError.forbidden('This user is blocked.');

      let merged = false;
      const visitor =
        body.visitor_id !== undefined && body.visitor_secret !== undefined
          ? resumeVisitor(db, tenant.id, body.visitor_id, body.visitor_secret)
          : null;
      if (visitor) {
        const result = mergeVisitor(db, visitor, user);
        merged = true;
        for (const conversationId of result.left) notify.memberRemoved(conversationId, visitor.id);
        for (const conversation of result.joined) notify.membersAdded(conversation, [user.id]);
      }
      const token = await tokenFor(tenant.jwt_secret, user);
      return { ...token, user: serializeUser(user), merged_visitor: merged };
    },
  );

  app.post<{ Body: VisitorRequest }>(
    '/auth/visitor',
    {
      config: { idempotent: false },
      schema: {
        body: objectSchema({ tenant_id: uuid, visitor_id: externalId, visitor_secret: secret }, [
          'tenant_id',
        ]),
      },
    },
    async (request, reply) => {
      limitOrThrow(signIns, ipOf(request), 'sign-ins');
      const body = request.body;
      const tenant = findTenantById(db, body.tenant_id);
      const settings = tenant ? getTenantSettings(db, tenant.id) : null;
      if (!tenant || !settings?.visitors_enabled)
        throw ApiError.forbidden('Visitor chat is not enabled for this tenant.');
      const returning =
        body.visitor_id !== undefined && body.visitor_secret !== undefined
          ? resumeVisitor(db, tenant.id, body.visitor_id, body.visitor_secret)
          : null;
      if (returning) {
        const answer: IdentityTokenResponse = {
          ...(await tokenFor(tenant.jwt_secret, returning)),
          user: serializeUser(returning),
        };
        const support = supportConversationOf(db, returning.id);
        if (support) answer.support_conversation_id = support.id;
        return reply.code(200).send(answer);
      }
      limitOrThrow(visitorCreations, ipOf(request), 'new visitors from this address');
      const created = createVisitor(db, tenant.id);
      notify.conversationCreated(created.conversation, created.memberIds);
      const answer: IdentityTokenResponse = {
        ...(await tokenFor(tenant.jwt_secret, created.user)),
        user: serializeUser(created.user),
        visitor_id: created.user.external_id,
        visitor_secret: created.secret,
        support_conversation_id: created.conversation.id,
      };
      return reply.code(201).send(answer);
    },
  );

  app.get('/identity-secrets', { config: { auth: 'apiKey' } }, async (request) => ({
    data: listIdentitySecrets(db, tenantOf(request)),
  }));

  app.post<{ Body: { overlap_seconds?: number } }>(
    '/identity-secrets',
    {
      config: { auth: 'apiKey' },
      schema: {
        body: objectSchema({
          overlap_seconds: { type: 'integer', minimum: 0, maximum: MAX_ROTATION_OVERLAP_SECONDS },
        }),
      },
    },
    async (request, reply) => {
      const created = rotateIdentitySecret(db, tenantOf(request), request.body.overlap_seconds);
      return reply.code(201).send(created);
    },
  );

  app.get('/tenant/settings', { config: { auth: 'apiKey' } }, async (request) =>
    getTenantSettings(db, tenantOf(request)),
  );

  app.patch<{ Body: Partial<TenantSettings> }>(
    '/tenant/settings',
    {
      config: { auth: 'apiKey' },
      schema: {
        body: objectSchema({
          visitors_enabled: { type: 'boolean' },
          support_name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
          support_team_external_ids: { type: 'array', items: externalId, maxItems: 100 },
        }),
      },
    },
    async (request) => updateTenantSettings(db, tenantOf(request), request.body),
  );
};
