/**
 * The `profiles` slice: names and avatars by external id, from the SDK's
 * `users` cache (the app's `userResolver`), kept live when the cache entry
 * changes or is invalidated; where the resolver gives no name (or there is
 * no resolver) from the server's user records (`users.lookup`, one request
 * for the ids asked in one tick); else the external id.
 *
 * Elements call `ensureProfiles(ids)` for the people they show and render
 * `profileOf(state, id)`: each id is asked for once per store, however many
 * elements show it.
 */
import type { Unsubscribe } from '../sdk/types.js';
import type { StoreCore } from './core.js';
import type { Profile } from './types.js';

type ResolvedFields = { displayName?: string | null; avatarUrl?: string | null };

export class Profiles {
  /** External ids asked for, with their cache subscription. */
  readonly #requests = new Map<string, Unsubscribe>();
  /** Ids waiting for the next server lookup. */
  #serverBatch: Set<string> | null = null;

  constructor(private readonly core: StoreCore) {}

  /** Starts resolving every id not asked for yet; the slice updates as answers come. */
  ensureProfiles(externalIds: Iterable<string | null | undefined>): void {
    for (const id of externalIds) if (id && !this.#requests.has(id)) this.resolveUser(id);
  }

  /** The profile now (a fallback while unresolved); resolves it once in the background. */
  resolveUser(externalId: string): Profile {
    const known = this.core.state.getState().profiles[externalId];
    if (known) return known;
    const users = this.core.client.users;
    const fallback = this.#profileFrom(externalId, users.peek(externalId));
    if (this.#requests.has(externalId) || this.core.state.closed) return fallback;
    // Written asynchronously so that calling this while rendering never changes state mid-render.
    const request = () =>
      users.get(externalId).then(
        (p) => (p ? this.#store(this.#profileFrom(externalId, p)) : this.#askServer(externalId)),
        () => this.#store(fallback),
      );
    this.#requests.set(
      externalId,
      users.subscribe(externalId, (p) => {
        // undefined: the entry was invalidated; ask again.
        if (p === undefined) void request();
        else this.#store(this.#profileFrom(externalId, p));
      }),
    );
    void request();
    return fallback;
  }

  /**
   * No name from the app's resolver (or no resolver): ask the server's user
   * records, together with the other ids asked for in the same tick.
   */
  #askServer(externalId: string): void {
    if (!this.core.client.users.lookup) {
      this.#store(this.#profileFrom(externalId, null));
      return;
    }
    if (!this.#serverBatch) {
      this.#serverBatch = new Set();
      queueMicrotask(() => this.#flushServerBatch());
    }
    this.#serverBatch.add(externalId);
  }

  #flushServerBatch(): void {
    const ids = [...(this.#serverBatch ?? [])];
    this.#serverBatch = null;
    const users = this.core.client.users;
    if (ids.length === 0 || !users.lookup || this.core.state.closed) return;
    users.lookup(ids).then(
      (rows) => {
        const names = new Map(rows.map((row) => [row.external_id, row.display_name]));
        for (const id of ids) {
          const name = names.get(id);
          this.#store(this.#profileFrom(id, name ? { displayName: name } : null));
        }
      },
      () => {
        for (const id of ids) this.#store(this.#profileFrom(id, null));
      },
    );
  }

  destroy(): void {
    for (const off of this.#requests.values()) off();
    this.#requests.clear();
  }

  #store(profile: Profile): void {
    this.core.state.updateSlice('profiles', (profiles) => {
      const current = profiles[profile.externalId];
      if (
        current &&
        current.displayName === profile.displayName &&
        current.avatarUrl === profile.avatarUrl &&
        current.resolved === profile.resolved
      )
        return profiles;
      return { ...profiles, [profile.externalId]: profile };
    });
  }

  #profileFrom(externalId: string, resolved: ResolvedFields | null | undefined): Profile {
    const me = this.core.state.getState().me;
    const ownName = me && me.external_id === externalId ? me.display_name : null;
    return {
      externalId,
      displayName: resolved?.displayName || ownName || externalId,
      avatarUrl: resolved?.avatarUrl ?? null,
      resolved: resolved !== undefined && resolved !== null,
    };
  }
}
