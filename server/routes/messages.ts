/** Messages, threads, reactions and read cursors (end-user routes). */
import type { FastifyInstance } from 'fastify';
import type {
  MessageCreateRequest,
  MessageListQuery,
  ReactionRequest,
  ReadRequest,
  RepliesQuery,
} from '../../src/sdk/types.js';
import { requireManager, requireMembership } from '../domain/conversations.js';
import { isEmojiKey } from '../domain/emoji.js';
import {
  addReaction,
  createMessage,
  deleteMessage,
  editMessage,
  findMessage,
  hydrateMessage,
  listMessages,
  listReplies,
  markRead,
  removeReaction,
  requireMessageForMember,
} from '../domain/messages.js';
import type { Notifier } from '../domain/notify.js';
import { ApiError } from '../errors.js';
import type { ServerContext } from '../http/context.js';
import { callerOf } from '../http/request-pipeline.js';
import {
  customData,
  idParams,
  MAX_BODY_LENGTH,
  objectSchema,
  pageQuery,
  uuid,
} from '../http/schemas.js';
import { removeStoredFile } from '../uploads/file-store.js';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;
const DEFAULT_REPLIES = 500;
const MAX_ATTACHMENTS = 10;
const MAX_MENTIONS = 100;

const messageBody = { type: 'string', minLength: 1, maxLength: MAX_BODY_LENGTH } as const;
const emojiSchema = { type: 'string', minLength: 1, maxLength: 32 } as const;

function requireEmoji(emoji: string): void {
  if (!isEmojiKey(emoji)) throw ApiError.invalidField('emoji', 'must be a single emoji');
}

export function registerMessageRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  notify: Notifier,
): void {
  const { db, hub } = ctx;

  app.get<{ Params: { id: string }; Querystring: MessageListQuery }>(
    '/v1/conversations/:id/messages',
    {
      config: { auth: 'user' },
      schema: { params: idParams('id'), querystring: pageQuery(MAX_PAGE) },
    },
    async (request) => {
      const { conversation } = requireMembership(db, callerOf(request), request.params.id);
      const { limit = DEFAULT_PAGE, before, after } = request.query;
      if (before !== undefined && after !== undefined) {
        throw ApiError.invalidField('before', 'cannot be combined with after');
      }
      return { data: listMessages(db, conversation.id, { limit, before, after }) };
    },
  );

  app.post<{ Params: { id: string }; Body: MessageCreateRequest }>(
    '/v1/conversations/:id/messages',
    {
      config: { auth: 'user' },
      schema: {
        params: idParams('id'),
        body: objectSchema({
          id: uuid,
          body: { type: ['string', 'null'], maxLength: MAX_BODY_LENGTH },
          type: { type: 'string', enum: ['text', 'system', 'custom'] },
          reply_to_id: uuid,
          quoted_message_id: uuid,
          mentions: { type: 'array', items: uuid, maxItems: MAX_MENTIONS },
          attachment_ids: { type: 'array', items: uuid, maxItems: MAX_ATTACHMENTS },
          custom_data: customData,
        }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { conversation } = requireMembership(db, caller, request.params.id);
      const result = createMessage(db, caller, conversation.id, request.body);
      const message = hydrateMessage(db, result.message);
      if (result.kind === 'existing') return reply.code(200).send(message);
      notify.messageCreated(message, result.threadRoot, result.mentionedUserIds);
      return reply.code(201).send(message);
    },
  );

  app.post<{ Params: { id: string }; Body: ReadRequest }>(
    '/v1/conversations/:id/read',
    {
      config: { auth: 'user' },
      schema: { params: idParams('id'), body: objectSchema({ message_id: uuid }, ['message_id']) },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { conversation, membership } = requireMembership(db, caller, request.params.id);
      const message = findMessage(db, request.body.message_id);
      if (!message || message.conversation_id !== conversation.id)
        throw ApiError.notFound('Message');
      const moved = markRead(db, membership, message);
      if (moved) {
        hub.broadcastConversation(conversation.id, 'member:read', {
          user_id: caller.userId,
          conversation_id: conversation.id,
          last_read_message_id: moved.last_read_message_id,
          last_read_at: moved.last_read_at,
        });
      }
      return reply.code(204).send();
    },
  );

  app.patch<{ Params: { id: string }; Body: { body: string } }>(
    '/v1/messages/:id',
    {
      config: { auth: 'user' },
      schema: { params: idParams('id'), body: objectSchema({ body: messageBody }, ['body']) },
    },
    async (request) => {
      const caller = callerOf(request);
      const { message } = requireMessageForMember(db, caller, request.params.id);
      if (message.sender_id !== caller.userId)
        throw ApiError.forbidden('Only the sender may edit a message.');
      if (message.deleted_at !== null)
        throw new ApiError('message_deleted', 'The message was deleted.');
      const updated = hydrateMessage(db, editMessage(db, message, request.body.body));
      notify.messageUpdated(updated);
      return updated;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/messages/:id',
    { config: { auth: 'user' }, schema: { params: idParams('id') } },
    async (request, reply) => {
      const caller = callerOf(request);
      const { message, membership } = requireMessageForMember(db, caller, request.params.id);
      if (message.sender_id !== caller.userId) requireManager(membership);
      if (message.deleted_at === null) {
        const { message: deleted, removedAttachmentIds } = deleteMessage(db, message);
        for (const id of removedAttachmentIds) removeStoredFile(ctx.uploadsDir, id);
        notify.messageDeleted(deleted);
      }
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: RepliesQuery }>(
    '/v1/messages/:id/replies',
    {
      config: { auth: 'user' },
      schema: {
        params: idParams('id'),
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: DEFAULT_REPLIES },
            after: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (request) => {
      const { message } = requireMessageForMember(db, callerOf(request), request.params.id);
      const rootId = message.thread_root_id ?? message.id;
      return {
        data: listReplies(db, rootId, request.query.limit ?? DEFAULT_REPLIES, request.query.after),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: ReactionRequest }>(
    '/v1/messages/:id/reactions',
    {
      config: { auth: 'user' },
      schema: { params: idParams('id'), body: objectSchema({ emoji: emojiSchema }, ['emoji']) },
    },
    async (request) => {
      const caller = callerOf(request);
      const { emoji } = request.body;
      requireEmoji(emoji);
      const { message } = requireMessageForMember(db, caller, request.params.id);
      if (message.deleted_at !== null)
        throw new ApiError('message_deleted', 'The message was deleted.');
      if (addReaction(db, message.id, emoji, caller.userId)) {
        hub.broadcastConversation(message.conversation_id, 'reaction:added', {
          message_id: message.id,
          conversation_id: message.conversation_id,
          emoji,
          user_id: caller.userId,
        });
      }
      return hydrateMessage(db, message);
    },
  );

  app.delete<{ Params: { id: string; emoji: string } }>(
    '/v1/messages/:id/reactions/:emoji',
    {
      config: { auth: 'user' },
      schema: { params: objectSchema({ id: uuid, emoji: emojiSchema }, ['id', 'emoji']) },
    },
    async (request) => {
      const caller = callerOf(request);
      const { emoji } = request.params;
      requireEmoji(emoji);
      const { message } = requireMessageForMember(db, caller, request.params.id);
      if (removeReaction(db, message.id, emoji, caller.userId)) {
        hub.broadcastConversation(message.conversation_id, 'reaction:removed', {
          message_id: message.id,
          conversation_id: message.conversation_id,
          emoji,
          user_id: caller.userId,
        });
      }
      return hydrateMessage(db, message);
    },
  );
}
