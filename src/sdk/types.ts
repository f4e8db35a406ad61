/**
 * Wire types of the poolse v1 contract (`docs/protocol.md`).
 *
 * This file is the one place both sides of the wire agree on: the SDK,
 * the store and the local server all import their shapes from here. It
 * holds types only, so importing it never pulls code into a bundle.
 */

export type Uuid = string;
/** ISO-8601 UTC string with milliseconds, e.g. `2026-01-02T03:04:05.678Z`. */
export type IsoDateTime = string;
export type JsonObject = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

export interface User {
  id: Uuid;
  tenant_id: Uuid;
  external_id: string;
  display_name: string | null;
  custom_data: JsonObject;
  is_blocked: boolean;
  /** A visitor: an anonymous identity that reaches only its own support conversation (servers before visitors omit it). */
  is_visitor?: boolean;
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export type Me = User;

export type ConversationType = 'direct' | 'group';

export interface Conversation {
  id: Uuid;
  tenant_id: Uuid;
  type: ConversationType;
  name: string | null;
  avatar_url: string | null;
  created_by_user_id: Uuid | null;
  member_limit: number | null;
  custom_data: JsonObject;
  settings: JsonObject;
  last_message_at: IsoDateTime | null;
  last_sequence: number;
  /** First ~80 characters of the newest main-feed body. */
  last_message_preview: string | null;
  member_external_ids: string[];
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
  /** For the calling user [ours]. */
  unread_count: number;
  /** For the calling user [ours]. */
  last_read_sequence: number;
}

export interface ConversationList {
  data: Conversation[];
}

export interface ConversationCreateRequest {
  type: ConversationType;
  name?: string | null;
  avatar_url?: string | null;
  member_limit?: number | null;
  member_external_ids?: string[];
  custom_data?: JsonObject;
  settings?: JsonObject;
}

export interface ConversationUpdateRequest {
  name?: string | null;
  avatar_url?: string | null;
  member_limit?: number | null;
  custom_data?: JsonObject;
  settings?: JsonObject;
}

export type MemberRole = 'owner' | 'admin' | 'member';

export interface Membership {
  id: Uuid;
  conversation_id: Uuid;
  user_id: Uuid;
  external_id: string;
  role: MemberRole;
  last_read_message_id: Uuid | null;
  last_read_at: IsoDateTime | null;
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface MembershipList {
  data: Membership[];
}

export interface MembershipCreateRequest {
  external_ids: string[];
  role?: MemberRole;
}

export type MessageType = 'text' | 'system' | 'custom';

export type AttachmentStatus = 'pending' | 'ready';

export interface Attachment {
  id: Uuid;
  tenant_id: Uuid;
  message_id: Uuid | null;
  sender_id: Uuid | null;
  content_type: string;
  byte_size: number;
  sha256: string | null;
  original_filename: string | null;
  status: AttachmentStatus;
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface Message {
  id: Uuid;
  tenant_id: Uuid;
  conversation_id: Uuid;
  sender_id: Uuid | null;
  /** [ours] */
  sender_external_id: string | null;
  type: MessageType;
  body: string | null;
  reply_to_id: Uuid | null;
  thread_root_id: Uuid | null;
  quoted_message_id: Uuid | null;
  /** The quoted message without its own quote, or null. */
  quoted_message: (Omit<Message, 'quoted_message'> & { quoted_message?: null }) | null;
  mentions: Uuid[];
  /** emoji -> user ids that reacted with it. */
  reactions: Record<string, Uuid[]>;
  attachments: Attachment[];
  /** [ours] */
  reply_count: number;
  /** [ours] */
  last_reply_at: IsoDateTime | null;
  custom_data: JsonObject;
  edited_at: IsoDateTime | null;
  deleted_at: IsoDateTime | null;
  sequence: number;
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface MessageList {
  data: Message[];
}

export interface MessageCreateRequest {
  id?: Uuid;
  /** Required unless `attachment_ids` is non-empty; at most 10,000 characters. */
  body?: string | null;
  type?: MessageType;
  reply_to_id?: Uuid;
  quoted_message_id?: Uuid;
  mentions?: Uuid[];
  /** At most 10. */
  attachment_ids?: Uuid[];
  custom_data?: JsonObject;
}

export interface MessageUpdateRequest {
  body: string;
}

export interface MessageListQuery {
  /** 1..200, default 50. */
  limit?: number;
  /** Sequence: newer-first page of messages older than this. */
  before?: number;
  /** Sequence: oldest-first page of messages newer than this (gap fill). */
  after?: number;
}

export interface RepliesQuery {
  /** Default 500. */
  limit?: number;
  /** Sequence of the last reply already held. */
  after?: number;
}

export interface ReadRequest {
  message_id: Uuid;
}

export interface ReactionRequest {
  emoji: string;
}

export interface AttachmentUploadRequest {
  content_type: string;
  byte_size: number;
  original_filename?: string;
}

export interface AttachmentUploadResponse {
  attachment: Attachment;
  upload: {
    url: string;
    method: 'put';
    /** Headers the client must send on the PUT (they are signed into the URL). */
    headers: Record<string, string>;
  };
}

export interface AttachmentDownloadResponse {
  url: string;
  method: 'get';
}

// Backend (API key) routes

export interface UserUpsertRequest {
  external_id: string;
  display_name?: string | null;
  custom_data?: JsonObject;
}

export interface UserUpdateRequest {
  display_name?: string | null;
  custom_data?: JsonObject;
  is_blocked?: boolean;
}

export interface TokenRequest {
  ttl_seconds?: number;
}

export interface TokenResponse {
  token: string;
  expires_at: IsoDateTime;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'invalid_user_token'
  | 'invalid_api_key'
  | 'invalid_user_hash'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'message_deleted'
  | 'payload_too_large'
  | 'attachment_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'internal';

export interface ErrorEnvelope {
  error: {
    code: ErrorCode | (string & {});
    message: string;
    doc_url: string;
    details?: JsonObject;
  };
}

// ---------------------------------------------------------------------------
// JWT claims [ours]
// ---------------------------------------------------------------------------

export interface UserTokenClaims {
  /** User uuid. */
  sub: Uuid;
  /** Tenant uuid. */
  tid: Uuid;
  /** The user's external_id. */
  ext: string;
  iat: number;
  exp: number;
}

// ---------------------------------------------------------------------------
// Realtime payloads
// ---------------------------------------------------------------------------

export type MessageNewEvent = Message;
export type MessageUpdatedEvent = Message;

export interface MessageDeletedEvent {
  id: Uuid;
  conversation_id: Uuid;
  deleted_at: IsoDateTime | null;
}

export interface ReactionEvent {
  message_id: Uuid;
  conversation_id: Uuid;
  emoji: string;
  user_id: Uuid;
}

export interface MemberReadEvent {
  user_id: Uuid;
  conversation_id: Uuid;
  last_read_message_id: Uuid | null;
  last_read_at: IsoDateTime | null;
}

export interface TypingEvent {
  user_id: Uuid;
}

export interface MentionEvent {
  message_id: Uuid;
  conversation_id: Uuid;
  sender_id: Uuid | null;
}

export type ConversationCreatedEvent = Conversation;

export interface ConversationUpdatedEvent {
  conversation: Conversation;
  by_user_id: Uuid | null;
}

export interface PresenceMeta {
  phx_ref: string;
  online_at: number;
  external_id?: string;
}

/** Phoenix Presence list: user id -> that user's metas (one per tab). */
export type PresenceSnapshot = Record<Uuid, { metas: PresenceMeta[] }>;

export interface PresenceDiff {
  joins: PresenceSnapshot;
  leaves: PresenceSnapshot;
}

/** Events pushed on `conversation:<id>`, by event name. */
export interface ConversationTopicEvents {
  'message:new': MessageNewEvent;
  'message:updated': MessageUpdatedEvent;
  'message:deleted': MessageDeletedEvent;
  'reaction:added': ReactionEvent;
  'reaction:removed': ReactionEvent;
  'member:read': MemberReadEvent;
  'typing:start': TypingEvent;
  'typing:stop': TypingEvent;
  presence_state: PresenceSnapshot;
  presence_diff: PresenceDiff;
}

/** Events pushed on `user:<id>`, by event name. */
export interface UserTopicEvents {
  'mention:new': MentionEvent;
  'conversation:created': ConversationCreatedEvent;
  'conversation:updated': ConversationUpdatedEvent;
}

export type RealtimeStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export type Unsubscribe = () => void;

/** What the app's `userResolver` answers for an external id. */
export interface PoolseUserProfile {
  displayName?: string | null;
  avatarUrl?: string | null;
}

// ---------------------------------------------------------------------------
// Identity verification and visitors [ours]
// ---------------------------------------------------------------------------

/** `POST /v1/auth/verify`: the page proves who the user is with an HMAC from the site's backend. */
export interface IdentityVerifyRequest {
  tenant_id: Uuid;
  external_id: string;
  /** Hex HMAC-SHA256 of `external_id` under the tenant's identity secret. */
  user_hash: string;
  name?: string;
  email?: string;
  /** A visitor identity kept by this browser: its conversation moves to the verified user. */
  visitor_id?: string;
  visitor_secret?: string;
}

/** `POST /v1/auth/visitor`: a new visitor identity, or the one this browser kept. */
export interface VisitorRequest {
  tenant_id: Uuid;
  visitor_id?: string;
  visitor_secret?: string;
}

export interface IdentityTokenResponse extends TokenResponse {
  user: User;
  /** Verify only: a visitor identity was merged into this user. */
  merged_visitor?: boolean;
  /** Visitor only: the credentials the browser keeps to come back as the same visitor. */
  visitor_id?: string;
  visitor_secret?: string;
  /** Visitor only: the conversation with the tenant's team. */
  support_conversation_id?: Uuid;
}

export interface TenantSettings {
  visitors_enabled: boolean;
  /** Name of the support conversation each visitor gets. */
  support_name: string;
  /** Members of every new support conversation (as admins): the tenant's team. */
  support_team_external_ids: string[];
}

export interface IdentitySecretInfo {
  id: Uuid;
  secret: string;
  inserted_at: IsoDateTime;
  expires_at: IsoDateTime | null;
}

// ---------------------------------------------------------------------------
// Webhooks [ours]
// ---------------------------------------------------------------------------

export type WebhookEventType =
  | 'message.created'
  | 'message.updated'
  | 'message.deleted'
  | 'conversation.created'
  | 'member.added'
  | 'member.removed';

export interface WebhookEndpoint {
  id: Uuid;
  url: string;
  event_types: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  /** Only in the answers to create and to `GET /v1/webhooks/:id`. */
  secret?: string;
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface WebhookAttempt {
  attempted_at: IsoDateTime;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhookDelivery {
  id: Uuid;
  endpoint_id: Uuid;
  event_id: Uuid;
  event_type: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempt_count: number;
  next_attempt_at: IsoDateTime | null;
  replay_of: Uuid | null;
  inserted_at: IsoDateTime;
  updated_at: IsoDateTime;
  attempts: WebhookAttempt[];
  payload: WebhookEvent;
}

/** The body of every webhook POST. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  id: Uuid;
  type: T;
  tenant_id: Uuid;
  created_at: IsoDateTime;
  data: JsonObject;
}
