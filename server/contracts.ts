/**
 * The seams inside the local server: how the HTTP side (routes, storage,
 * auth) and the realtime side (Phoenix Channels over `ws`) reach each other.
 * Each side depends on these interfaces only, never on the other's modules.
 */
import type { Server as HttpServer } from 'node:http';
import type { ConversationTopicEvents, UserTopicEvents, Uuid } from '../src/sdk/types.js';

/** The caller behind a verified end-user JWT. */
export interface AuthUser {
  userId: Uuid;
  tenantId: Uuid;
  externalId: string;
  /** When the token that authenticated this caller expires (ms since epoch); sockets close then. */
  tokenExpiresAtMs?: number;
  /** A visitor (anonymous identity): reaches only their own support conversation. */
  isVisitor?: boolean;
}

/** What the realtime side needs from the rest of the server. */
export interface RealtimeDeps {
  /** Verifies an end-user JWT (signature, alg, exp, user exists and is not blocked). */
  authenticate(token: string): Promise<AuthUser | null>;
  /** Is this user a member of that conversation (in their own tenant)? */
  isMember(user: AuthUser, conversationId: Uuid): boolean;
  /** Milliseconds without a `typing` ping before `typing:stop`. Default 5000. */
  typingTimeoutMs?: number;
  /** Milliseconds without a heartbeat before the socket is closed. Default 60000. */
  heartbeatTimeoutMs?: number;
}

/**
 * One request of Phoenix's long-poll transport (`/socket/longpoll`), as the
 * HTTP side hands it over: GET polls (or opens a session), POST carries the
 * client's frames as newline-separated JSON.
 */
export interface LongPollRequest {
  method: 'GET' | 'POST';
  /** Every `token` query value in order: the end-user JWT and/or the session token. */
  tokens: readonly string[];
  /** The `X-Phoenix-AuthToken` header (the `authToken` option of the phoenix client). */
  authToken: string | undefined;
  /** The `vsn` query value. */
  vsn: string | undefined;
  /** POST only: the body, one frame per line. */
  body?: string;
  /** Aborts when the client goes away before the answer. */
  signal: AbortSignal;
}

/**
 * The JSON body of every long-poll answer (always HTTP 200, as Phoenix does):
 * 200 with frames, 204 nothing yet, 410 a new session's token (or the session
 * is gone), 403 the JWT was refused.
 */
export interface LongPollAnswer {
  status: 200 | 204 | 403 | 410;
  token?: string;
  messages?: string[];
}

/** What the HTTP side calls to push events to connected clients. */
export interface RealtimeHub {
  broadcastConversation<E extends keyof ConversationTopicEvents>(
    conversationId: Uuid,
    event: E,
    payload: ConversationTopicEvents[E],
  ): void;
  broadcastUser<E extends keyof UserTopicEvents>(
    userId: Uuid,
    event: E,
    payload: UserTopicEvents[E],
  ): void;
  /** The member was removed: close their channels on that conversation. */
  closeMemberChannels(conversationId: Uuid, userId: Uuid): void;
  /** The user sent a message there: end their typing state (sends `typing:stop` if typing). */
  clearTyping(conversationId: Uuid, userId: Uuid): void;
  /** The user may no longer be signed in (blocked): close every socket of theirs now. */
  closeUserSockets(userId: Uuid): void;
  /** Serves one long-poll request (the HTTP side owns the route). */
  longPoll(request: LongPollRequest): Promise<LongPollAnswer>;
  /** Drop every socket (tests use it to simulate a network drop). */
  dropAllSockets(): void;
  /** Drop every socket of one tenant (tests use it to simulate a network drop). */
  dropTenantSockets(tenantId: Uuid): void;
  /** Number of open sockets (for stats and benchmarks). */
  socketCount(): number;
  /** Close every socket and stop accepting upgrades. */
  close(): Promise<void>;
}

/** Attaches the `/socket/websocket` endpoint to the HTTP server. */
export type CreateRealtime = (httpServer: HttpServer, deps: RealtimeDeps) => RealtimeHub;
