/**
 * The realtime hub: accepts sockets on `/socket/websocket` and long-poll
 * sessions (served through the HTTP side's `/socket/longpoll` route), routes
 * their frames, and gives the HTTP side the broadcast operations of `RealtimeHub`.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AuthUser, RealtimeDeps, RealtimeHub } from '../contracts.js';
import { encodeFrame, encodeReply, type InboundFrame } from './frames.js';
import { DEFAULT_LIMITS, TokenBucket, type RealtimeLimits } from './limits.js';
import { TopicRegistry } from './registry.js';
import { LongPollEndpoint } from './longpoll.js';
import { reportUnexpected } from './report.js';
import { ChannelRouter } from './router.js';
import {
  CLOSE_NORMAL,
  CLOSE_UNAUTHORIZED,
  SocketSession,
  type SessionHandlers,
  type SessionWire,
} from './session.js';
import { conversationTopic, userTopic } from './topics.js';
import { TypingTracker } from './typing.js';
import { SERIALIZER_VSN, SOCKET_PATH, refuseUpgrade, requestUrl, socketToken } from './upgrade.js';

const DEFAULT_TYPING_TIMEOUT_MS = 5000;
/** The frame a client sends on the `phoenix` topic to swap in a fresh token. */
export const ACCESS_TOKEN_EVENT = 'access_token';
const DEFAULT_HEARTBEAT_TIMEOUT_MS = 60_000;

