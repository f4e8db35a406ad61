/**
 * The offline cache: what the user last saw (the inbox, the newest page of
 * the conversations they opened last, profiles, drafts), kept per user and
 * tenant so a reload paints it at once, before the network answers, and
 * offline shows it read-only. It subscribes to the store like any other
 * reader and writes a bounded snapshot a moment after things settle.
 *
 * Who owns the cache: one user per API in a browser. When another user
 * starts, the previous one's snapshot is deleted before anything is painted,
 * and `clear()` (sign-out) deletes it too, so no user ever sees another's data.
 */
import type { Conversation, Me, Message, Uuid } from '../sdk/types.js';
import type { OfflineCacheStorage } from './offline-cache-storage.js';
import { initialChatState } from './initial-state.js';
import { emptyTimeline } from './timeline.js';
import type { ChatState, ComposerDraft, Profile, TimelineState } from './types.js';

/** Conversations whose newest page is kept, most recently opened first. */
const MAX_CACHED_CONVERSATIONS = 8;
/** Messages kept per cached conversation (its newest page). */
const MAX_CACHED_MESSAGES = 50;
const MAX_INBOX_ROWS = 200;
const MAX_PROFILES = 500;
const MAX_DRAFTS = 100;
/** The whole snapshot stays under this (JSON characters); the oldest timelines go first. */
const MAX_SNAPSHOT_CHARS = 2_000_000;
/** Writes wait for the state to settle this long, so a burst of events costs one write. */
const WRITE_DELAY_MS = 400;

const SNAPSHOT_VERSION = 1;

/** One cached conversation's newest page. */
export interface CachedTimeline {
  messages: Message[];
  hasOlder: boolean;
}

export interface CachedSnapshot {
  version: typeof SNAPSHOT_VERSION;
  savedAt: number;
  me: Me;
  inbox: Conversation[];
  /** Conversation ids, most recently opened first. */
  recent: Uuid[];
  timelines: Record<Uuid, CachedTimeline>;
  profiles: Record<string, Profile>;
  drafts: Record<Uuid, ComposerDraft>;
}

/** Who a cache belongs to. */
export interface CacheIdentity {
  apiUrl: string;
  tenantId: string;
  userId: string;
}

const snapshotKey = (who: CacheIdentity): string =>
  `snapshot\n${who.apiUrl}\n${who.tenantId}\n${who.userId}`;
const ownerKey = (apiUrl: string): string => `owner\n${apiUrl}`;
/** The last session of one token source (offline, the only way to know who is signed in). */
export const sessionKey = (apiUrl: string, source: string): string =>
  `session\n${apiUrl}\n${source}`;

function isSnapshot(value: unknown): value is CachedSnapshot {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === SNAPSHOT_VERSION &&
    Array.isArray((value as { inbox?: unknown }).inbox)
  );
}

function limitEntries<T>(record: Readonly<Record<string, T>>, max: number): Record<string, T> {
  const out: Record<string, T> = {};
  let count = 0;
  for (const [key, value] of Object.entries(record)) {
    if (count++ >= max) break;
    out[key] = value;
  }
  return out;
}

/** The bounded snapshot of what the state shows now; null before `me` is known. */
export function snapshotOf(state: ChatState, recent: readonly Uuid[]): CachedSnapshot | null {
  if (!state.me || !state.inbox.loaded) return null;
  const inbox = state.inbox.ids
    .slice(0, MAX_INBOX_ROWS)
    .map((id) => state.inbox.byId[id])
    .filter((conversation): conversation is Conversation => conversation !== undefined);
  const timelines: Record<Uuid, CachedTimeline> = {};
  const kept: Uuid[] = [];
  for (const id of recent) {
    if (kept.length >= MAX_CACHED_CONVERSATIONS) break;
    const timeline = state.timelines[id];
    if (!timeline?.loaded) continue;
    const ids = timeline.messageIds.slice(-MAX_CACHED_MESSAGES);
    timelines[id] = {
      messages: ids
        .map((messageId) => timeline.byId[messageId])
        .filter((m): m is Message => m !== undefined),
      hasOlder: timeline.hasOlder || ids.length < timeline.messageIds.length,
    };
    kept.push(id);
  }
  const snapshot: CachedSnapshot = {
    version: SNAPSHOT_VERSION,
    savedAt: Date.now(),
    me: state.me,
    inbox,
    recent: kept,
    timelines,
    profiles: limitEntries(state.profiles, MAX_PROFILES),
    drafts: limitEntries(state.drafts, MAX_DRAFTS),
  };
  // Bounded in bytes too: long messages must not grow the cache without end.
  while (kept.length > 0 && JSON.stringify(snapshot).length > MAX_SNAPSHOT_CHARS) {
    const dropped = kept.pop();
    if (dropped !== undefined) delete snapshot.timelines[dropped];
  }
  return snapshot;
}

/**
 * The state with a snapshot painted in: the inbox and the cached timelines
 * show at once. Nothing the store already holds is overwritten (the network
 * may have answered first). A cached timeline counts as loaded, with its gap
 * cursor just before its oldest cached message: the first sync then fetches
 * the cached range again (edits, deletions, reactions) and everything after.
 */
