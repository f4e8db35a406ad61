/** Conversations and memberships (end-user routes). */
import type { FastifyPluginAsync } from 'fastify';
import { MAX_MEMBERS_PER_REQUEST } from '../../src/sdk/limits.js';
import type {
  ConversationCreateRequest,
  ConversationUpdateRequest,
  MemberRole,
  MembershipCreateRequest,
} from '../../src/sdk/types.js';
import {
  addMembers,
  createConversation,
  listConversationsFor,
  listMemberships,
  removeMember,
  requireManager,
  requireMembership,
  serializeConversation,
  serializeMembership,
  updateConversation,
} from '../domain/conversations.js';
import { requireAllowedAvatar } from '../domain/avatar-policy.js';
import { findUserByExternalId } from '../domain/users.js';
import { ApiError } from '../errors.js';
import { callerOf } from '../http/request-pipeline.js';
import {
  customData,
  externalId,
  idParams,
  nullableName,
  nullableUrl,
  objectSchema,
  uuid,
} from '../http/schemas.js';

const memberLimit = { type: ['integer', 'null'], minimum: 2, maximum: 100_000 } as const;
const externalIds = {
  type: 'array',
  items: externalId,
  maxItems: MAX_MEMBERS_PER_REQUEST,
} as const;

/** Registered with the `/v1` prefix. */
export const conversationRoutes: FastifyPluginAsync = async (app) => {
  const { db, notify } = app;

  app.get('/conversations', { config: { auth: 'user' } }, async (request) => {
    return { data: listConversationsFor(db, callerOf(request)) };
  });

  app.post<{ Body: ConversationCreateRequest }>(
    '/conversations',
    {
      config: { auth: 'user' },
      schema: {
        body: objectSchema(
          {
            type: { type: 'string', enum: ['direct', 'group'] },
            name: nullableName,
            avatar_url: nullableUrl,
            member_limit: memberLimit,
            member_external_ids: externalIds,
            custom_data: customData,
            settings: customData,
          },
          ['type'],
        ),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      requireAllowedAvatar(request.body.avatar_url, app.poolse.avatarHosts, app.poolse.apiUrl());
      const result = createConversation(db, caller, request.body);
      if (result.created) notify.conversationCreated(result.conversation, result.memberIds);
      return reply
        .code(result.created ? 201 : 200)
        .send(serializeConversation(db, result.conversation, caller.userId));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/conversations/:id',
    { config: { auth: 'user' }, schema: { params: idParams('id') } },
    async (request) => {
      const caller = callerOf(request);
      const { conversation } = requireMembership(db, caller, request.params.id);
      return serializeConversation(db, conversation, caller.userId);
    },
  );

  app.patch<{ Params: { id: string }; Body: ConversationUpdateRequest }>(
    '/conversations/:id',
    {
      config: { auth: 'user' },
      schema: {
        params: idParams('id'),
        body: objectSchema({
          name: nullableName,
          avatar_url: nullableUrl,
          member_limit: memberLimit,
          custom_data: customData,
          settings: customData,
        }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { conversation, membership } = requireMembership(db, caller, request.params.id);
      requireManager(membership);
      requireAllowedAvatar(request.body.avatar_url, app.poolse.avatarHosts, app.poolse.apiUrl());
      const updated = updateConversation(db, conversation, request.body);
      notify.conversationUpdated(updated.id, updated.tenant_id, caller.userId);
      return serializeConversation(db, updated, caller.userId);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/conversations/:id/members',
    { config: { auth: 'user' }, schema: { params: idParams('id') } },
    async (request) => {
      const { conversation } = requireMembership(db, callerOf(request), request.params.id);
      return { data: listMemberships(db, conversation.id).map(serializeMembership) };
    },
  );

  app.post<{ Params: { id: string }; Body: MembershipCreateRequest }>(
    '/conversations/:id/members',
    {
      config: { auth: 'user' },
      schema: {
        params: idParams('id'),
        body: objectSchema(
          {
            external_ids: { ...externalIds, minItems: 1 },
            role: { type: 'string', enum: ['owner', 'admin', 'member'] },
          },
          ['external_ids'],
        ),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { conversation, membership } = requireMembership(db, caller, request.params.id);
      requireManager(membership);
      const role: MemberRole = request.body.role ?? 'member';
      if (role === 'owner')
        throw ApiError.forbidden('A conversation has one owner; add members as admin or member.');
      if (role === 'admin' && membership.role !== 'owner')
        throw ApiError.forbidden('Only the owner may add admins.');
      const result = addMembers(db, caller.tenantId, conversation, request.body.external_ids, role);
      if (result.addedUserIds.length > 0) {
        const fresh = requireMembership(db, caller, conversation.id).conversation;
        notify.membersAdded(fresh, result.addedUserIds);
      }
      return { data: result.memberships.map(serializeMembership) };
    },
  );

  app.delete<{ Params: { id: string; external_id: string } }>(
    '/conversations/:id/members/:external_id',
    {
      config: { auth: 'user' },
      schema: {
        params: objectSchema({ id: uuid, external_id: externalId }, ['id', 'external_id']),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { conversation, membership } = requireMembership(db, caller, request.params.id);
      const target = findUserByExternalId(db, caller.tenantId, request.params.external_id);
      const targetMembership = target
        ? listMemberships(db, conversation.id).find((m) => m.user_id === target.id)
        : undefined;
      if (!target || !targetMembership) throw ApiError.notFound('Member');
      const leaving = target.id === caller.userId;
      if (!leaving) {
        requireManager(membership);
        if (targetMembership.role === 'owner')
          throw ApiError.forbidden('The owner cannot be removed.');
        if (targetMembership.role === 'admin' && membership.role !== 'owner') {
          throw ApiError.forbidden('Only the owner may remove an admin.');
        }
      }
      if (conversation.type === 'direct') {
        throw ApiError.conflict('A direct conversation always has exactly two members.');
      }
      const newOwner = removeMember(db, conversation.id, target.id);
      notify.memberRemoved(conversation.id, target.id);
      if (newOwner) notify.conversationUpdated(conversation.id, conversation.tenant_id, null);
      return reply.code(204).send();
    },
  );
};