export function createRealtimeHub(
  httpServer: HttpServer,
  deps: RealtimeDeps,
  limitOverrides: Partial<RealtimeLimits> = {},
): RealtimeHub {
  const limits: RealtimeLimits = { ...DEFAULT_LIMITS, ...limitOverrides };
  const typingTimeoutMs = deps.typingTimeoutMs ?? DEFAULT_TYPING_TIMEOUT_MS;
  const heartbeatTimeoutMs = deps.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;

  const registry = new TopicRegistry();
  // Typing events go to the other members only: never to any socket of the typist.
  const typing = new TypingTracker(
    typingTimeoutMs,
    Math.min(limits.typingThrottleMs, typingTimeoutMs),
    (topic, userId, event) =>
      guarded('typing', () =>
        registry.fanOut(topic, encodeFrame(null, null, topic, event, { user_id: userId }), userId),
      ),
  );
  const router = new ChannelRouter(deps, limits, registry, typing);
  const sessions = new Set<SocketSession>();
  /** Each connected user's join budget over all their sockets, kept while they have one. */
  const userJoins = new Map<string, { bucket: TokenBucket; sockets: number }>();
  let closed = false;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    // The `authToken` option of the phoenix client offers `phoenix` plus the token protocol.
    handleProtocols: (protocols) => (protocols.has('phoenix') ? 'phoenix' : false),
  });

  const sessionHandlers: SessionHandlers = {
    frame(session: SocketSession, frame: InboundFrame): void {
      if (frame.topic === 'phoenix' && frame.event === ACCESS_TOKEN_EVENT) {
        reauthenticate(session, frame);
        return;
      }
      try {
        router.handle(session, frame);
      } catch (error) {
        reportUnexpected('frame handling', error);
      }
    },
    closed(session: SocketSession): void {
      sessions.delete(session);
      const budget = userJoins.get(session.user.userId);
      if (budget && --budget.sockets <= 0) userJoins.delete(session.user.userId);
      try {
        router.dropSession(session);
      } catch (error) {
        reportUnexpected('socket cleanup', error);
      }
    },
  };

  function accept(ws: SessionWire, user: AuthUser): SocketSession {
    let budget = userJoins.get(user.userId);
    if (!budget) {
      budget = {
        bucket: new TokenBucket(limits.userJoinBurst, limits.userJoinsPerSecond),
        sockets: 0,
      };
      userJoins.set(user.userId, budget);
    }
    budget.sockets += 1;
    const session = new SocketSession(ws, user, limits, sessionHandlers, budget.bucket);
    sessions.add(session);
    return session;
  }

  /**
   * Phoenix-style re-authentication on the open socket: `access_token` on the
   * `phoenix` topic with `{token}`. A valid token of the same user extends the
   * socket's life to the new expiry; anything else ends the socket.
   */
  function reauthenticate(session: SocketSession, frame: InboundFrame): void {
    const token = frame.payload.token;
    const answer = (status: 'ok' | 'error', response: Record<string, unknown>): void =>
      session.send(encodeReply(frame.joinRef, frame.ref, 'phoenix', status, response));
    authenticate(typeof token === 'string' ? token : null)
      .then((user) => {
        if (!session.isOpen) return;
        if (
          !user ||
          user.userId !== session.user.userId ||
          user.tenantId !== session.user.tenantId
        ) {
          answer('error', { reason: 'unauthorized' });
          session.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        session.renew(user.tokenExpiresAtMs);
        answer(
          'ok',
          user.tokenExpiresAtMs
            ? { expires_at: new Date(user.tokenExpiresAtMs).toISOString() }
            : {},
        );
      })
      .catch((error: unknown) => reportUnexpected('re-authentication', error));
  }

  async function authenticate(token: string | null): Promise<AuthUser | null> {
    if (!token) return null;
    try {
      return await deps.authenticate(token);
    } catch (error) {
      // A token check is meant to answer null for bad tokens; throwing is a server fault.
      reportUnexpected('token check', error);
      return null;
    }
  }

  const longPoll = new LongPollEndpoint({
    limits,
    authenticate,
    accept,
    isClosed: () => closed,
  });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(req.url);
    if (!url || url.pathname !== SOCKET_PATH) {
      // Another upgrade listener may own this path; if there is none, answer rather than hang.
      if (httpServer.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404);
      return;
    }
    socket.on('error', () => socket.destroy());
    if (closed) return refuseUpgrade(socket, 503);
    if (url.searchParams.get('vsn') !== SERIALIZER_VSN) return refuseUpgrade(socket, 400);
    authenticate(socketToken(url, req.headers))
      .then((user) => {
        if (closed) return refuseUpgrade(socket, 503);
        if (!user) return refuseUpgrade(socket, 403);
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, user));
      })
      .catch((error: unknown) => {
        reportUnexpected('upgrade', error);
        socket.destroy();
      });
  }

  function safeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      onUpgrade(req, socket, head);
    } catch (error) {
      reportUnexpected('upgrade', error);
      socket.destroy();
    }
  }
  httpServer.on('upgrade', safeUpgrade);

  // One sweep for all sockets instead of a timer per socket.
  const sweep = setInterval(
    () => {
      const idleBefore = Date.now() - heartbeatTimeoutMs;
      for (const session of [...sessions]) {
        if (session.lastSeenAt < idleBefore) session.close(CLOSE_NORMAL, 'heartbeat timeout');
      }
    },
    Math.max(10, Math.min(heartbeatTimeoutMs / 4, 5000)),
  );
  sweep.unref();

  function guarded(where: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      reportUnexpected(where, error);
    }
  }

  return {
    broadcastConversation(conversationId, event, payload) {
      guarded('broadcast', () => {
        const topic = conversationTopic(conversationId);
        registry.fanOut(topic, encodeFrame(null, null, topic, event, payload));
      });
    },
    broadcastUser(userId, event, payload) {
      guarded('broadcast', () => {
        const topic = userTopic(userId);
        registry.fanOut(topic, encodeFrame(null, null, topic, event, payload));
      });
    },
    closeMemberChannels(conversationId, userId) {
      guarded('closing member channels', () => {
        const topic = conversationTopic(conversationId);
        const theirs = [...registry.subscribers(topic)].filter((sub) => sub.user.userId === userId);
        for (const sub of theirs) {
          router.endChannel(sub, 'phx_close');
        }
      });
    },
    async longPoll(request) {
      try {
        return await longPoll.handle(request);
      } catch (error) {
        reportUnexpected('long poll', error);
        return { status: 410 };
      }
    },
    clearTyping(conversationId, userId) {
      guarded('clearing typing', () => typing.stop(conversationTopic(conversationId), userId));
    },
    closeUserSockets(userId) {
      for (const session of [...sessions]) {
        if (session.user.userId === userId) session.close(CLOSE_UNAUTHORIZED, 'unauthorized');
      }
    },
    dropTenantSockets(tenantId) {
      for (const session of [...sessions]) {
        if (session.user.tenantId === tenantId) session.terminate();
      }
    },
    dropAllSockets() {
      for (const session of [...sessions]) session.terminate();
    },
    socketCount() {
      return sessions.size;
    },
    async close() {
      if (closed) return;
      closed = true;
      httpServer.off('upgrade', safeUpgrade);
      clearInterval(sweep);
      longPoll.close();
      for (const session of [...sessions]) session.terminate();
      typing.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
