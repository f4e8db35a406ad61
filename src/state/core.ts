/**
 * What every concern of the store shares: the SDK client, the one state
 * container, the clock, and the small helpers that replace one timeline or
 * thread inside the state without touching the others.
 */
import type { ChatClientPort } from './client-port.js';
import type { StateContainer } from './container.js';
import { emptyThread, emptyTimeline } from './timeline.js';
import type { ChatState, ThreadState, TimelineState } from './types.js';

export interface StoreCore {
  readonly client: ChatClientPort;
  readonly state: StateContainer<ChatState>;
  readonly now: () => number;
}

/** Safety bound on pages fetched in one gap fill or thread load. */
export const MAX_PAGES = 100;

/** The record without `key` (the same object when it had none). */
export function removeKey<T>(
  record: Readonly<Record<string, T>>,
  key: string,
): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/** Replaces one conversation's timeline (created empty when missing). */
export function setTimeline(
  core: StoreCore,
  id: string,
  update: (tl: TimelineState) => TimelineState,
): void {
  core.state.update((s) => {
    const current = s.timelines[id] ?? emptyTimeline(id);
    const next = update(current);
    if (next === current && s.timelines[id]) return s;
    return { ...s, timelines: { ...s.timelines, [id]: next } };
  });
}

/** Replaces one thread (created empty when missing). */
export function setThread(
  core: StoreCore,
  rootId: string,
  update: (th: ThreadState) => ThreadState,
): void {
  core.state.update((s) => {
    const current = s.threads[rootId] ?? emptyThread(rootId, null);
    const next = update(current);
    if (next === current && s.threads[rootId]) return s;
    return { ...s, threads: { ...s.threads, [rootId]: next } };
  });
}
