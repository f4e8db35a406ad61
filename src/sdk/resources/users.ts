import type { ResolvedConfig } from '../config.js';
import { callSafely } from '../listeners.js';
import { MAX_PROFILE_LOOKUP } from '../limits.js';
import type { PoolseUserProfile, Unsubscribe } from '../types.js';

/** What the cache holds for one user: a profile, `null` (resolver found none) or `undefined` (not fetched). */
export type CachedProfile = PoolseUserProfile | null | undefined;

/** A user's name as the server has it (`POST /v1/users/lookup`). */
export interface ServerProfile {
  external_id: string;
  display_name: string | null;
}

/** One server lookup of at most {@link LOOKUP_BATCH} external ids. */
export type ProfileLookup = (
  externalIds: string[],
  signal?: AbortSignal,
) => Promise<ServerProfile[]>;

/** The most ids one server lookup asks for (the route's limit). */
export const LOOKUP_BATCH = MAX_PROFILE_LOOKUP;

/**
 * A read-through cache of display names and avatars, filled by the app's
 * `userResolver` (keyed by `external_id`). Concurrent lookups of one id share
 * one resolver call. `lookup` asks the server's user records instead (for
 * apps without a resolver).
 */
export class UsersResource {
  private readonly entries = new Map<string, PoolseUserProfile | null>();
  private readonly inFlight = new Map<string, Promise<PoolseUserProfile | null>>();
  private readonly listeners = new Map<string, Set<(profile: CachedProfile) => void>>();
  /** Bumped per id by invalidation so an older lookup cannot overwrite a newer state. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly resolver: ResolvedConfig['userResolver'],
    private readonly serverLookup?: ProfileLookup,
  ) {}

  /**
   * The server's names of these users (`POST /v1/users/lookup`, in requests
   * of at most 100 ids): only the caller and people who share a conversation
   * with them are answered; others are left out. Not cached here.
   */
  async lookup(externalIds: readonly string[], signal?: AbortSignal): Promise<ServerProfile[]> {
    const lookup = this.serverLookup;
    if (!lookup) return [];
    const ids = [...new Set(externalIds)];
    const answers: ServerProfile[] = [];
    for (let i = 0; i < ids.length; i += LOOKUP_BATCH)
      answers.push(...(await lookup(ids.slice(i, i + LOOKUP_BATCH), signal)));
    return answers;
  }

  /**
   * The cached profile without calling the resolver: `undefined` when not
   * fetched yet (or there is no resolver), `null` when the resolver found
   * nobody, else the profile.
   */
  peek(userId: string): CachedProfile {
    return this.entries.get(userId);
  }

  /**
   * The profile, from the cache or from one resolver call shared by every
   * concurrent caller. Resolves `null` when there is no resolver. A resolver
   * error rejects and is not cached.
   */
  get(userId: string): Promise<PoolseUserProfile | null> {
    if (this.entries.has(userId)) return Promise.resolve(this.entries.get(userId) ?? null);
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const resolver = this.resolver;
    if (!resolver) return Promise.resolve(null);
    const generation = this.generations.get(userId) ?? 0;
    const lookup = (async () => {
      try {
        // Start after the in-flight entry is registered, even for a resolver that throws synchronously.
        await Promise.resolve();
        const profile = (await resolver(userId)) ?? null;
        if ((this.generations.get(userId) ?? 0) === generation) {
          this.entries.set(userId, profile);
          this.notify(userId);
        }
        return profile;
      } finally {
        // A lookup started after an invalidation has its own generation and stays registered.
        if ((this.generations.get(userId) ?? 0) === generation) this.inFlight.delete(userId);
      }
    })();
    this.inFlight.set(userId, lookup);
    return lookup;
  }

  /** Calls `listener` with the new cache entry whenever this user's entry changes. */
  subscribe(userId: string, listener: (profile: CachedProfile) => void): Unsubscribe {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(userId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(userId);
    };
  }

  /** Forgets one user; the next `get` asks the resolver again. */
  invalidate(userId: string): void {
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
    this.inFlight.delete(userId);
    const had = this.entries.delete(userId);
    if (had) this.notify(userId);
  }

  /** Forgets everyone (sign-out, tenant swap). */
  invalidateAll(): void {
    const ids = new Set([...this.entries.keys(), ...this.inFlight.keys()]);
    for (const id of ids) this.invalidate(id);
  }

  private notify(userId: string): void {
    const set = this.listeners.get(userId);
    if (!set) return;
    const value = this.entries.get(userId);
    for (const listener of [...set]) callSafely(listener, value);
  }
}
