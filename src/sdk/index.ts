/**
 * The headless poolse client (`@poolse/elements/sdk`): REST resources with
 * retries, idempotency and typed errors, a token cache, and realtime over
 * Phoenix Channels. It imports nothing from Lit or the DOM beyond `fetch`,
 * `WebSocket`, `XMLHttpRequest`, `crypto` and `AbortSignal`.
 */
export { Poolse } from './client.js';
export { POOLSE_API_URL, DEFAULT_SOCKET_PATH } from './config.js';
export type { PoolseConfig, RealtimeTransport, ResolvedConfig } from './config.js';
export { VERSION, VERSION as version } from './version.js';
export * from './limits.js';
export { PoolseError, NetworkError, ApiError, AuthError, RateLimitedError } from './errors.js';
export type { ErrorBody } from './errors.js';
export { RestClient } from './rest-client.js';
export type { HttpMethod, QueryParams, RequestOptions } from './rest-client.js';
export { TokenCache, TOKEN_REFRESH_WINDOW_MS } from './token-cache.js';
export { tokenIdentity } from './session.js';
export type { PoolseSession, TokenIdentity } from './session.js';
export type { GetTokenOptions } from './token-cache.js';
export type { SignalInput } from './abort.js';
export { MeResource } from './resources/me.js';
export { ConversationsResource, ConversationHandle } from './resources/conversations.js';
export type { AddMemberOptions } from './resources/conversations.js';
export { ConversationMessages } from './resources/conversation-messages.js';
export type { MessageIterateOptions } from './resources/conversation-messages.js';
export { MessagesResource, MessageHandle } from './resources/messages.js';
export { AttachmentsResource, AttachmentHandle } from './resources/attachments.js';
export type {
  AttachmentOptions,
  AttachmentUploadInput,
  UploadProgressEvent,
} from './resources/attachments.js';
export { UsersResource } from './resources/users.js';
export type { CachedProfile } from './resources/users.js';
export { PoolseRealtime } from './realtime/realtime.js';
export { ConversationChannel } from './realtime/conversation-channel.js';
export type { JoinErrorEvent } from './realtime/conversation-channel.js';
export type { ActiveTransport } from './realtime/transport.js';
export { UserChannel } from './realtime/user-channel.js';
export {
  verifyWebhook,
  WebhookVerificationError,
  DEFAULT_WEBHOOK_TOLERANCE_SEC,
} from './webhooks.js';
export type { VerifyWebhookOptions, WebhookVerificationReason } from './webhooks.js';
export { identityTokenSource, visitorStorageKey } from './identity.js';
export type { IdentityOptions } from './identity.js';
export type * from './types.js';
