import type { Socket } from 'phoenix';
import type { TokenCache } from '../token-cache.js';

/** The frame the server reads on the `phoenix` topic to swap in a fresh token. */
export const ACCESS_TOKEN_EVENT = 'access_token';
/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps an open socket authenticated. The server closes a socket when the
 * token it opened with expires; shortly before that (when the token cache
 * would refresh anyway) this fetches the next token and hands it to the
 * server on the open socket, Phoenix-style, so channels never drop. If that
 * fails, the socket closes at expiry and the ordinary reconnect (new token,
 * rejoin, gap fill) takes over.
 */
export class TokenRenewal {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private socket: Socket | null = null;

  constructor(
    private readonly tokenCache: TokenCache,
    private readonly onError: (reason: unknown) => void,
  ) {}

  /** The socket opened: renew its token before it expires. */
  start(socket: Socket): void {
    this.socket = socket;
    this.arm();
  }

  /** The socket closed (or is being replaced): nothing to renew until it opens again. */
  stop(): void {
    this.socket = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(afterRenewal = false): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const dueAt = this.tokenCache.refreshDueAt();
    if (dueAt === null || this.socket === null) return;
    // The app answered with a token that is already due again: leave it to the reconnect.
    if (afterRenewal && dueAt <= Date.now()) return;
    const wait = Math.min(Math.max(0, dueAt - Date.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => void this.renew(), wait);
  }

  private async renew(): Promise<void> {
    const socket = this.socket;
    if (socket === null) return;
    if (
      this.tokenCache.peekToken() === null ||
      (this.tokenCache.refreshDueAt() ?? 0) <= Date.now()
    ) {
      try {
        await this.tokenCache.getToken();
      } catch (error) {
        this.onError(error);
      }
    }
    const token = this.tokenCache.peekToken();
    if (this.socket !== socket) return;
    if (token !== null && socket.isConnected()) {
      socket.push({
        topic: 'phoenix',
        event: ACCESS_TOKEN_EVENT,
        payload: { token },
        ref: socket.makeRef(),
      });
    }
    this.arm(true);
  }
}
