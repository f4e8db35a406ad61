/**
 * Phoenix's long-poll transport, for clients whose network refuses
 * WebSockets. The unmodified `phoenix` client's `LongPoll` speaks it:
 *
 * - GET without a session token authenticates the JWT (the `token` query
 *   param or `X-Phoenix-AuthToken`) and answers `{status: 410, token}`: the
 *   session token for every later request.
 * - GET with the session token waits up to the poll window for frames:
 *   `{status: 200, token, messages}` or `{status: 204, token}`.
 * - POST with the session token carries frames, one JSON array per line:
 *   `{status: 200}`.
 * - An unknown or ended session answers `{status: 410}`; the client then
 *   reconnects and rejoins, as after a dropped WebSocket.
 *
 * Each session is a `SocketSession` over a `LongPollWire`, so channels,
 * authorization and limits are the WebSocket's own.
 */
import { randomBytes } from 'node:crypto';
import type { AuthUser, LongPollAnswer, LongPollRequest } from '../contracts.js';
import { LongPollWire } from './longpoll-wire.js';
import type { RealtimeLimits } from './limits.js';
import type { SessionWire } from './session.js';
import { SERIALIZER_VSN } from './upgrade.js';

/** Session tokens carry this prefix, so they are told apart from the JWT in the same query. */
const SESSION_TOKEN_PREFIX = 'lp.';
const MAX_TOKEN_LENGTH = 8192;

export interface LongPollTimings {
  /** How long a poll is held when there is nothing to send. Below the client's 20 s request timeout. */
  windowMs: number;
  /** A session with no poll for this long is a gone client: it is closed (presence leaves). */
  idleMs: number;
}

export const DEFAULT_LONG_POLL_TIMINGS: LongPollTimings = { windowMs: 10_000, idleMs: 20_000 };

export interface LongPollHost {
  limits: RealtimeLimits;
  authenticate(token: string | null): Promise<AuthUser | null>;
  /** Opens a session over the wire, as for an accepted WebSocket; returns a way to mark it alive. */
  accept(wire: SessionWire, user: AuthUser): { lastSeenAt: number };
  isClosed(): boolean;
}

interface LongPollSession {
  wire: LongPollWire;
  user: AuthUser;
  liveness: { lastSeenAt: number };
}

export class LongPollEndpoint {
  private readonly sessions = new Map<string, LongPollSession>();
  /** Each user's sessions, oldest first, to bound how many one user may hold. */
  private readonly byUser = new Map<string, Set<LongPollSession>>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly host: LongPollHost,
    private readonly timings: LongPollTimings = DEFAULT_LONG_POLL_TIMINGS,
  ) {
    this.sweep = setInterval(
      () => this.closeIdle(),
      Math.max(10, Math.min(timings.idleMs / 4, 5000)),
    );
    this.sweep.unref();
  }

  async handle(request: LongPollRequest): Promise<LongPollAnswer> {
    const sessionToken = lastSessionToken(request.tokens);
    if (sessionToken !== null) {
      const session = this.sessions.get(sessionToken);
      if (!session || !session.wire.isOpen) return { status: 410 };
      session.liveness.lastSeenAt = Date.now();
      if (request.method === 'POST') return this.post(session, request.body ?? '');
      const answer = await session.wire.poll(request.signal);
      session.liveness.lastSeenAt = Date.now();
      return answer.status === 410 ? answer : { ...answer, token: session.wire.token };
    }
    // Frames need a session; the client answers 410 by reconnecting, which opens one.
    if (request.method === 'POST' || this.host.isClosed()) return { status: 410 };
    if (request.vsn !== SERIALIZER_VSN) return { status: 403 };
    return this.open(request);
  }

  /** Stops the sweep; the hub closes the sessions themselves. */
  close(): void {
    clearInterval(this.sweep);
  }

  private async open(request: LongPollRequest): Promise<LongPollAnswer> {
    const user = await this.host.authenticate(userToken(request));
    if (!user) return { status: 403 };
    if (this.host.isClosed()) return { status: 410 };
    const wire = new LongPollWire(
      SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url'),
      this.timings.windowMs,
    );
    const session: LongPollSession = { wire, user, liveness: { lastSeenAt: Date.now() } };
    this.sessions.set(wire.token, session);
    let mine = this.byUser.get(user.userId);
    if (!mine) {
      mine = new Set();
      this.byUser.set(user.userId, mine);
    }
    mine.add(session);
    wire.once('close', () => this.forget(session));
    session.liveness = this.host.accept(wire, user);
    // Sessions cost memory without holding a connection: one user cannot pile them up.
    if (mine.size > this.host.limits.maxLongPollSessionsPerUser) {
      const oldest = mine.values().next().value;
      oldest?.wire.terminate();
    }
    return { status: 410, token: wire.token };
  }

  private post(session: LongPollSession, body: string): LongPollAnswer {
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    // Like an oversized WebSocket frame (1009): the session ends and the client reconnects.
    if (lines.some((line) => Buffer.byteLength(line) > this.host.limits.maxFrameBytes)) {
      session.wire.terminate();
      return { status: 410 };
    }
    session.wire.receive(lines);
    return session.wire.isOpen ? { status: 200 } : { status: 410 };
  }

  private forget(session: LongPollSession): void {
    this.sessions.delete(session.wire.token);
    const mine = this.byUser.get(session.user.userId);
    if (mine?.delete(session) && mine.size === 0) this.byUser.delete(session.user.userId);
  }

  private closeIdle(): void {
    const idleBefore = Date.now() - this.timings.idleMs;
    for (const session of [...this.sessions.values()]) {
      if (!session.wire.isPolling && session.wire.lastPollAt < idleBefore) {
        session.wire.terminate();
      }
    }
  }
}

/** The newest session token in the query (the client appends its own after the JWT). */
function lastSessionToken(tokens: readonly string[]): string | null {
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i];
    if (token?.startsWith(SESSION_TOKEN_PREFIX)) return token;
  }
  return null;
}

/** The end-user JWT: the header of the `authToken` option, else the first other `token` value. */
function userToken(request: LongPollRequest): string | null {
  const candidate =
    request.authToken ?? request.tokens.find((token) => !token.startsWith(SESSION_TOKEN_PREFIX));
  if (!candidate || candidate.length > MAX_TOKEN_LENGTH) return null;
  return candidate;
}
