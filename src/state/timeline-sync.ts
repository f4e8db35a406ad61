/**
 * Keeping open timelines complete: opening a conversation (reference
 * counted) joins its channel and loads its newest page; after a reconnect, a
 * rejoin or a hole in the live sequence it fetches `?after=<last sequence
 * seen>` (all pages) while live events wait in a buffer, then applies them;
 * and it loads older pages on request.
 */
import type { Message, MessageDeletedEvent, ReactionEvent, Unsubscribe } from '../sdk/types.js';
import { MAX_PAGES, setTimeline, type StoreCore } from './core.js';
import { toStoreError } from './errors.js';
import type { MessageFeed } from './message-feed.js';
import type { MemberReadEvent } from '../sdk/types.js';

/** Safety bound on back-to-back sync rounds requested while one runs. */
const MAX_SYNC_ROUNDS = 5;

interface OpenConversation {
  refs: number;
  offs: Unsubscribe[];
}

interface SyncRun {
  again: boolean;
  promise: Promise<void>;
}

export interface TimelineSyncDeps {
  feed: MessageFeed;
  /** Holds the channel for presence and typing while the conversation is open. */
  watch(id: string): void;
  unwatch(id: string): void;
  /** A member's read cursor moved. */
  memberRead(event: MemberReadEvent): void;
  /** Loads the members (and their read positions) of a conversation just opened. */
  loadMembers(id: string): Promise<void>;
  /** Starts following the socket status (an open conversation needs it). */
  followStatus(): void;
}

export class TimelineSync {
  readonly #open = new Map<string, OpenConversation>();
  readonly #syncs = new Map<string, SyncRun>();
  /** Live message events that arrived while their timeline was syncing, applied after it. */
  readonly #buffered = new Map<string, Array<() => void>>();

  constructor(
    private readonly core: StoreCore,
    private readonly deps: TimelineSyncDeps,
    private readonly pageSize: number,
  ) {}

  isOpen(id: string): boolean {
    return this.#open.has(id);
  }

