import { Socket, type SocketConnectOption } from 'phoenix';
import type { ResolvedConfig } from '../config.js';
import { ListenerSet, callSafely } from '../listeners.js';
import type { TokenCache } from '../token-cache.js';
import type { RealtimeStatus, Unsubscribe } from '../types.js';
import { ConversationChannel } from './conversation-channel.js';
import { TokenRenewal } from './token-renewal.js';
import { UserChannel } from './user-channel.js';
import {
  activeTransport,
  planTransport,
  WebSocketReturn,
  type ActiveTransport,
} from './transport.js';

function toError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  if (typeof reason === 'string') return new Error(reason);
  return new Error('WebSocket error');
}

/**
 * The realtime client over Phoenix Channels. Dormant until the first
 * `conversation()` or `user()` call (or `connect()`); phoenix then reconnects
 * with backoff by itself, and every (re)connect reads the current token.
 */
export class PoolseRealtime {
  private socket: Socket | null = null;
  private status: RealtimeStatus = 'idle';
  private everConnected = false;
  private transport: ActiveTransport | null = null;
  private lastTransport: ActiveTransport | null = null;
  private webSocketReturn: WebSocketReturn | null = null;
  private readonly transportListeners = new ListenerSet<ActiveTransport>();
  private readonly statusListeners = new ListenerSet<RealtimeStatus>();
  private readonly conversations = new Map<string, ConversationChannel>();
  private readonly users = new Map<string, UserChannel>();
  private readonly renewal: TokenRenewal;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly tokenCache: TokenCache,
  ) {
    this.renewal = new TokenRenewal(tokenCache, (reason) => this.reportSocketError(reason));
  }

  /** `idle` (never connected), `connecting`, `connected`, `reconnecting` (lost, retrying) or `closed` (after `disconnect()`). */
  getStatus(): RealtimeStatus {
    return this.status;
  }

  /** Calls `fn` with each new status (not with the current one: read `getStatus()`). */
  onStatus(fn: (status: RealtimeStatus) => void): Unsubscribe {
    return this.statusListeners.add(fn);
  }

  /**
   * The transport of the open connection (`websocket` or `longpoll`), or
   * null while none is open. An addition to `@poolse/sdk`.
   */
  getTransport(): ActiveTransport | null {
    return this.transport;
  }

  /** Calls `fn` each time a connection opens over another transport than the last one. An addition. */
  onTransport(fn: (transport: ActiveTransport) => void): Unsubscribe {
    return this.transportListeners.add(fn);
  }

  /**
   * Opens the socket; does nothing when it is already open or opening.
   * Channels can be requested right away: phoenix buffers their joins.
   *
   * Phoenix reads the `params` callback synchronously on every (re)connect
   * and does not await it, so the token is fetched into the cache first and
   * the callback only peeks at it. A token inside its refresh window peeks
   * as `null`: that handshake is refused, a refresh starts, and phoenix's
   * next retry carries the new token.
   *
   * @throws {PoolseError} transport `websocket` in a runtime without a `WebSocket` and none was configured.
   */
  connect(): void {
    if (this.socket) return;
    const plan = planTransport(this.config);
    const options: Partial<SocketConnectOption> = {
      ...plan.options,
      params: () => this.socketParams(),
    };
    const socket = new Socket(`${this.config.wsUrl}${this.config.socketPath}`, options);
    this.socket = socket;
    const webSocketReturn = plan.webSocket
      ? new WebSocketReturn(
          socket,
          plan.webSocket,
          () => this.probeUrl(),
          this.config.longPollFallbackMs,
          this.config.websocketRetryMs,
        )
      : null;
    this.webSocketReturn = webSocketReturn;
    socket.onOpen(() => {
      if (this.socket !== socket) return;
      this.everConnected = true;
      this.renewal.start(socket);
      const transport = activeTransport(socket);
      if (transport === 'longpoll') webSocketReturn?.onLongPollOpen();
      else webSocketReturn?.stop();
      this.transport = transport;
      if (transport !== this.lastTransport) {
        this.lastTransport = transport;
        this.transportListeners.emit(transport);
      }
      this.setStatus('connected');
    });
    socket.onClose(() => {
      if (this.socket !== socket) return;
      this.renewal.stop();
      this.transport = null;
      this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
      this.prefetchToken();
    });
    socket.onError((reason) => {
      if (this.socket !== socket) return;
      this.reportSocketError(reason);
    });
    this.setStatus('connecting');
    this.tokenCache
      .getToken()
      .catch((err: unknown) => this.reportSocketError(err))
      .finally(() => {
        if (this.socket === socket) socket.connect();
      });
  }

  /** Leaves every channel and closes the socket. A later `conversation()`/`user()`/`connect()` opens a new one. */
  disconnect(): void {
    for (const channel of this.conversations.values()) channel._destroy();
    this.conversations.clear();
    for (const channel of this.users.values()) channel._destroy();
    this.users.clear();
    const socket = this.socket;
    this.socket = null;
    this.renewal.stop();
    this.everConnected = false;
    this.webSocketReturn?.stop();
    this.webSocketReturn = null;
    this.transport = null;
    this.lastTransport = null;
    if (socket) {
      socket.disconnect();
      this.setStatus('closed');
    }
  }

  /**
   * The live channel of one conversation, joining it on first use (and
   * opening the socket if needed). The same id returns the same handle.
   *
   * @throws {PoolseError} transport `websocket` in a runtime without a `WebSocket`.
   */
  conversation(conversationId: string): ConversationChannel {
    const socket = this.ensureSocket();
    let handle = this.conversations.get(conversationId);
    if (!handle) {
      handle = new ConversationChannel(conversationId);
      this.conversations.set(conversationId, handle);
    }
    if (handle._isClosed()) handle._attach(socket.channel(`conversation:${conversationId}`, {}));
    return handle;
  }

  /**
   * The signed-in user's own channel (`user:<id>`), joining it on first use;
   * only the JWT's user may join it. The same id returns the same handle.
   *
   * @throws {PoolseError} transport `websocket` in a runtime without a `WebSocket`.
   */
  user(userId: string): UserChannel {
    const socket = this.ensureSocket();
    let handle = this.users.get(userId);
    if (!handle) {
      handle = new UserChannel(userId);
      this.users.set(userId, handle);
    }
    if (handle._isClosed()) handle._attach(socket.channel(`user:${userId}`, {}));
    return handle;
  }

  /** Leaves a conversation's channel and drops its handle and listeners. */
  leave(conversationId: string): void {
    const handle = this.conversations.get(conversationId);
    if (!handle) return;
    this.conversations.delete(conversationId);
    handle._destroy();
  }

  private ensureSocket(): Socket {
    this.connect();
    if (!this.socket) throw new Error('the realtime socket could not be created');
    return this.socket;
  }

  private socketParams(): Record<string, string> {
    const token = this.tokenCache.peekToken();
    if (token === null) {
      this.prefetchToken();
      return {};
    }
    return { token };
  }

  /** Where a bare WebSocket handshake goes, to see whether WebSockets get through again. */
  private probeUrl(): string | null {
    const token = this.tokenCache.peekToken();
    if (token === null) return null;
    return `${this.config.wsUrl}${this.config.socketPath}/websocket?token=${encodeURIComponent(token)}&vsn=2.0.0`;
  }

  /** Starts (or joins) a token refresh so the next handshake finds a fresh token. */
  private prefetchToken(): void {
    if (this.tokenCache.peekToken() !== null) return;
    this.tokenCache.getToken().catch((err: unknown) => this.reportSocketError(err));
  }

  /** Hands a non-fatal socket problem (or a failed token refresh) to `config.onSocketError`. */
  private reportSocketError(reason: unknown): void {
    const handler = this.config.onSocketError;
    if (handler) callSafely(handler, toError(reason));
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.emit(status);
  }
}
