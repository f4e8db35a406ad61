/**
 * Raises the events that follow each committed write: realtime pushes
 * through the RealtimeHub, and webhook deliveries written to the database
 * (in the same synchronous turn as the commit, before the route answers).
 * Called after the transaction commits, never inside it.
 */
import type { Conversation, JsonObject, Message, WebhookEventType } from '../../src/sdk/types.js';
import type { RealtimeHub } from '../contracts.js';
import type { Db } from '../db/database.js';
import type { ConversationRow, MembershipRow, MessageRow } from '../db/rows.js';
import {
  findConversation,
  listMemberships,
  serializeMembership,
  memberExternalIds,
  memberUserIds,
  serializeConversation,
} from './conversations.js';
import { hydrateMessage } from './messages.js';

export interface Notifier {
  conversationCreated(conversation: ConversationRow, toUserIds: string[]): void;
  /** `conversation:updated` to every member, each with their own view (unread count, read cursor). */
  conversationUpdated(conversationId: string, tenantId: string, byUserId: string | null): void;
  messageCreated(message: Message, threadRoot: MessageRow | null, mentionedUserIds: string[]): void;
  messageUpdated(message: Message): void;
  messageDeleted(message: MessageRow): void;
  reactionAdded(message: MessageRow, emoji: string, userId: string): void;
  reactionRemoved(message: MessageRow, emoji: string, userId: string): void;
  /** The member's read cursor moved forward (`member:read` to the conversation). */
  memberRead(conversationId: string, userId: string, membership: MembershipRow): void;
  /** The member was removed: their channels on that conversation close. */
  memberRemoved(conversationId: string, userId: string): void;
  /** Users joined a conversation (added by a member, or by a visitor merge). */
  membersAdded(conversation: ConversationRow, userIds: string[]): void;
}

/** Where webhook events go (the dispatcher); absent when the server sends none. */
export interface WebhookSink {
  enqueue(tenantId: string, type: WebhookEventType, orderingKey: string, data: JsonObject): void;
}

/** The conversation as a webhook shows it: no one viewer's unread count or read cursor. */
function conversationForWebhook(db: Db, row: ConversationRow): JsonObject {
  const {
    unread_count: _unread,
    last_read_sequence: _read,
    ...rest
  }: Conversation = serializeConversation(db, row, '');
  return rest as unknown as JsonObject;
}

export function createNotifier(db: Db, hub: RealtimeHub, webhooks?: WebhookSink): Notifier {
  const emit = (tenantId: string, type: WebhookEventType, conversationId: string, data: object) =>
    webhooks?.enqueue(tenantId, type, conversationId, data as JsonObject);
  const conversationUpdated = (
    conversationId: string,
    tenantId: string,
    byUserId: string | null,
  ): void => {
    const row = findConversation(db, tenantId, conversationId);
    if (!row) return;
    // Once per send, not once per member: a big group's send stays cheap.
    const externalIds = memberExternalIds(db, conversationId);
    for (const userId of memberUserIds(db, conversationId)) {
      hub.broadcastUser(userId, 'conversation:updated', {
        conversation: serializeConversation(db, row, userId, externalIds),
        by_user_id: byUserId,
      });
    }
  };
  return {
    conversationCreated(conversation, toUserIds) {
      emit(conversation.tenant_id, 'conversation.created', conversation.id, {
        conversation: conversationForWebhook(db, conversation),
      });
      for (const userId of toUserIds) {
        hub.broadcastUser(
          userId,
          'conversation:created',
          serializeConversation(db, conversation, userId),
        );
      }
    },
    conversationUpdated,
    messageCreated(message, threadRoot, mentionedUserIds) {
      emit(message.tenant_id, 'message.created', message.conversation_id, { message });
      hub.broadcastConversation(message.conversation_id, 'message:new', message);
      if (threadRoot)
        hub.broadcastConversation(
          message.conversation_id,
          'message:updated',
          hydrateMessage(db, threadRoot),
        );
      if (message.sender_id !== null) hub.clearTyping(message.conversation_id, message.sender_id);
      conversationUpdated(message.conversation_id, message.tenant_id, message.sender_id);
      for (const userId of mentionedUserIds) {
        hub.broadcastUser(userId, 'mention:new', {
          message_id: message.id,
          conversation_id: message.conversation_id,
          sender_id: message.sender_id,
        });
      }
    },
    messageUpdated(message) {
      emit(message.tenant_id, 'message.updated', message.conversation_id, { message });
      hub.broadcastConversation(message.conversation_id, 'message:updated', message);
    },
    messageDeleted(message) {
      const deleted = {
        id: message.id,
        conversation_id: message.conversation_id,
        deleted_at: message.deleted_at,
      };
      emit(message.tenant_id, 'message.deleted', message.conversation_id, { message: deleted });
      hub.broadcastConversation(message.conversation_id, 'message:deleted', deleted);
    },
    reactionAdded(message, emoji, userId) {
      hub.broadcastConversation(message.conversation_id, 'reaction:added', {
        message_id: message.id,
        conversation_id: message.conversation_id,
        emoji,
        user_id: userId,
      });
    },
    reactionRemoved(message, emoji, userId) {
      hub.broadcastConversation(message.conversation_id, 'reaction:removed', {
        message_id: message.id,
        conversation_id: message.conversation_id,
        emoji,
        user_id: userId,
      });
    },
    memberRead(conversationId, userId, membership) {
      hub.broadcastConversation(conversationId, 'member:read', {
        user_id: userId,
        conversation_id: conversationId,
        last_read_message_id: membership.last_read_message_id,
        last_read_at: membership.last_read_at,
      });
    },
    memberRemoved(conversationId, userId) {
      const who = db
        .prepare(
          `SELECT c.tenant_id, u.external_id FROM conversations c, users u WHERE c.id = ? AND u.id = ?`,
        )
        .get(conversationId, userId) as { tenant_id: string; external_id: string } | undefined;
      if (who)
        emit(who.tenant_id, 'member.removed', conversationId, {
          conversation_id: conversationId,
          user_id: userId,
          external_id: who.external_id,
        });
      hub.closeMemberChannels(conversationId, userId);
    },
    membersAdded(conversation, userIds) {
      if (userIds.length === 0) return;
      const added = new Set(userIds);
      for (const membership of listMemberships(db, conversation.id)) {
        if (!added.has(membership.user_id)) continue;
        emit(conversation.tenant_id, 'member.added', conversation.id, {
          conversation_id: conversation.id,
          member: serializeMembership(membership),
        });
      }
      for (const userId of userIds) {
        hub.broadcastUser(
          userId,
          'conversation:created',
          serializeConversation(db, conversation, userId),
        );
      }
    },
  };
}
