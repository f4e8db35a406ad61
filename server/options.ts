/** Options of the local server and the handle it returns. */
import type { RealtimeHub } from './contracts.js';
import type { Db } from './db/database.js';
import type { CreatedTenant } from './domain/tenants.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import type { UploadSlotLimits } from './uploads/upload-slots.js';
import type { WebhookOptions } from './webhooks/dispatcher.js';

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Time a client has to send a whole request (headers and body): 25 MiB at about 1 Mbit/s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5 * 60 * 1000;

export interface PoolseServerOptions {
  /** 0 picks a free port. Default 4000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Holds `poolse.db` and `uploads/`. */
  dataDir: string;
  /** Creates (idempotently) the demo tenant, users and history. */
  seed?: 'demo';
  /** Mounts `POST /demo/token`. On by default with the demo seed. */
  demoRoutes?: boolean;
  /** Mounts `POST /_test/drop-sockets`. */
  testRoutes?: boolean;
  /** Base URL the server is reached at (upload/download URLs, doc links). Default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Default 25 MiB. */
  maxUploadBytes?: number;
  /**
   * Read limits per user, request limits per IP on routes without credentials, and requests in
   * flight per caller; `false` disables them. Default: on unless `rateLimit` is `false`.
   */
  fairUse?:
    | {
        reads?: Partial<RateLimitOptions>;
        anonymous?: Partial<RateLimitOptions>;
        maxInFlight?: number;
      }
    | false;
  /** https hosts a conversation's avatar_url may use, besides this server's own downloads. Default none. */
  avatarHosts?: string[];
  /** Concurrent uploads per user (default 4) and per IP address (default 16). */
  uploadSlots?: Partial<UploadSlotLimits>;
  /** Per-user write limit; `false` disables it (benchmarks). */
  rateLimit?: Partial<RateLimitOptions> | false;
  /** Fastify's request logging. Default off. */
  logger?: boolean;
  typingTimeoutMs?: number;
  heartbeatTimeoutMs?: number;
  /** Time a client has to send a whole request; a slower one gets 408 and is disconnected. Default 5 min. */
  requestTimeoutMs?: number;
  /** New visitors per IP address (`POST /v1/auth/visitor`); `false` disables the limit. Default 5 at once, then 1 a minute. */
  visitorCreationLimit?: Partial<RateLimitOptions> | false;
  /** Webhook timeouts and retry schedule (defaults in `webhooks/dispatcher.ts`). */
  webhooks?: WebhookOptions;
}

/** One registered HTTP route, as Fastify's `onRoute` hook saw it. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Every HTTP route the server registered (the protocol document must describe each). */
  routes: readonly RegisteredRoute[];
  db: Db;
  hub: RealtimeHub;
  demo?: { tenantId: string; apiKey: string };
  createTenant(name: string): CreatedTenant;
  close(): Promise<void>;
}
