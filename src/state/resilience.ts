/**
 * Never stuck: ties the offline cache and automatic recovery to a store.
 *
 * Before the network answers, it finds out who is signed in (the token's
 * claims, or offline the last session kept for this token source), claims
 * the cache for that user (deleting another user's) and paints their
 * snapshot. Once `me` has loaded it checks the identity (another user: the
 * painted state is wiped), keeps the session for the next offline reload, and
 * follows the store to keep the snapshot current. Failed loads and the outbox
 * are retried by `AutoRecovery`.
 */
import type { Me, Unsubscribe } from '../sdk/types.js';
import type { PoolseSession } from '../sdk/session.js';
import type { ChatClientPort } from './client-port.js';
import { hasIndexedDb } from './idb.js';
import {
  OfflineCache,
  sessionKey,
  type CacheIdentity,
  type CachedSnapshot,
  type StoreReader,
} from './offline-cache.js';
import { createIndexedDbCacheStorage, type OfflineCacheStorage } from './offline-cache-storage.js';
import { AutoRecovery, failedLoads, hasFailedLoads, type WakeSignals } from './recovery.js';

/** How long the start waits for a token before painting from the last session instead. */
const TOKEN_WAIT_MS = 100;

export interface ResilienceOptions {
  /** `true` (default where IndexedDB exists): IndexedDB; `false`: off; or a storage of your own. */
  offlineCache?: boolean | OfflineCacheStorage;
  /**
   * Names where tokens come from (the provider passes its `token-url`), so
   * the last session kept for offline reloads is the one of this source.
   */
  cacheSource?: string;
  /** The page's online/focus/visibility signals (the provider passes the browser's). */
  wakeSignals?: WakeSignals;
  /** First automatic retry delay (default 1000 ms). */
  retryDelayMs?: number;
}

export interface ResilienceHost extends StoreReader {
  readonly client: ChatClientPort;
  hydrate(snapshot: CachedSnapshot): void;
  /** Drops everything painted for another user. */
  wipe(): void;
  setOnline(online: boolean): void;
  /** Sends the outbox's waiting messages now. */
  resumeOutbox(): void;
  /** Restores the persisted outbox of `me` (offline, from the cached `me`). */
  restoreOutbox(me: Me): Promise<void>;
  retryStart(): Promise<void>;
  retryInbox(): Promise<void>;
  retryTimeline(id: string): Promise<void>;
  retryThread(rootId: string): Promise<void>;
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([
    promise,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
  ]);
}

export class Resilience {
  readonly recovery: AutoRecovery;
  private readonly storage: OfflineCacheStorage | null;
  private readonly owned: boolean;
  private cache: OfflineCache | null = null;
  private claimed: CacheIdentity | null = null;
  private readonly offs: Unsubscribe[] = [];
  private readonly apiUrl: string;

  constructor(
    private readonly host: ResilienceHost,
    private readonly options: ResilienceOptions,
  ) {
    const option = options.offlineCache;
    if (option === false || (option === undefined && !hasIndexedDb())) {
      this.storage = null;
      this.owned = false;
    } else if (option === undefined || option === true) {
      this.storage = createIndexedDbCacheStorage();
      this.owned = true;
    } else {
      this.storage = option;
      this.owned = false;
    }
    this.apiUrl = host.client.config?.apiUrl ?? '';
    const signals = options.wakeSignals ?? null;
    this.recovery = new AutoRecovery(
      {
        retryFailedLoads: () => this.retryFailedLoads(),
        hasFailedLoads: () => hasFailedLoads(host.getState()),
        resumeOutbox: () => host.resumeOutbox(),
      },
      signals,
      options.retryDelayMs === undefined ? {} : { baseDelayMs: options.retryDelayMs },
    );
    if (signals) {
      host.setOnline(signals.isOnline());
      if (signals.onNetwork) this.offs.push(signals.onNetwork((online) => host.setOnline(online)));
    }
    // Every new failure schedules a retry; the scheduler keeps one timer at most.
    this.offs.push(
      host.subscribe((state, previous) => {
        if (
          (state.error !== previous.error ||
            state.inbox.error !== previous.inbox.error ||
            state.timelines !== previous.timelines ||
            state.threads !== previous.threads) &&
          hasFailedLoads(state)
        ) {
          this.recovery.noteFailure();
        }
      }),
    );
  }

