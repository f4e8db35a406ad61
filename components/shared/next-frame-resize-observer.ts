/**
 * A `ResizeObserver` whose callback runs on the next animation frame instead
 * of inside the browser's observation round.
 *
 * Work done inside the round (measuring rows, moving them, scrolling) can
 * resize observed elements again before the round ends; the browser then
 * gives up on those notifications and reports "ResizeObserver loop completed
 * with undelivered notifications" as an `error` event on `window`, which host
 * pages' error handlers and trackers log as a fault. One frame later the
 * same work starts a fresh round, so nothing is dropped and nothing is
 * reported. Entries seen meanwhile are delivered together, newest per target.
 */
export class NextFrameResizeObserver implements ResizeObserver {
  readonly #observer: ResizeObserver;
  #pending = new Map<Element, ResizeObserverEntry>();
  #frame = 0;

  constructor(callback: ResizeObserverCallback) {
    this.#observer = new ResizeObserver((entries) => {
      for (const entry of entries) this.#pending.set(entry.target, entry);
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        const delivered = [...this.#pending.values()];
        this.#pending.clear();
        if (delivered.length) callback(delivered, this);
      });
    });
  }

  observe(target: Element, options?: ResizeObserverOptions): void {
    this.#observer.observe(target, options);
  }

  unobserve(target: Element): void {
    this.#pending.delete(target);
    this.#observer.unobserve(target);
  }

  disconnect(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending.clear();
    this.#observer.disconnect();
  }
}
