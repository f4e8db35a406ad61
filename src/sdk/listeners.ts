import type { Unsubscribe } from './types.js';

/**
 * A set of callbacks for one kind of event. A listener that throws is
 * reported and does not stop the others (nor the socket that delivered the
 * event).
 */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; the returned function removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    // Wrap so the same function added twice is called twice and removed once per unsubscribe.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Calls every listener with `value`. */
  emit(value: T): void {
    for (const listener of [...this.listeners]) callSafely(listener, value);
  }

  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** Calls an app callback, reporting what it throws instead of letting it unwind the SDK. */
export function callSafely<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (err) {
    console.error('[poolse] a listener threw', err);
  }
}
