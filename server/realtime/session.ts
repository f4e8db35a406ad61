/**
 * One client socket: transport-level duties only (decoding, abuse limits,
 * liveness, writes). What a frame means is the router's business. The wire
 * is a `ws` WebSocket, or a long-poll session that behaves like one, so both
 * transports share every limit below.
 */
import type { RawData } from 'ws';
import type { AuthUser } from '../contracts.js';
import { encodeReply, parseFrame, type InboundFrame } from './frames.js';
import { TokenBucket, type RealtimeLimits } from './limits.js';
import type { ChannelSub } from './registry.js';
import { reportUnexpected } from './report.js';
import type { ClientSocket } from './router.js';

/** Close codes of RFC 6455 used here. */
export const CLOSE_NORMAL = 1000;
export const CLOSE_POLICY_VIOLATION = 1008;
/**
 * Private-range codes for auth ending on an open socket. Not 1000: the
 * phoenix client reconnects after any other code, and a reconnect is what
 * fetches a fresh token (or finds out the user may no longer connect).
 */
export const CLOSE_TOKEN_EXPIRED = 4001;
export const CLOSE_UNAUTHORIZED = 4003;
/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The part of a `ws` WebSocket a session uses; a long-poll session offers the same. */
export interface SessionWire {
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'error', listener: () => void): unknown;
  readonly readyState: number;
  readonly OPEN: number;
  /** Bytes written but not yet taken by the client. */
  readonly bufferedAmount: number;
  send(frame: string): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface SessionHandlers {
  frame(session: SocketSession, frame: InboundFrame): void;
  /** Called once, as soon as the socket starts closing or is dropped. */
  closed(session: SocketSession): void;
}

export class SocketSession implements ClientSocket {
  /** Joined channels by topic (one per topic, as in Phoenix). */
  readonly channels = new Map<string, ChannelSub>();
  /** Rate of `phx_join` frames (this socket's, then its user's over all sockets), checked by the router. */
  readonly joins: { take(): boolean };
  lastSeenAt: number;

  private readonly frames: TokenBucket;
  private droppedInARow = 0;
  private lastDropAt = 0;
  private malformed = 0;
  private ended = false;
  private expiryTimer: NodeJS.Timeout | null = null;
  private expiresAtMs: number | undefined;

  constructor(
    private readonly ws: SessionWire,
    readonly user: AuthUser,
    private readonly limits: RealtimeLimits,
    private readonly handlers: SessionHandlers,
    /** Shared by all sockets of the user. */
    userJoins?: TokenBucket,
  ) {
    const now = Date.now();
    this.lastSeenAt = now;
    this.frames = new TokenBucket(limits.frameBurst, limits.framesPerSecond, now);
    const socketJoins = new TokenBucket(limits.joinBurst, limits.joinsPerSecond, now);
    this.joins = { take: () => socketJoins.take() && (userJoins?.take() ?? true) };
    ws.on('message', (data, isBinary) => {
      try {
        this.receive(data, isBinary);
      } catch (error) {
        // A bug must cost this socket at most, never the process.
        reportUnexpected('socket message', error);
        this.terminate();
      }
    });
    this.renew(user.tokenExpiresAtMs);
    ws.on('close', () => this.finish());
    // Oversized frames and protocol errors surface here; ws closes the socket itself.
    ws.on('error', () => this.finish());
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  send(frame: string): void {
    if (this.ended || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      // A client that stops reading would otherwise hold every broadcast in memory.
      this.terminate();
      return;
    }
    this.ws.send(frame);
  }

  /**
   * The socket lives as long as its token: it closes when the token expires,
   * unless the client proved itself again with a fresh token first.
   */
  renew(expiresAtMs: number | undefined): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.expiresAtMs = expiresAtMs;
    if (expiresAtMs === undefined || this.ended) return;
    const arm = (): void => {
      const left = (this.expiresAtMs ?? 0) - Date.now();
      if (left <= 0) {
        this.close(CLOSE_TOKEN_EXPIRED, 'token expired');
        return;
      }
      this.expiryTimer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      this.expiryTimer.unref();
    };
    arm();
  }

  close(code: number, reason: string): void {
    if (this.ended) return;
    this.finish();
    this.ws.close(code, reason);
  }

  terminate(): void {
    if (this.ended) return;
    this.finish();
    this.ws.terminate();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.handlers.closed(this);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.ended) return;
    const now = Date.now();
    this.lastSeenAt = now;
    if (!this.frames.take(now)) {
      this.noteDropped(now);
      return;
    }
    // The 2.0.0 serializer sends JSON text; binary pushes are not part of this contract.
    const parsed = isBinary ? null : parseFrame(rawToText(data));
    if (!parsed || !parsed.ok) {
      this.noteMalformed(parsed && parsed.ref ? parsed : null);
      return;
    }
    this.handlers.frame(this, parsed.frame);
  }

  private noteDropped(now: number): void {
    if (now - this.lastDropAt > 1000) this.droppedInARow = 0;
    this.lastDropAt = now;
    this.droppedInARow += 1;
    if (this.droppedInARow >= this.limits.maxDroppedFrames) {
      this.close(CLOSE_POLICY_VIOLATION, 'rate limit exceeded');
    }
  }

  private noteMalformed(
    answerable: { joinRef: string | null; ref: string | null; topic: string | null } | null,
  ): void {
    this.malformed += 1;
    if (this.malformed >= this.limits.maxMalformedFrames) {
      this.close(CLOSE_POLICY_VIOLATION, 'too many malformed frames');
      return;
    }
    if (answerable) {
      this.send(
        encodeReply(answerable.joinRef, answerable.ref, answerable.topic ?? 'phoenix', 'error', {
          reason: 'malformed_frame',
        }),
      );
    }
  }
}

function rawToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
