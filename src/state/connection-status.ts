/**
 * The `status` slice: follows the SDK's realtime status from the first
 * start on, and tells the store when the socket is back, so that what
 * waited (the outbox) goes and what changed meanwhile is fetched again.
 */
import type { RealtimeStatus, Unsubscribe } from '../sdk/types.js';
import type { StoreCore } from './core.js';

/**
 * The socket is connected after not being. `reconnect`: it had been
 * connected before, so events may have been missed while it was down.
 */
export type BackListener = (reconnect: boolean) => void;

export class ConnectionStatus {
  #off: Unsubscribe | null = null;
  #last: RealtimeStatus = 'idle';
  #everConnected = false;

  constructor(
    private readonly core: StoreCore,
    private readonly back: BackListener,
  ) {}

  /** Starts following (once); the slice takes the current status at once. */
  follow(): void {
    if (this.#off || this.core.state.closed) return;
    this.#last = this.core.client.realtime.getStatus();
    if (this.#last === 'connected') this.#everConnected = true;
    this.#set(this.#last);
    this.#off = this.core.client.realtime.onStatus((next) => this.#changed(next));
  }

  destroy(): void {
    this.#off?.();
    this.#off = null;
  }

  #changed(status: RealtimeStatus): void {
    const previous = this.#last;
    this.#last = status;
    this.#set(status);
    if (status !== 'connected' || previous === 'connected') return;
    const reconnect = this.#everConnected;
    this.#everConnected = true;
    this.back(reconnect);
  }

  #set(status: RealtimeStatus): void {
    this.core.state.updateSlice('status', (current) => (current === status ? current : status));
  }
}
