import type { PoolseUserProfile } from './types.js';
import { PoolseError } from './errors.js';
import { canGenerateUuid, randomUuid } from './uuid.js';

/** Default base URL of the hosted poolse API. */
export const POOLSE_API_URL = 'https://api.poolse.dev';

/** Default Phoenix Channels mount point. */
export const DEFAULT_SOCKET_PATH = '/socket';

/**
 * How the realtime client reaches the server: `websocket` only, `longpoll`
 * only (HTTP requests, for networks that refuse WebSockets), or `auto`
 * (WebSocket, falling back to long-poll when it cannot connect in time).
 */
export type RealtimeTransport = 'auto' | 'websocket' | 'longpoll';

/** Default time a WebSocket has to open before `auto` falls back to long-poll. */
export const DEFAULT_LONG_POLL_FALLBACK_MS = 2500;
/** Default time between WebSocket attempts while `auto` runs on long-poll. */
export const DEFAULT_WEBSOCKET_RETRY_MS = 30_000;

/** Configuration passed to `new Poolse(config)`. Every field but `getToken` has a default. */
export interface PoolseConfig {
  /**
   * Called whenever the SDK needs an End User JWT. The SDK caches the answer
   * until 30 s before its `exp`, so this runs once per token lifetime.
   * Return `null` to make an unauthenticated request.
   */
  getToken: () => Promise<string | null> | string | null;
  /** Base URL without `/v1`. Default `https://api.poolse.dev`; a trailing slash is stripped. */
  apiUrl?: string;
  /** WebSocket base URL. Default: `apiUrl` with `http(s)` swapped for `ws(s)`. */
  wsUrl?: string;
  /** Phoenix Channels mount point. Default `/socket`. */
  socketPath?: string;
  /**
   * Fetch implementation. Default `globalThis.fetch` (read at call time).
   * Must be bound to `globalThis` if you pass the global one explicitly.
   */
  fetch?: typeof globalThis.fetch;
  /** Retries after the first attempt for transient failures (network, 5xx, 429). Default 3. */
  maxRetries?: number;
  /** Base of the exponential backoff in ms. Default 250. */
  baseBackoffMs?: number;
  /** Hard ceiling on a single retry delay in ms. Default 30000. */
  maxBackoffMs?: number;
  /**
   * Generator for `Idempotency-Key` headers. Default `crypto.randomUUID()`.
   * The constructor throws when no generator is given and `crypto` offers no
   * way to make a UUID.
   */
  generateIdempotencyKey?: () => string;
  /** Called on non-fatal socket errors (Phoenix reconnects by itself); for UI banners. */
  onSocketError?: (err: Error) => void;
  /** Resolves one of your users (by `external_id`) to a display name and avatar. */
  userResolver?: (
    externalId: string,
  ) => Promise<PoolseUserProfile | null> | PoolseUserProfile | null;
  /**
   * WebSocket constructor for the realtime socket (an addition to the
   * `@poolse/sdk` surface). Default: the global `WebSocket`. Node 20 has no
   * global `WebSocket`, so pass one there, e.g. `import { WebSocket } from 'ws'`.
   */
  WebSocket?: typeof WebSocket;
  /**
   * Realtime transport (an addition). Default `auto`: a WebSocket, or
   * Phoenix long-poll (`/socket/longpoll`) when the WebSocket cannot connect
   * within `longPollFallbackMs` or the runtime has none; while on long-poll
   * it tries the WebSocket again every `websocketRetryMs` and moves back
   * when it opens.
   */
  transport?: RealtimeTransport;
  /** How long `auto` waits for a WebSocket to open before falling back. Default 2500. */
  longPollFallbackMs?: number;
  /** How often `auto` tries the WebSocket again while on long-poll. Default 30000. */
  websocketRetryMs?: number;
}

/** The configuration with every default filled in. */
export interface ResolvedConfig {
  apiUrl: string;
  wsUrl: string;
  socketPath: string;
  getToken: PoolseConfig['getToken'];
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  generateIdempotencyKey: () => string;
  onSocketError: ((err: Error) => void) | undefined;
  userResolver: PoolseConfig['userResolver'];
  WebSocket: typeof WebSocket | undefined;
  transport: RealtimeTransport;
  longPollFallbackMs: number;
  websocketRetryMs: number;
}

/** Removes every trailing slash, so `${base}/v1/...` never has a double slash. */
export function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Derives the WebSocket base URL from the REST base URL: `http:` becomes
 * `ws:`, `https:` becomes `wss:`. A relative `apiUrl` is resolved against the
 * page's location when there is one.
 */
export function deriveWsUrl(apiUrl: string): string {
  const base = typeof location !== 'undefined' ? location.href : undefined;
  let url: URL;
  try {
    url = new URL(apiUrl, base);
  } catch {
    throw new PoolseError(`apiUrl "${apiUrl}" is not a URL; set wsUrl explicitly`);
  }
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  return stripTrailingSlash(url.toString());
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new PoolseError(`${name} must be a non-negative number, got ${String(value)}`);
  }
  return value;
}

function realtimeTransport(value: RealtimeTransport | undefined): RealtimeTransport {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'websocket' || value === 'longpoll') return value;
  throw new PoolseError(
    `transport must be 'auto', 'websocket' or 'longpoll', got ${String(value as unknown)}`,
  );
}

/** Validates the config and fills in every default. */
export function resolveConfig(config: PoolseConfig): ResolvedConfig {
  if (typeof config?.getToken !== 'function') {
    throw new PoolseError('config.getToken is required');
  }
  if (!config.generateIdempotencyKey && !canGenerateUuid()) {
    throw new PoolseError('crypto.randomUUID is not available: pass config.generateIdempotencyKey');
  }
  const apiUrl = stripTrailingSlash(config.apiUrl ?? POOLSE_API_URL);
  const socketPath = config.socketPath ?? DEFAULT_SOCKET_PATH;
  return {
    apiUrl,
    wsUrl: stripTrailingSlash(config.wsUrl ?? deriveWsUrl(apiUrl)),
    socketPath: stripTrailingSlash(socketPath.startsWith('/') ? socketPath : `/${socketPath}`),
    getToken: config.getToken,
    // Read the global at call time so a polyfill installed later still works.
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: Math.floor(nonNegative('maxRetries', config.maxRetries, 3)),
    baseBackoffMs: nonNegative('baseBackoffMs', config.baseBackoffMs, 250),
    maxBackoffMs: nonNegative('maxBackoffMs', config.maxBackoffMs, 30_000),
    generateIdempotencyKey: config.generateIdempotencyKey ?? randomUuid,
    onSocketError: config.onSocketError,
    userResolver: config.userResolver,
    WebSocket: config.WebSocket,
    transport: realtimeTransport(config.transport),
    longPollFallbackMs: nonNegative(
      'longPollFallbackMs',
      config.longPollFallbackMs,
      DEFAULT_LONG_POLL_FALLBACK_MS,
    ),
    websocketRetryMs: nonNegative(
      'websocketRetryMs',
      config.websocketRetryMs,
      DEFAULT_WEBSOCKET_RETRY_MS,
    ),
  };
}