  openIds(): string[] {
    return [...this.#open.keys()];
  }

  open(id: string): Promise<void> {
    if (this.core.state.closed) return Promise.resolve();
    this.deps.followStatus();
    const existing = this.#open.get(id);
    if (existing) {
      existing.refs += 1;
      return this.#syncs.get(id)?.promise ?? Promise.resolve();
    }
    const open: OpenConversation = { refs: 1, offs: [] };
    this.#open.set(id, open);
    setTimeline(this.core, id, (tl) => tl);
    // Sync first, so events replayed while subscribing are held until it is done.
    const synced = this.sync(id);
    const channel = this.core.client.realtime.conversation(id);
    const { feed } = this.deps;
    const held =
      <T>(fn: (payload: T) => void) =>
      (payload: T) =>
        this.#whenSynced(id, () => fn(payload));
    open.offs.push(
      channel.onMessage(held((m: Message) => feed.receive([m], 'live'))),
      channel.onMessageUpdated(held((m: Message) => feed.onUpdated(m))),
      channel.onMessageDeleted(held((e: MessageDeletedEvent) => feed.onDeleted(e))),
      channel.onReactionAdded(held((e: ReactionEvent) => feed.onReaction(e, true))),
      channel.onReactionRemoved(held((e: ReactionEvent) => feed.onReaction(e, false))),
      channel.onMemberRead((e) => this.deps.memberRead(e)),
    );
    // Presence and typing (and, without a join hook, the sign of a rejoin) come through the watch.
    this.deps.watch(id);
    // Whatever was sent before a (re)join completed is fetched now; live events cover the rest.
    if (channel.onJoin) open.offs.push(channel.onJoin(() => this.joined(id)));
    if (channel.onJoinError) {
      open.offs.push(
        channel.onJoinError(({ reason }) => {
          const error =
            reason === 'unauthorized'
              ? { code: 'forbidden', message: 'Not a member of this conversation' }
              : { code: 'join_failed', message: reason };
          setTimeline(this.core, id, (tl) => ({ ...tl, error }));
        }),
      );
    }
    void this.deps.loadMembers(id);
    return synced;
  }

  close(id: string): void {
    const open = this.#open.get(id);
    if (!open) return;
    open.refs -= 1;
    if (open.refs > 0) return;
    this.#open.delete(id);
    for (const off of open.offs) off();
    // Leaves the channel unless the inbox still watches it for presence and typing.
    this.deps.unwatch(id);
  }

  /** The channel (re)joined: fetch what was sent before the join completed. */
  joined(id: string): void {
    if (
      this.#open.has(id) &&
      (this.core.state.getState().timelines[id]?.loaded || this.#syncs.has(id))
    )
      void this.sync(id);
  }

  /** A live message skipped sequences. */
  gap(id: string): void {
    if (this.#open.has(id)) void this.sync(id);
  }

  /** Closes every open conversation (the store is being destroyed). */
  destroy(): void {
    for (const [id, open] of [...this.#open]) {
      open.refs = 1;
      this.close(id);
    }
    this.#buffered.clear();
  }

  /**
   * Loads the newest page (first time) or fills the gap after the last
   * sequence seen. One run per conversation at a time; a request during a
   * run schedules one more round after it. Live events wait meanwhile.
   */
  sync(id: string): Promise<void> {
    const running = this.#syncs.get(id);
    if (running) {
      running.again = true;
      return running.promise;
    }
    const run: SyncRun = { again: false, promise: Promise.resolve() };
    this.#syncs.set(id, run);
    if (!this.#buffered.has(id)) this.#buffered.set(id, []);
    run.promise = (async () => {
      try {
        for (let round = 0; round < MAX_SYNC_ROUNDS && !this.core.state.closed; round += 1) {
          run.again = false;
          await this.#syncOnce(id);
          if (!run.again) break;
        }
      } finally {
        this.#syncs.delete(id);
        const queue = this.#buffered.get(id) ?? [];
        this.#buffered.delete(id);
        for (const apply of queue) apply();
      }
    })();
    return run.promise;
  }

  async loadOlder(id: string): Promise<void> {
    const tl = this.core.state.getState().timelines[id];
    if (!tl || !tl.loaded || !tl.hasOlder || tl.loadingOlder || tl.messageIds.length === 0) return;
    const oldest = tl.byId[tl.messageIds[0]].sequence;
    setTimeline(this.core, id, (t) => ({ ...t, loadingOlder: true, error: null }));
    try {
      const { data } = await this.core.client.conversations
        .one(id)
        .messages.list({ before: oldest, limit: this.pageSize });
      this.deps.feed.receive(data, 'page');
      setTimeline(this.core, id, (t) => ({
        ...t,
        loadingOlder: false,
        hasOlder: data.length >= this.pageSize,
      }));
    } catch (error) {
      setTimeline(this.core, id, (t) => ({
        ...t,
        loadingOlder: false,
        error: toStoreError(error),
      }));
    }
  }

  #whenSynced(id: string, apply: () => void): void {
    if (this.core.state.closed) return;
    const queue = this.#buffered.get(id);
    if (queue) queue.push(apply);
    else apply();
  }

  async #syncOnce(id: string): Promise<void> {
    const messages = this.core.client.conversations.one(id).messages;
    const { feed } = this.deps;
    const pageSize = this.pageSize;
    const loaded = this.core.state.getState().timelines[id]?.loaded ?? false;
    setTimeline(this.core, id, (tl) => ({ ...tl, loadingNewest: true, error: null }));
    try {
      if (!loaded) {
        const { data } = await messages.list({ limit: pageSize });
        feed.receive(data, 'page');
        const newest = data.reduce((max, m) => Math.max(max, m.sequence), 0);
        setTimeline(this.core, id, (tl) => ({
          ...tl,
          loaded: true,
          hasOlder: data.length >= pageSize,
          lastSeenSequence: Math.max(tl.lastSeenSequence, newest),
        }));
      } else {
        let after = this.core.state.getState().timelines[id]?.lastSeenSequence ?? 0;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const { data } = await messages.list({ after, limit: pageSize });
          feed.receive(data, 'page');
          const newest = data.reduce((max, m) => Math.max(max, m.sequence), after);
          after = newest;
          setTimeline(this.core, id, (tl) =>
            tl.lastSeenSequence >= newest ? tl : { ...tl, lastSeenSequence: newest },
          );
          if (data.length < pageSize) break;
        }
      }
      setTimeline(this.core, id, (tl) => ({ ...tl, loadingNewest: false }));
    } catch (error) {
      setTimeline(this.core, id, (tl) => ({
        ...tl,
        loadingNewest: false,
        error: toStoreError(error),
      }));
    }
  }
}