export function hydrateState(state: ChatState, snapshot: CachedSnapshot): ChatState {
  const byId: Record<Uuid, Conversation> = {};
  for (const conversation of snapshot.inbox) byId[conversation.id] = conversation;
  const inbox = state.inbox.loaded
    ? state.inbox
    : {
        ...state.inbox,
        ids: snapshot.inbox.map((c) => c.id),
        byId,
        loaded: true,
        error: null,
      };
  const timelines: Record<Uuid, TimelineState> = { ...state.timelines };
  for (const [id, cached] of Object.entries(snapshot.timelines)) {
    if (timelines[id]?.loaded || cached.messages.length === 0) continue;
    const sorted = cached.messages.slice().sort((a, b) => a.sequence - b.sequence);
    const messages: Record<Uuid, Message> = {};
    for (const message of sorted) messages[message.id] = message;
    timelines[id] = {
      ...emptyTimeline(id),
      messageIds: sorted.map((m) => m.id),
      byId: messages,
      hasOlder: cached.hasOlder,
      loaded: true,
      lastSeenSequence: Math.max(0, (sorted[0]?.sequence ?? 1) - 1),
    };
  }
  return {
    ...state,
    me: state.me ?? snapshot.me,
    inbox,
    timelines,
    profiles: { ...snapshot.profiles, ...state.profiles },
    drafts: { ...snapshot.drafts, ...state.drafts },
  };
}

/** Everything painted for another user dropped; the socket, network and selection stay. */
export function wipedState(state: ChatState): ChatState {
  return {
    ...initialChatState(),
    status: state.status,
    online: state.online,
    activeConversationId: state.activeConversationId,
  };
}

export interface StoreReader {
  getState(): ChatState;
  subscribe(listener: (state: ChatState, previous: ChatState) => void): () => void;
}

export class OfflineCache {
  private recent: Uuid[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private cleared = false;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: OfflineCacheStorage,
    private readonly who: CacheIdentity,
  ) {}

  /**
   * Claims the cache of this API for this user (deleting another user's
   * snapshot) and returns this user's snapshot, if any. Never rejects.
   */
  async claim(): Promise<CachedSnapshot | null> {
    try {
      // The snapshot read is this user's own key, so it can go first; the
      // bookkeeping of who owns the cache runs beside it.
      const [stored] = await Promise.all([
        this.storage.read(snapshotKey(this.who)),
        this.takeOwnership(),
      ]);
      if (!isSnapshot(stored) || stored.me.id !== this.who.userId) return null;
      this.recent = stored.recent.slice();
      return stored;
    } catch {
      // Best effort: no cache (private browsing, quota) means a cold start, nothing worse.
      return null;
    }
  }

  /** Deletes another user's snapshot of this API, and records this user as the owner. */
  private async takeOwnership(): Promise<void> {
    const owner = (await this.storage.read(ownerKey(this.who.apiUrl))) as CacheIdentity | null;
    if (owner && (owner.userId !== this.who.userId || owner.tenantId !== this.who.tenantId)) {
      await this.storage.remove(snapshotKey({ ...owner, apiUrl: this.who.apiUrl }));
    }
    await this.storage.write(ownerKey(this.who.apiUrl), this.who);
  }

  /** Follows the store from now on, writing a snapshot a moment after each change. */
  follow(store: StoreReader): void {
    this.unsubscribe?.();
    this.unsubscribe = store.subscribe((state, previous) => {
      if (
        state.activeConversationId &&
        state.activeConversationId !== previous.activeConversationId
      ) {
        this.noteOpened(state.activeConversationId);
      }
      if (
        state.inbox === previous.inbox &&
        state.timelines === previous.timelines &&
        state.profiles === previous.profiles &&
        state.drafts === previous.drafts &&
        state.me === previous.me
      ) {
        return;
      }
      this.schedule(store);
    });
    const active = store.getState().activeConversationId;
    if (active) this.noteOpened(active);
  }

  /** Writes now what is pending (the store is going away). */
  flush(store: StoreReader): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.save(store.getState());
    }
    return this.writes;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sign-out: deletes this user's snapshot and stops writing. */
  async clear(): Promise<void> {
    this.cleared = true;
    this.stop();
    await this.writes;
    try {
      await this.storage.remove(snapshotKey(this.who));
      await this.storage.remove(ownerKey(this.who.apiUrl));
    } catch {
      // Nothing more to do: storage that fails holds nothing we could read back either.
    }
  }

  private noteOpened(id: Uuid): void {
    this.recent = [id, ...this.recent.filter((other) => other !== id)].slice(
      0,
      MAX_CACHED_CONVERSATIONS * 2,
    );
  }

  private schedule(store: StoreReader): void {
    if (this.timer !== null || this.cleared) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save(store.getState());
    }, WRITE_DELAY_MS);
  }

  private save(state: ChatState): void {
    if (this.cleared || state.me?.id !== this.who.userId) return;
    const snapshot = snapshotOf(state, this.recent);
    if (!snapshot) return;
    this.writes = this.writes
      .then(() => this.storage.write(snapshotKey(this.who), snapshot))
      .catch(() => undefined);
  }
}
