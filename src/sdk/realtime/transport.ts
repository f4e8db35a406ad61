/**
 * Which transport the realtime socket uses, and the way back to WebSocket.
 *
 * `auto` leans on phoenix's own fallback (`longPollFallbackMs`): a WebSocket
 * that errors or does not open in time is replaced by `LongPoll`. Phoenix
 * then stays on long-poll for good, so while it does, a probe opens a bare
 * WebSocket now and then (at once when the long-poll opens, in case the
 * WebSocket only failed because the server was away, then every
 * `websocketRetryMs`); when one opens, the socket moves back. Channels
 * rejoin on the new transport, and each rejoin fills its gap, so nothing is
 * lost or doubled by the move.
 */
import { LongPoll, type Socket, type SocketConnectOption } from 'phoenix';
import type { RealtimeTransport, ResolvedConfig } from '../config.js';
import { PoolseError } from '../errors.js';

/** The transport a connected socket is using. */
export type ActiveTransport = 'websocket' | 'longpoll';

type TransportClass = NonNullable<SocketConnectOption['transport']>;

/** Phoenix would remember a fallback in `sessionStorage` and never try the WebSocket again; this remembers nothing. */
const NO_MEMORY = { getItem: (): null => null, setItem: (): void => undefined };

export interface TransportPlan {
  options: Partial<SocketConnectOption>;
  /** The WebSocket to probe while on long-poll; null when the mode never moves back. */
  webSocket: typeof WebSocket | null;
}

/**
 * The phoenix options for the configured mode.
 *
 * @throws {PoolseError} `websocket` mode in a runtime without a `WebSocket`.
 */
export function planTransport(config: ResolvedConfig): TransportPlan {
  const webSocket = config.WebSocket ?? globalThis.WebSocket;
  const hasWebSocket = typeof webSocket === 'function';
  const mode: RealtimeTransport = config.transport;
  if (mode === 'websocket' && !hasWebSocket) {
    throw new PoolseError(
      'No WebSocket in this runtime: pass config.WebSocket (e.g. from the "ws" package) or use transport "auto" or "longpoll"',
    );
  }
  if (mode === 'longpoll' || !hasWebSocket) {
    return { options: { transport: LongPoll as TransportClass }, webSocket: null };
  }
  if (mode === 'websocket') return { options: { transport: webSocket }, webSocket: null };
  return {
    options: {
      transport: webSocket,
      longPollFallbackMs: Math.max(1, config.longPollFallbackMs),
      sessionStorage: NO_MEMORY,
    },
    webSocket,
  };
}

/** The transport the socket uses now. */
export function activeTransport(socket: Socket): ActiveTransport {
  return (socket as unknown as { transport: unknown }).transport === LongPoll
    ? 'longpoll'
    : 'websocket';
}

/**
 * While an `auto` socket runs on long-poll, tries a bare WebSocket from time
 * to time and moves the socket back when one opens.
 */
export class WebSocketReturn {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private probe: WebSocket | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly webSocket: typeof WebSocket,
    /** The URL a WebSocket handshake goes to, with a fresh token; null when there is none yet. */
    private readonly probeUrl: () => string | null,
    private readonly openWithinMs: number,
    private readonly retryMs: number,
  ) {}

  /** The socket opened on long-poll: probe now, then every `retryMs`. */
  onLongPollOpen(): void {
    if (this.timer === null && this.probe === null) this.tryNow();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const probe = this.probe;
    this.probe = null;
    if (probe) closeQuietly(probe);
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tryNow();
    }, this.retryMs);
  }

  private tryNow(): void {
    const url = this.probeUrl();
    if (url === null) return this.schedule();
    let probe: WebSocket;
    try {
      probe = new this.webSocket(url);
    } catch {
      return this.schedule();
    }
    this.probe = probe;
    const settle = (opened: boolean): void => {
      if (this.probe !== probe) return;
      clearTimeout(deadline);
      this.probe = null;
      closeQuietly(probe);
      if (!opened) return this.schedule();
      if (activeTransport(this.socket) !== 'longpoll') return;
      // A new connection over WebSocket; phoenix makes the channels rejoin on it.
      this.socket.replaceTransport(this.webSocket);
      this.socket.connect();
    };
    const deadline = setTimeout(() => settle(false), Math.max(1, this.openWithinMs));
    probe.onopen = () => settle(true);
    probe.onerror = () => settle(false);
    probe.onclose = () => settle(false);
  }
}

function closeQuietly(probe: WebSocket): void {
  probe.onopen = null;
  probe.onclose = null;
  // Not null: the `ws` package throws an 'error' event that nobody listens to.
  probe.onerror = () => undefined;
  try {
    probe.close(1000);
  } catch {
    // Closing a socket that never opened may throw in some runtimes; it is gone either way.
  }
}
