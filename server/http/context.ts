/**
 * What the plugins share. The root instance is decorated once with the
 * database, the realtime hub, the notifier and the server's settings (see
 * `services.ts`); every route plugin reads them from its own instance. The
 * per-request fields the auth plugin fills in are typed here too.
 */
import type { AuthUser, RealtimeHub } from '../contracts.js';
import type { Db } from '../db/database.js';
import type { Notifier } from '../domain/notify.js';
import type { UploadSlots } from '../uploads/upload-slots.js';
import type { RateLimiter } from './rate-limit.js';

/** Every REST route lives under this prefix (the plugins are registered with it). */
export const API_PREFIX = '/v1';

export interface PendingIdempotency {
  tenantId: string;
  path: string;
  key: string;
  fingerprint: string;
}

export interface ServerContext {
  db: Db;
  hub: RealtimeHub;
  /** The public base URL (known once the server listens). */
  apiUrl(): string;
  uploadsDir: string;
  /** Secret for signed upload and download URLs. */
  signingSecret: string;
  maxUploadBytes: number;
  /** https hosts a conversation's avatar_url may point at (besides this server's downloads). */
  avatarHosts: readonly string[];
  /** Concurrent uploads per user and per address. */
  uploadSlots: UploadSlots;
  /** The server's whole-request timeout; upload bodies get at most this long. */
  requestTimeoutMs: number;
  rateLimiter: RateLimiter | null;
  /** Logs an unexpected error (500). */
  logError(error: unknown, context: string): void;
}

/** How a route authenticates its caller. */
export type RouteAuth = 'user' | 'apiKey' | 'none';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's settings and services. */
    poolse: ServerContext;
    /** The SQLite database. */
    db: Db;
    /** The realtime side: sockets, channels, presence. */
    hub: RealtimeHub;
    /** Every realtime push after a committed write goes through it. */
    notify: Notifier;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Non-GET routes that honour `Idempotency-Key` (default: every user/apiKey write). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** Set by the auth hook on `auth: 'user'` routes. */
    authUser: AuthUser | null;
    /** Set by the auth hook on `auth: 'user'` and `auth: 'apiKey'` routes. */
    authTenantId: string | null;
    /** Who the rate limit and idempotency fingerprint are about. */
    callerKey: string | null;
    /** Set when this write carries an `Idempotency-Key` seen for the first time. */
    idempotency: PendingIdempotency | null;
  }
}
