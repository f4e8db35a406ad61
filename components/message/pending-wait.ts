/**
 * Whether a pending send has waited long enough to say it is queued for the
 * network rather than "Sending…". Counted from when it was written, so a
 * reload keeps the time.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a send may read "Sending…" before it says it is queued for the network. */
const QUEUED_AFTER_MS = 4000;

export class PendingWaitController implements ReactiveController {
  #waitedLong = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get waitedLong(): boolean {
    return this.#waitedLong;
  }

  /** Follows a message's send: `pending` since `insertedAt` (ISO), or not pending. */
  follow(pending: boolean, insertedAt: string | undefined): void {
    this.hostDisconnected();
    const writtenAt = Date.parse(insertedAt ?? '');
    if (!pending || !Number.isFinite(writtenAt)) {
      this.#waitedLong = false;
      return;
    }
    const left = writtenAt + QUEUED_AFTER_MS - Date.now();
    this.#waitedLong = left <= 0;
    if (left > 0)
      this.#timer = setTimeout(() => {
        this.#waitedLong = true;
        this.host.requestUpdate();
      }, left);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