  /** Before the network answers: who is signed in, and their snapshot painted. */
  async beforeStart(): Promise<void> {
    if (!this.storage) return;
    const client = this.host.client;
    // Read in parallel with asking for a token: offline, every millisecond waited shows.
    const stored = this.lastSession();
    let session = client.session ? await timeout(client.session(), TOKEN_WAIT_MS) : null;
    if (!session) {
      // Offline (or slow): the last session of this token source says who was signed in.
      session = await stored;
      if (session) client.restoreSession?.(session);
    }
    if (!session?.userId || !session.tenantId) return;
    const who = { apiUrl: this.apiUrl, tenantId: session.tenantId, userId: session.userId };
    await this.claim(who, true);
  }

  /** `me` loaded: check who it is, keep the session, keep the snapshot current. */
  async started(me: Me): Promise<void> {
    if (!this.storage) return;
    const who = { apiUrl: this.apiUrl, tenantId: me.tenant_id, userId: me.id };
    if (
      this.claimed &&
      (this.claimed.userId !== who.userId || this.claimed.tenantId !== who.tenantId)
    ) {
      this.host.wipe();
      this.cache?.stop();
      this.cache = null;
      this.claimed = null;
    }
    if (!this.claimed) await this.claim(who, false);
    const session = this.host.client.session ? await this.host.client.session() : null;
    if (session) await this.storage.write(this.sessionRecord(), session).catch(() => undefined);
    this.cache?.follow(this.host);
  }

  /** Offline start: `me` could not load, the cached one stands in so the outbox can resume. */
  cachedMe(): Me | null {
    return this.claimed ? this.host.getState().me : null;
  }

  /** The socket reconnected: retry what failed and resume the outbox now. */
  reconnected(): void {
    this.recovery.now();
  }

  /** Sign-out: this user's snapshot and session are deleted. */
  async signOut(): Promise<void> {
    await this.cache?.clear();
    await this.storage?.remove(this.sessionRecord()).catch(() => undefined);
    this.cache = null;
    this.claimed = null;
  }

  async dispose(): Promise<void> {
    this.recovery.dispose();
    for (const off of this.offs.splice(0)) off();
    await this.cache?.flush(this.host);
    this.cache?.stop();
    if (this.owned) this.storage?.close?.();
  }

  private async claim(who: CacheIdentity, paint: boolean): Promise<void> {
    if (!this.storage) return;
    const cache = new OfflineCache(this.storage, who);
    const snapshot = await cache.claim();
    this.cache = cache;
    this.claimed = who;
    if (paint && snapshot) this.host.hydrate(snapshot);
  }

  private sessionRecord(): string {
    return sessionKey(this.apiUrl, this.options.cacheSource ?? 'default');
  }

  private async lastSession(): Promise<PoolseSession | null> {
    try {
      const stored = (await this.storage?.read(this.sessionRecord())) as PoolseSession | undefined;
      return stored && stored.version === 1 ? stored : null;
    } catch {
      return null;
    }
  }

  private async retryFailedLoads(): Promise<void> {
    const failed = failedLoads(this.host.getState());
    const runs: Promise<void>[] = [];
    if (failed.start) runs.push(this.host.retryStart());
    if (failed.inbox) runs.push(this.host.retryInbox());
    for (const id of failed.timelines) runs.push(this.host.retryTimeline(id));
    for (const id of failed.threads) runs.push(this.host.retryThread(id));
    await Promise.allSettled(runs);
  }
}
