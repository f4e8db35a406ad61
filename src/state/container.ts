/**
 * A small state container: one immutable state object, replaced (never
 * mutated) on every change, with listeners and slice subscriptions. The chat
 * store keeps one of these; each concern (inbox, timelines, outbox, ...)
 * updates only its own keys, so a slice nobody touched keeps its reference
 * and a subscriber can tell "changed" from "unchanged" with `===`.
 *
 * Shaped after nanostores' atoms and stream-chat's `StateStore`:
 * `getState`, `subscribe`, `select(selector, listener)`, and `update(fn)`
 * that ignores an update returning the same state.
 */

export type StateListener<S> = (state: S, previous: S) => void;

export class StateContainer<S extends object> {
  #state: S;
  readonly #listeners = new Set<StateListener<S>>();
  #closed = false;

  constructor(initial: S) {
    this.#state = initial;
  }

  getState(): S {
    return this.#state;
  }

  /** Whether `close()` was called: updates are ignored from then on. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Replaces the state with `update(current)`. Returning the current state
   * is a no-op (no listener runs), so an update that finds nothing to do
   * costs nothing downstream.
   */
  update(update: (state: S) => S): void {
    if (this.#closed) return;
    const previous = this.#state;
    const next = update(previous);
    if (next === previous) return;
    this.#state = next;
    // A copy: a listener may unsubscribe (itself or another) while we notify.
    for (const listener of [...this.#listeners]) listener(next, previous);
  }

  /** Replaces one key (a slice); an update returning the same slice is a no-op. */
  updateSlice<K extends keyof S>(key: K, update: (slice: S[K], state: S) => S[K]): void {
    this.update((state) => {
      const current = state[key];
      const next = update(current, state);
      return next === current ? state : { ...state, [key]: next };
    });
  }

  /** Called after every change with the new and the previous state. */
  subscribe(listener: StateListener<S>): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Calls `listener` when the selected value changes (by `equals`, default
   * `Object.is`); never for the current value.
   */
  select<T>(
    selector: (state: S) => T,
    listener: (value: T, previous: T) => void,
    equals: (a: T, b: T) => boolean = Object.is,
  ): () => void {
    let current = selector(this.#state);
    return this.subscribe((state) => {
      const next = selector(state);
      if (equals(current, next)) return;
      const previous = current;
      current = next;
      listener(next, previous);
    });
  }

  /** Drops every listener and ignores later updates. */
  close(): void {
    this.#closed = true;
    this.#listeners.clear();
  }
}
