/**
 * Abuse limits of the socket endpoint: one client must not be able to slow
 * down or crash the server for the others.
 */

export interface RealtimeLimits {
  /** Largest accepted inbound frame; bigger closes the socket with 1009. */
  maxFrameBytes: number;
  /** Inbound frames per second a socket may sustain. */
  framesPerSecond: number;
  /** Frames a socket may send at once above the sustained rate. */
  frameBurst: number;
  /** Frames dropped for rate in a row (no quiet second between) before closing with 1008. */
  maxDroppedFrames: number;
  /** Malformed frames a socket may send before it is closed with 1008. */
  maxMalformedFrames: number;
  /** Channels one socket may hold at once. */
  maxChannelsPerSocket: number;
  /** Joins per second a socket may sustain. */
  joinsPerSecond: number;
  /** Joins a socket may send at once above the sustained rate. */
  joinBurst: number;
  /**
   * Joins per second one user may sustain over all their sockets. Every join
   * fans presence out to the topic's other subscribers, so many sockets of
   * one user joining at their own full rate would flood everyone else.
   */
  userJoinsPerSecond: number;
  /** Joins one user may send at once over all their sockets (a reconnect of every tab). */
  userJoinBurst: number;
  /**
   * Outbound bytes queued for a socket that does not read before it is
   * dropped (a slow consumer). Its client reconnects, rejoins and fills the
   * gap from the REST history, so nothing is lost; the server's memory stays bounded.
   */
  maxBufferedBytes: number;
  /** Typing pings closer than this to the last accepted one cause no fan-out. */
  typingThrottleMs: number;
  /** Presence joins and leaves of one topic within this tick go out as one diff; 0 sends each at once. */
  presenceTickMs: number;
  /** Long-poll sessions one user may hold; opening one more ends their oldest. */
  maxLongPollSessionsPerUser: number;
}

export const DEFAULT_LIMITS: RealtimeLimits = {
  maxFrameBytes: 64 * 1024,
  framesPerSecond: 100,
  frameBurst: 100,
  maxDroppedFrames: 50,
  maxMalformedFrames: 10,
  maxChannelsPerSocket: 500,
  joinsPerSecond: 20,
  joinBurst: 50,
  userJoinsPerSecond: 50,
  userJoinBurst: 200,
  maxBufferedBytes: 8 * 1024 * 1024,
  typingThrottleMs: 1000,
  presenceTickMs: 50,
  maxLongPollSessionsPerUser: 32,
};

/** Classic token bucket: `capacity` at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number = Date.now(),
  ) {
    this.tokens = capacity;
    this.refilledAt = now;
  }

  take(now: number = Date.now()): boolean {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
