/**
 * Helpers for the realtime tests: the real `phoenix` client over `ws`, a raw
 * frame-level client for what the phoenix client would never send, and a
 * bare HTTP server carrying only the realtime hub with fake dependencies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Socket, type Channel, type SocketConnectOption } from 'phoenix';
import WebSocket from 'ws';
import type { AuthUser, RealtimeDeps, RealtimeHub } from '../../../server/contracts.js';
import { createRealtimeHub, type RealtimeLimits } from '../../../server/realtime/index.js';

const DEFAULT_WAIT_MS = 3000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when `check` holds, or rejects after `timeoutMs`. */
export async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

// ---------------------------------------------------------------------------
// The phoenix client
// ---------------------------------------------------------------------------

/** A phoenix Socket using `ws` as its transport (Node 20 has no global WebSocket). */
export function phoenixSocket(
  endpoint: string,
  token: string,
  opts: Partial<SocketConnectOption> = {},
): Socket {
  return new Socket(endpoint, {
    transport: WebSocket,
    params: { token },
    timeout: 2000,
    ...opts,
  });
}

/** Connects and resolves once the socket is open; rejects on the first transport error. */
export function connect(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const refs = [
      socket.onOpen(() => {
        socket.off(refs);
        resolve(socket);
      }),
      socket.onError((error) => {
        socket.off(refs);
        reject(new Error(`socket error: ${String(error)}`));
      }),
    ];
    socket.connect();
  });
}

export function disconnect(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.disconnect(() => resolve()));
}

export type JoinResult = { status: 'ok' | 'error'; response: unknown };

/** Joins and resolves with the server's reply. A refused channel is left so it stops retrying. */
export function join(channel: Channel): Promise<JoinResult> {
  return new Promise((resolve, reject) => {
    channel
      .join()
      .receive('ok', (response: unknown) => resolve({ status: 'ok', response }))
      .receive('error', (response: unknown) => {
        channel.leave();
        resolve({ status: 'error', response });
      })
      .receive('timeout', () => reject(new Error(`join of ${channel.topic} timed out`)));
  });
}

export function pushAndReply(
  channel: Channel,
  event: string,
  payload: object = {},
): Promise<JoinResult> {
  return new Promise((resolve, reject) => {
    channel
      .push(event, payload)
      .receive('ok', (response: unknown) => resolve({ status: 'ok', response }))
      .receive('error', (response: unknown) => resolve({ status: 'error', response }))
      .receive('timeout', () => reject(new Error(`push of ${event} timed out`)));
  });
}

/** Records the named events of a channel, in arrival order. */
export class EventLog {
  readonly events: { event: string; payload: unknown }[] = [];

  constructor(channel: Channel, names: readonly string[]) {
    for (const name of names) {
      channel.on(name, (payload: unknown) => {
        this.events.push({ event: name, payload });
      });
    }
  }

  payloads(event: string): unknown[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload);
  }

  count(event: string): number {
    return this.payloads(event).length;
  }

  async next(event: string, after = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<unknown> {
    await eventually(() => this.count(event) > after, `${event} #${after + 1}`, timeoutMs);
    return this.payloads(event)[after];
  }
}

// ---------------------------------------------------------------------------
// A raw frame-level client
// ---------------------------------------------------------------------------

export type Frame = [string | null, string | null, string, string, Record<string, unknown>];

export class RawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Opens `<endpoint>/websocket?vsn=2.0.0&token=…`. */
  static open(endpoint: string, token: string): Promise<RawClient> {
    const ws = new WebSocket(`${endpoint}/websocket?vsn=2.0.0&token=${encodeURIComponent(token)}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (from `from` on) matching the predicate. */
  async next(
    match: (frame: Frame) => boolean,
    what: string,
    from = 0,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<Frame> {
    let found: Frame | undefined;
    await eventually(
      () => (found = this.frames.slice(from).find(match)) !== undefined,
      what,
      timeoutMs,
    );
    return found as Frame;
  }

  reply(ref: string, from = 0): Promise<Frame> {
    return this.next((f) => f[1] === ref && f[3] === 'phx_reply', `reply to ${ref}`, from);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Answers the upgrade with a status code instead of a socket (or 'open'). */
export function upgradeStatus(url: string): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      resolve('open');
      ws.terminate();
    });
    ws.once('error', (error) => {
      if (!String(error.message).startsWith('Unexpected server response')) reject(error);
    });
  });
}

// ---------------------------------------------------------------------------
// A bare server carrying only the hub, with fake dependencies
// ---------------------------------------------------------------------------

export interface BareUser {
  user: AuthUser;
  token: string;
}

export interface BareRealtime {
  hub: RealtimeHub;
  server: Server;
  /** `ws://127.0.0.1:<port>/socket`, as the phoenix client wants it. */
  endpoint: string;
  addUser(externalId: string): BareUser;
  addMember(conversationId: string, userId: string): void;
  removeMember(conversationId: string, userId: string): void;
  close(): Promise<void>;
}

export interface BareOptions {
  typingTimeoutMs?: number;
  heartbeatTimeoutMs?: number;
  limits?: Partial<RealtimeLimits>;
  /** Replaces the fake dependencies (to make them fail). */
  deps?: Partial<Pick<RealtimeDeps, 'authenticate' | 'isMember'>>;
}

export async function startBareRealtime(options: BareOptions = {}): Promise<BareRealtime> {
  const tenantId = randomUUID();
  const usersByToken = new Map<string, AuthUser>();
  const members = new Map<string, Set<string>>();
  const deps: RealtimeDeps = {
    authenticate: async (token) => usersByToken.get(token) ?? null,
    isMember: (user, conversationId) => members.get(conversationId)?.has(user.userId) ?? false,
    typingTimeoutMs: options.typingTimeoutMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    ...options.deps,
  };
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const hub = createRealtimeHub(server, deps, options.limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    hub,
    server,
    endpoint: `ws://127.0.0.1:${port}/socket`,
    addUser(externalId) {
      const user: AuthUser = { userId: randomUUID(), tenantId, externalId };
      const token = `token-${randomUUID()}`;
      usersByToken.set(token, user);
      return { user, token };
    },
    addMember(conversationId, userId) {
      const set = members.get(conversationId) ?? new Set<string>();
      set.add(userId);
      members.set(conversationId, set);
    },
    removeMember(conversationId, userId) {
      members.get(conversationId)?.delete(userId);
    },
    async close() {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
