/**
 * Pushes the realtime events that follow each committed write, through the
 * RealtimeHub. Called after the transaction commits, never inside it.
 */
import type { Message } from '../../src/sdk/types.js';
import type { RealtimeHub } from '../contracts.js';
import type { Db } from '../db/database.js';
import type { ConversationRow, MembershipRow, MessageRow } from '../db/rows.js';
import {
  findConversation,
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
}

export function createNotifier(db: Db, hub: RealtimeHub): Notifier {
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
      hub.broadcastConversation(message.conversation_id, 'message:updated', message);
    },
    messageDeleted(message) {
      hub.broadcastConversation(message.conversation_id, 'message:deleted', {
        id: message.id,
        conversation_id: message.conversation_id,
        deleted_at: message.deleted_at,
      });
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
      hub.closeMemberChannels(conversationId, userId);
    },
  };
}
