/**
 * Pushes the realtime events that follow each committed write, through the
 * RealtimeHub. Called after the transaction commits, never inside it.
 */
import type { Message } from '../../src/sdk/types.js';
import type { RealtimeHub } from '../contracts.js';
import type { Db } from '../db/database.js';
import type { ConversationRow, MembershipRow, MessageRow } from '../db/rows.js';
import { findConversation, memberExternalIds, sharedConversation } from './conversations.js';
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

interface MemberView {
  user_id: string;
  unread_count: number;
  last_read_sequence: number;
}

/**
 * `conversation:updated` / `conversation:created` for many members: the shared
 * part of the conversation is serialized once, and each listening member's
 * frame only appends their own unread count and read cursor. Members with no
 * socket on their user topic cost one skipped row.
 */
function pushConversationToMembers(
  db: Db,
  hub: RealtimeHub,
  row: ConversationRow,
  event: 'conversation:updated' | 'conversation:created',
  onlyUserIds: ReadonlySet<string> | null,
  byUserId: string | null,
): void {
  const members = (
    db
      .prepare(
        'SELECT user_id, unread_count, last_read_sequence FROM memberships WHERE conversation_id = ?',
      )
      .all(row.id) as MemberView[]
  ).filter(
    (m) => (onlyUserIds === null || onlyUserIds.has(m.user_id)) && hub.isUserListening(m.user_id),
  );
  if (members.length === 0) return;
  const shared = JSON.stringify(sharedConversation(row, memberExternalIds(db, row.id)));
  // `shared` is a JSON object: drop its closing brace and append the member's own fields.
  const open = shared.slice(0, -1);
  const tail =
    event === 'conversation:updated' ? `},"by_user_id":${JSON.stringify(byUserId)}}` : '}';
  const head = event === 'conversation:updated' ? '{"conversation":' : '';
  for (const member of members) {
    const own = `,"unread_count":${member.unread_count},"last_read_sequence":${member.last_read_sequence}`;
    hub.broadcastUserEncoded(member.user_id, event, `${head}${open}${own}${tail}`);
  }
}

export function createNotifier(db: Db, hub: RealtimeHub): Notifier {
  const conversationUpdated = (
    conversationId: string,
    tenantId: string,
    byUserId: string | null,
  ): void => {
    const row = findConversation(db, tenantId, conversationId);
    if (!row) return;
    pushConversationToMembers(db, hub, row, 'conversation:updated', null, byUserId);
  };
  return {
    conversationCreated(conversation, toUserIds) {
      pushConversationToMembers(
        db,
        hub,
        conversation,
        'conversation:created',
        new Set(toUserIds),
        null,
      );
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
