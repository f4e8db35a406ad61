/** Messages, threads, reactions and read cursors (end-user routes). */
import type { FastifyPluginAsync } from 'fastify';
import { MAX_ATTACHMENTS, MAX_EMOJI_LENGTH, MAX_MENTIONS } from '../../src/sdk/limits.js';
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
import { ApiError } from '../errors.js';
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

const messageBody = { type: 'string', minLength: 1, maxLength: MAX_BODY_LENGTH } as const;
const emojiSchema = { type: 'string', minLength: 1, maxLength: MAX_EMOJI_LENGTH } as const;

function requireEmoji(emoji: string): void {
  if (!isEmojiKey(emoji)) throw ApiError.invalidField('emoji', 'must be a single emoji');
}

/** Registered with the `/v1` prefix. */
export const messageRoutes: FastifyPluginAsync = async (app) => {
  const { db, notify, poolse: ctx } = app;

  app.get<{ Params: { id: string }; Querystring: MessageListQuery }>(
    '/conversations/:id/messages',
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
    '/conversations/:id/messages',
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
      // A system notice renders centered and without a sender: only the backend may post one.
      if (request.body.type === 'system')
        throw ApiError.forbidden('System messages are posted by the backend, not by users.');
      const { conversation } = requireMembership(db, caller, request.params.id);
      const result = createMessage(db, caller, conversation.id, request.body);
      const message = hydrateMessage(db, result.message);
      if (result.kind === 'existing') return reply.code(200).send(message);
      notify.messageCreated(message, result.threadRoot, result.mentionedUserIds);
      return reply.code(201).send(message);
    },
  );

  app.post<{ Params: { id: string }; Body: ReadRequest }>(
    '/conversations/:id/read',
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
        notify.memberRead(conversation.id, caller.userId, moved);
      }
      return reply.code(204).send();
    },
  );

  app.patch<{ Params: { id: string }; Body: { body: string } }>(
    '/messages/:id',
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
    '/messages/:id',
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
    '/messages/:id/replies',
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
    '/messages/:id/reactions',
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
        notify.reactionAdded(message, emoji, caller.userId);
      }
      return hydrateMessage(db, message);
    },
  );

  app.delete<{ Params: { id: string; emoji: string } }>(
    '/messages/:id/reactions/:emoji',
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
        notify.reactionRemoved(message, emoji, caller.userId);
      }
      return hydrateMessage(db, message);
    },
  );
};
