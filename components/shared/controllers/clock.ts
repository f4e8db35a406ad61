/**
 * A coarse clock for relative times ("5 min", "yesterday"): `now` moves on
 * every tick while the element is on the page, and the element re-renders,
 * so relative labels age without a timer per row.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  #now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly tickMs: number,
  ) {
    host.addController(this);
  }

  /** The time of the last tick (ms since the epoch). */
  get now(): number {
    return this.#now;
  }

  hostConnected(): void {
    this.#now = Date.now();
    this.#timer = setInterval(() => {
      this.#now = Date.now();
      this.host.requestUpdate();
    }, this.tickMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
