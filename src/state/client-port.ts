/**
 * The narrow slice of the SDK client (`Poolse`, `src/sdk/`) that the chat
 * store uses. It repeats the reference (@poolse/sdk 2.1) method names and
 * shapes exactly, so a real `Poolse` instance satisfies it structurally and a
 * scripted fake (`test/support/fake-chat-client.ts`) can stand in for it.
 *
 * Methods omit the optional `signal` parameter of the real SDK: the store
 * never cancels a request, and a method with extra optional parameters is
 * still assignable to these signatures.
 */
import type {
  Conversation,
  ConversationCreateRequest,
  ConversationList,
  ConversationListQuery,
  ConversationTopicEvents,
  Me,
  MembershipList,
  Message,
  MessageCreateRequest,
  MessageList,
  MessageListQuery,
  PoolseUserProfile,
  PresenceSnapshot,
  RealtimeStatus,
  RepliesQuery,
  Unsubscribe,
  UserTopicEvents,
} from '../sdk/types.js';
import type { PoolseSession } from '../sdk/session.js';

export interface ConversationMessagesPort {
  /** `GET /v1/conversations/:id/messages`: newest first, or oldest first with `after`. */
  list(query?: MessageListQuery): Promise<MessageList>;
  /** `POST /v1/conversations/:id/messages`; idempotent on `attrs.id`. */
  send(attrs: MessageCreateRequest): Promise<Message>;
  /** `POST /v1/conversations/:id/read`. */
  markRead(messageId: string): Promise<void>;
}

export interface ConversationHandlePort {
  listMembers(): Promise<MembershipList>;
  readonly messages: ConversationMessagesPort;
}

export interface MessageHandlePort {
  update(attrs: { body: string }): Promise<Message>;
  delete(): Promise<void>;
  /** Thread replies, oldest first. */
  replies(query?: RepliesQuery): Promise<MessageList>;
  addReaction(emoji: string): Promise<Message>;
  removeReaction(emoji: string): Promise<Message>;
}

export interface UsersPort {
  /** `undefined`: not fetched yet (or no resolver); `null`: resolver answered nothing. */
  peek(externalId: string): PoolseUserProfile | null | undefined;
  get(externalId: string): Promise<PoolseUserProfile | null>;
  /**
   * The server's names of these users (the caller and people who share a
   * conversation with them). Optional: a client without it keeps external ids
   * where the app's resolver gives no name.
   */
  lookup?(
    externalIds: readonly string[],
  ): Promise<Array<{ external_id: string; display_name: string | null }>>;
  /** `listener` gets `undefined` when the entry was invalidated (to be fetched again). */
  subscribe(
    externalId: string,
    listener: (profile: PoolseUserProfile | null | undefined) => void,
  ): Unsubscribe;
}

export interface ConversationChannelPort {
  onMessage(fn: (payload: ConversationTopicEvents['message:new']) => void): Unsubscribe;
  onMessageUpdated(fn: (payload: ConversationTopicEvents['message:updated']) => void): Unsubscribe;
  onMessageDeleted(fn: (payload: ConversationTopicEvents['message:deleted']) => void): Unsubscribe;
  onReactionAdded(fn: (payload: ConversationTopicEvents['reaction:added']) => void): Unsubscribe;
  onReactionRemoved(
    fn: (payload: ConversationTopicEvents['reaction:removed']) => void,
  ): Unsubscribe;
  onMemberRead(fn: (payload: ConversationTopicEvents['member:read']) => void): Unsubscribe;
  onTypingStart(fn: (payload: ConversationTopicEvents['typing:start']) => void): Unsubscribe;
  onTypingStop(fn: (payload: ConversationTopicEvents['typing:stop']) => void): Unsubscribe;
  /** The snapshot pushed after every (re)join; replayed to late subscribers. */
  onPresenceState(fn: (payload: PresenceSnapshot) => void): Unsubscribe;
  onPresenceDiff(fn: (payload: ConversationTopicEvents['presence_diff']) => void): Unsubscribe;
  getPresenceState(): PresenceSnapshot;
  sendTyping(): void;
  /**
   * Fires after every successful join, including each rejoin after a
   * reconnect. An addition of this project's SDK (not in the reference), so
   * optional: without it the store treats each `presence_state` as a rejoin.
   */
  onJoin?(fn: () => void): Unsubscribe;
  /** The server refused the join (`reason: 'unauthorized'`: not a member). An addition; optional. */
  onJoinError?(fn: (event: { reason: string }) => void): Unsubscribe;
}

export interface UserChannelPort {
  onJoinError?(fn: (event: { reason: string }) => void): Unsubscribe;
  onMention(fn: (payload: UserTopicEvents['mention:new']) => void): Unsubscribe;
  onConversationCreated(
    fn: (payload: UserTopicEvents['conversation:created']) => void,
  ): Unsubscribe;
  onConversationUpdated(
    fn: (payload: UserTopicEvents['conversation:updated']) => void,
  ): Unsubscribe;
}

export interface RealtimePort {
  getStatus(): RealtimeStatus;
  onStatus(fn: (status: RealtimeStatus) => void): Unsubscribe;
  conversation(id: string): ConversationChannelPort;
  user(id: string): UserChannelPort;
  leave(id: string): void;
}

/** What the store needs from the SDK client. `Poolse` satisfies it. */
export interface ChatClientPort {
  readonly me: { show(): Promise<Me> };
  readonly conversations: {
    list(query?: ConversationListQuery): Promise<ConversationList>;
    create(attrs: ConversationCreateRequest): Promise<Conversation>;
    one(id: string): ConversationHandlePort;
  };
  readonly messages: { one(id: string): MessageHandlePort };
  /**
   * Attachment download URLs. Optional so a client without uploads (a test
   * double) still fits; the store then yields no URL.
   */
  readonly attachments?: {
    one(id: string): { downloadUrl(): Promise<{ url: string; method: 'get' }> };
  };
  readonly users: UsersPort;
  readonly realtime: RealtimePort;
  /**
   * The client's settings; the store reads `apiUrl` to keep a persisted
   * outbox per server. Optional: without it the outbox is kept per user only.
   */
  readonly config?: { readonly apiUrl: string };
  /** The signed-in session (asks for a token if needed); for the offline cache. Optional. */
  session?(): Promise<PoolseSession | null>;
  /** Starts from a stored session (offline reload). Optional. */
  restoreSession?(session: unknown): boolean;
}
