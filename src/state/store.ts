/**
 * The chat store: one truth about conversations, timelines, the outbox,
 * presence, typing and receipts, kept current from REST answers and realtime
 * pushes. Framework-free (no Lit, no DOM); elements read it through
 * `StoreController`.
 *
 * Invariants it guarantees:
 * - A timeline holds each message once (deduplicated by id), in `sequence`
 *   order; an optimistic send lives in the outbox until the REST answer or
 *   the realtime echo (whichever comes first) moves it into the timeline.
 * - A known message is only replaced by a later version, and a deleted
 *   message never comes back.
 * - Nothing sent while the socket was down is missed: after a reconnect, a
 *   channel rejoin, or a hole in the sequence of live messages, the timeline
 *   fetches `?after=<last sequence seen>` (all pages) and holds live events
 *   until that is done.
 * - With a durable outbox (`persistOutbox`, on in browsers), a message that
 *   cannot reach the server stays `pending`, survives a reload, and is sent
 *   exactly once (same id, the server dedups) in its conversation's send order
 *   when the network returns; only a refusal by the server makes it `failed`.
 * - State is replaced, never mutated: an unchanged slice keeps its reference.
 */
import type {
  Conversation,
  ConversationCreateRequest,
  Me,
  Membership,
  MemberReadEvent,
  Message,
  MessageCreateRequest,
  MessageDeletedEvent,
  PresenceDiff,
  PresenceSnapshot,
  ReactionEvent,
  RealtimeStatus,
  Unsubscribe,
} from '../sdk/types.js';
import type { ChatClientPort } from './client-port.js';
import { toStoreError } from './errors.js';
import { HeldEvents } from './held-events.js';
import { emptyInbox, markConversationRead, setConversations, upsertConversation } from './inbox.js';
import { asDeleted, supersedes, withReaction } from './messages.js';
import { OutboxPersistence, resolveOutboxStorage } from './outbox-persistence.js';
import { OutboxQueue, isTransientSendError, onOnline, type SendOutcome } from './outbox-queue.js';
import { outboxScope } from './outbox-storage.js';
import { hydrateState } from './offline-cache.js';
import { Resilience, type ResilienceHost } from './resilience.js';
import { PresenceTracker, sameIds } from './presence.js';
import { without } from './sorted.js';
import {
  emptyThread,
  emptyTimeline,
  mergeMessages,
  replaceMessage,
  withThreadMessages,
  withTimelineMessages,
} from './timeline.js';
import { TypingTracker } from './typing.js';
import type {
  ChatState,
  ChatStore,
  ChatStoreOptions,
  ComposerDraft,
  Equality,
  Listener,
  OutboxEntry,
  OutboxStorage,
  Profile,
  Receipt,
  Selector,
  SendDraft,
  ThreadState,
  TimelineState,
} from './types.js';

/** Safety bound on pages fetched in one gap fill or thread load. */
const MAX_PAGES = 100;
/** Safety bound on back-to-back sync rounds requested while one runs. */
const MAX_SYNC_ROUNDS = 5;

export function initialChatState(): ChatState {
  return {
    me: null,
    status: 'idle',
    online: true,
    started: false,
    error: null,
    inbox: emptyInbox,
    activeConversationId: null,
    timelines: {},
    threads: {},
    outbox: {},
    presence: {},
    typing: {},
    receipts: {},
    members: {},
    drafts: {},
    profiles: {},
  };
}

/** Creates a store over an SDK client (`Poolse`, or anything with the same shape). */
export function createChatStore(client: ChatClientPort, options: ChatStoreOptions = {}): ChatStore {
  return new Store(client, options);
}

interface OpenConversation {
  refs: number;
  offs: Unsubscribe[];
}

/**
 * A conversation whose channel the store holds for presence and typing only:
 * every open conversation, and the newest ones of the inbox so their rows
 * can show who is online and typing without loading their timelines.
 */
interface WatchedConversation {
  refs: number;
  offs: Unsubscribe[];
  presence: PresenceTracker;
}

interface SyncRun {
  again: boolean;
  promise: Promise<void>;
}

type MessageLocation =
  | { kind: 'timeline'; key: string; message: Message }
  | { kind: 'thread'; key: string; message: Message };

/** Where a batch of messages came from: it decides how the gap-fill cursor moves. */
type Source = 'live' | 'answer' | 'page';

function removeKey<T>(
  record: Readonly<Record<string, T>>,
  key: string,
): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/** The state with `entry` in the outbox and its id at the end of its timeline's (or thread's) `pendingIds`. */
function withOutboxEntry(s: ChatState, entry: OutboxEntry): ChatState {
  const { id, conversationId, threadRootId } = entry;
  const outbox = { ...s.outbox, [id]: entry };
  const append = (ids: readonly string[]) => (ids.includes(id) ? ids : [...ids, id]);
  if (threadRootId) {
    const th = s.threads[threadRootId] ?? emptyThread(threadRootId, conversationId);
    return {
      ...s,
      outbox,
      threads: { ...s.threads, [threadRootId]: { ...th, pendingIds: append(th.pendingIds) } },
    };
  }
  const tl = s.timelines[conversationId] ?? emptyTimeline(conversationId);
  return {
    ...s,
    outbox,
    timelines: { ...s.timelines, [conversationId]: { ...tl, pendingIds: append(tl.pendingIds) } },
  };
}

class Store implements ChatStore {
  private state: ChatState = initialChatState();
  private readonly listeners = new Set<Listener>();
  private readonly pageSize: number;
  private readonly typingThrottleMs: number;
  private readonly generateId: () => string;
  private readonly now: () => number;

  private destroyed = false;
  private startPromise: Promise<void> | null = null;
  private statusOff: Unsubscribe | null = null;
  private lastStatus: RealtimeStatus = 'idle';
  private everConnected = false;
  private readonly userOffs: Unsubscribe[] = [];
  private readonly open = new Map<string, OpenConversation>();
  private readonly watched = new Map<string, WatchedConversation>();
  /** The inbox conversations watched for their rows' presence and typing. */
  private inboxWatched = new Set<string>();
  private readonly inboxWatchLimit: number;
  private readonly syncs = new Map<string, SyncRun>();
  /** Live message events that arrived while their timeline was syncing, applied after it. */
  private readonly buffered = new Map<string, Array<() => void>>();
  private readonly held = new HeldEvents();
  /** Highest sequence this store posted as read, per conversation (never post twice). */
  private readonly readPosted = new Map<string, number>();
  /** Conversations whose last read post failed: the inbox row says read, the server may not know. */
  private readonly unsavedReads = new Set<string>();
  private readonly lastTypingPing = new Map<string, number>();
  private readonly threadLoads = new Map<string, Promise<void>>();
  private readonly profileRequests = new Map<string, Unsubscribe>();
  private readonly typing: TypingTracker;

  /** The durable outbox (`persistOutbox`): where it is kept and whether this store created that storage. */
  private readonly durable: { storage: OutboxStorage; owned: boolean } | null;
  /** Writes the outbox to `durable.storage` once `me` (its scope) is known. */
  private persistence: OutboxPersistence | null = null;
  /** Sends the durable outbox in order and resends it when the network returns. */
  private readonly queue: OutboxQueue | null;
  /** Outbox id -> its place in the user's send order (survives a reload with the entry). */
  private readonly outboxOrder = new Map<string, number>();
  private lastOutboxOrder = 0;
  private onlineOff: Unsubscribe | null = null;
  /** Offline cache and automatic recovery (see `resilience.ts`). */
  private readonly resilience: Resilience;

  constructor(
    private readonly client: ChatClientPort,
    options: ChatStoreOptions,
  ) {
    this.pageSize = options.pageSize ?? 50;
    this.inboxWatchLimit = options.inboxWatchLimit ?? 25;
    this.typingThrottleMs = options.typingThrottleMs ?? 2000;
    this.generateId = options.generateId ?? (() => globalThis.crypto.randomUUID());
    this.now = options.now ?? Date.now;
    this.typing = new TypingTracker(options.typingExpiryMs ?? 6000, (conversationId, userIds) =>
      this.setState((s) => {
        const current = s.typing[conversationId];
        if (userIds.length === 0)
          return current ? { ...s, typing: removeKey(s.typing, conversationId) } : s;
        if (
          current &&
          current.length === userIds.length &&
          current.every((u, i) => u === userIds[i])
        )
          return s;
        return { ...s, typing: { ...s.typing, [conversationId]: userIds } };
      }),
    );
    this.durable = resolveOutboxStorage(options.persistOutbox);
    this.queue = this.durable
      ? new OutboxQueue(
          { due: (id) => this.dueOutbox(id), attempt: (id) => this.attemptSend(id) },
          options.outboxRetryDelayMs ?? 2000,
        )
      : null;
    if (this.queue && options.onlineSignal)
      this.onlineOff = onOnline(options.onlineSignal, () => this.resendOutbox());
    this.resilience = new Resilience(this.resilienceHost(), options);
  }

  /** What the offline cache and automatic recovery may do to this store. */
  private resilienceHost(): ResilienceHost {
    return {
      client: this.client,
      getState: () => this.state,
      subscribe: (listener) => this.subscribe(listener),
      hydrate: (snapshot) => this.setState((s) => hydrateState(s, snapshot)),
      wipe: () => {
        this.persistence = null;
        this.setState((s) => ({
          ...initialChatState(),
          status: s.status,
          online: s.online,
          activeConversationId: s.activeConversationId,
        }));
      },
      setOnline: (online) => this.setState((s) => (s.online === online ? s : { ...s, online })),
      resumeOutbox: () => this.resendOutbox(),
      restoreOutbox: (me) => this.restoreOutbox(me),
      retryStart: () => this.reload(),
      retryInbox: () => this.reloadInbox(),
      retryTimeline: (id) => this.syncTimeline(id),
      retryThread: (rootId) => this.loadThread(rootId),
    };
  }

  // -------------------------------------------------------------------------
  // Reading and subscribing
  // -------------------------------------------------------------------------

  getState(): ChatState {
    return this.state;
  }

  subscribe(listener: Listener): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  select<T>(
    selector: Selector<T>,
    listener: (value: T, previous: T) => void,
    equals: Equality<T> = Object.is,
  ): Unsubscribe {
    let current = selector(this.state);
    return this.subscribe((state) => {
      const next = selector(state);
      if (equals(current, next)) return;
      const previous = current;
      current = next;
      listener(next, previous);
    });
  }

  private setState(update: (s: ChatState) => ChatState): void {
    if (this.destroyed) return;
    const previous = this.state;
    const next = update(previous);
    if (next === previous) return;
    this.state = next;
    if (next.outbox !== previous.outbox) this.outboxChanged(next.outbox);
    for (const listener of [...this.listeners]) listener(next, previous);
  }

  private setTimeline(id: string, update: (tl: TimelineState) => TimelineState): void {
    this.setState((s) => {
      const current = s.timelines[id] ?? emptyTimeline(id);
      const next = update(current);
      if (next === current && s.timelines[id]) return s;
      return { ...s, timelines: { ...s.timelines, [id]: next } };
    });
  }

  private setThread(rootId: string, update: (th: ThreadState) => ThreadState): void {
    this.setState((s) => {
      const current = s.threads[rootId] ?? emptyThread(rootId, null);
      const next = update(current);
      if (next === current && s.threads[rootId]) return s;
      return { ...s, threads: { ...s.threads, [rootId]: next } };
    });
  }

  // -------------------------------------------------------------------------
  // Start, status, inbox
  // -------------------------------------------------------------------------

  start(): Promise<void> {
    this.startPromise ??= this.run();
    return this.startPromise;
  }

  private async run(): Promise<void> {
    this.followStatus();
    this.setState((s) => ({ ...s, error: null, inbox: { ...s.inbox, loading: true } }));
    // What the user last saw paints now, before the network answers.
    await this.resilience.beforeStart();
    let me: Me;
    try {
      me = await this.client.me.show();
    } catch (error) {
      // Recovery calls start() again by itself (for example when the network is back).
      this.startPromise = null;
      this.setState((s) => ({
        ...s,
        error: toStoreError(error),
        inbox: { ...s.inbox, loading: false },
      }));
      // Offline with a cached session: the waiting outbox shows, and goes when the network returns.
      const cached = this.resilience.cachedMe();
      if (cached) await this.restoreOutbox(cached);
      return;
    }
    if (this.destroyed) return;
    this.setState((s) => ({ ...s, me, error: null }));
    await this.resilience.started(me);
    if (this.destroyed) return;
    await this.restoreOutbox(me);
    if (this.destroyed) return;
    const channel = this.client.realtime.user(me.id);
    this.userOffs.push(
      channel.onConversationCreated((c) => this.applyConversation(c, undefined)),
      channel.onConversationUpdated((e) => this.applyConversation(e.conversation, e.by_user_id)),
    );
    await this.reloadInbox();
    this.setState((s) => ({ ...s, started: true }));
  }

  private followStatus(): void {
    if (this.statusOff || this.destroyed) return;
    this.lastStatus = this.client.realtime.getStatus();
    if (this.lastStatus === 'connected') this.everConnected = true;
    const status = this.lastStatus;
    this.setState((s) => (s.status === status ? s : { ...s, status }));
    this.statusOff = this.client.realtime.onStatus((next) => this.onStatus(next));
  }

  private onStatus(status: RealtimeStatus): void {
    const previous = this.lastStatus;
    this.lastStatus = status;
    this.setState((s) => (s.status === status ? s : { ...s, status }));
    if (status !== 'connected') return;
    // The network is back: what waited in the outbox goes now (before the gap fills confirm it, or after).
    if (previous !== 'connected') this.resendOutbox();
    const reconnected = this.everConnected && previous !== 'connected';
    this.everConnected = true;
    if (reconnected) this.afterReconnect();
    if (previous !== 'connected') this.resilience.reconnected();
  }

  /** Everything that may have changed while the socket was down is fetched again. */
  private afterReconnect(): void {
    for (const id of this.open.keys()) void this.syncTimeline(id);
    if (this.state.me) void this.reloadInbox();
    for (const [rootId, thread] of Object.entries(this.state.threads)) {
      if (thread.loaded) void this.loadThread(rootId);
    }
  }

  private async reloadInbox(): Promise<void> {
    this.setState((s) => ({ ...s, inbox: { ...s.inbox, loading: true, error: null } }));
    try {
      const { data } = await this.client.conversations.list();
      this.setState((s) => ({ ...s, inbox: setConversations(s.inbox, data, this.readPosted) }));
      this.watchInbox();
    } catch (error) {
      this.setState((s) => ({
        ...s,
        inbox: { ...s.inbox, loading: false, error: toStoreError(error) },
      }));
    }
  }

  private applyConversation(conversation: Conversation, byUserId: string | null | undefined): void {
    this.setState((s) => {
      const inbox = upsertConversation(s.inbox, conversation, { byUserId, meId: s.me?.id ?? null });
      return inbox === s.inbox ? s : { ...s, inbox };
    });
    this.watchInbox();
  }

  async attachmentUrl(attachmentId: string): Promise<string> {
    const attachments = this.client.attachments;
    if (!attachments) throw new Error('This client cannot give attachment download URLs.');
    const { url } = await attachments.one(attachmentId).downloadUrl();
    return url;
  }

  reload(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    // `me` may be the cached one: the start is done only once it has run through.
    if (!this.state.started) return this.start();
    return this.reloadInbox();
  }

  async signOut(): Promise<void> {
    await this.resilience.signOut();
    this.destroy();
  }

  /** Keeps presence and typing live for the newest inbox rows (see `inboxWatchLimit`). */
  private watchInbox(): void {
    if (this.destroyed || !this.state.me) return;
    const wanted = new Set(this.state.inbox.ids.slice(0, this.inboxWatchLimit));
    for (const id of this.inboxWatched) if (!wanted.has(id)) this.unwatch(id);
    for (const id of wanted) if (!this.inboxWatched.has(id)) this.watch(id);
    this.inboxWatched = wanted;
  }

  /** Holds the conversation's channel for presence and typing (reference-counted). */
  private watch(id: string): void {
    const existing = this.watched.get(id);
    if (existing) {
      existing.refs += 1;
      return;
    }
    const watched: WatchedConversation = { refs: 1, offs: [], presence: new PresenceTracker() };
    this.watched.set(id, watched);
    const channel = this.client.realtime.conversation(id);
    watched.offs.push(
      channel.onTypingStart((e) => {
        if (e.user_id !== this.state.me?.id) this.typing.start(id, e.user_id);
      }),
      channel.onTypingStop((e) => this.typing.stop(id, e.user_id)),
      channel.onPresenceState((snapshot) => this.onPresenceState(id, snapshot, !channel.onJoin)),
      channel.onPresenceDiff((diff) => this.onPresenceDiff(id, diff)),
    );
  }

  /** Releases one `watch`; the last release leaves the channel unless the timeline is open. */
  private unwatch(id: string): void {
    const watched = this.watched.get(id);
    if (!watched) return;
    watched.refs -= 1;
    if (watched.refs > 0) return;
    this.watched.delete(id);
    for (const off of watched.offs) off();
    this.typing.clear(id);
    this.setState((s) => (id in s.presence ? { ...s, presence: removeKey(s.presence, id) } : s));
    if (!this.open.has(id)) this.client.realtime.leave(id);
  }

  selectConversation(id: string | null): void {
    this.setState((s) => (s.activeConversationId === id ? s : { ...s, activeConversationId: id }));
  }

  async createConversation(request: ConversationCreateRequest): Promise<Conversation> {
    const conversation = await this.client.conversations.create(request);
    this.applyConversation(conversation, this.state.me?.id ?? null);
    return conversation;
  }

  // -------------------------------------------------------------------------
  // Opening conversations, syncing timelines
  // -------------------------------------------------------------------------

  openConversation(id: string): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.followStatus();
    const existing = this.open.get(id);
    if (existing) {
      existing.refs += 1;
      return this.syncs.get(id)?.promise ?? Promise.resolve();
    }
    const open: OpenConversation = { refs: 1, offs: [] };
    this.open.set(id, open);
    this.setTimeline(id, (tl) => tl);
    // Sync first, so events replayed while subscribing are held until it is done.
    const synced = this.syncTimeline(id);
    const channel = this.client.realtime.conversation(id);
    const held =
      <T>(fn: (payload: T) => void) =>
      (payload: T) =>
        this.whenSynced(id, () => fn(payload));
    open.offs.push(
      channel.onMessage(held((m: Message) => this.receiveMessages([m], 'live'))),
      channel.onMessageUpdated(held((m: Message) => this.onMessageUpdated(m))),
      channel.onMessageDeleted(held((e: MessageDeletedEvent) => this.onMessageDeleted(e))),
      channel.onReactionAdded(held((e: ReactionEvent) => this.onReaction(e, true))),
      channel.onReactionRemoved(held((e: ReactionEvent) => this.onReaction(e, false))),
      channel.onMemberRead((e) => this.onMemberRead(e)),
    );
    // Presence and typing (and, without a join hook, the sign of a rejoin) come through the watch.
    this.watch(id);
    // Whatever was sent before a (re)join completed is fetched now; live events cover the rest.
    if (channel.onJoin) open.offs.push(channel.onJoin(() => this.onJoined(id)));
    if (channel.onJoinError) {
      open.offs.push(
        channel.onJoinError(({ reason }) => {
          const error =
            reason === 'unauthorized'
              ? { code: 'forbidden', message: 'Not a member of this conversation' }
              : { code: 'join_failed', message: reason };
          this.setTimeline(id, (tl) => ({ ...tl, error }));
        }),
      );
    }
    void this.loadMembers(id);
    return synced;
  }

  closeConversation(id: string): void {
    const open = this.open.get(id);
    if (!open) return;
    open.refs -= 1;
    if (open.refs > 0) return;
    this.open.delete(id);
    for (const off of open.offs) off();
    // Leaves the channel unless the inbox still watches it for presence and typing.
    this.unwatch(id);
  }

  private whenSynced(id: string, apply: () => void): void {
    if (this.destroyed) return;
    const queue = this.buffered.get(id);
    if (queue) queue.push(apply);
    else apply();
  }

  /**
   * Loads the newest page (first time) or fills the gap after the last
   * sequence seen. One run per conversation at a time; a request during a
   * run schedules one more round after it. Live events wait meanwhile.
   */
  private syncTimeline(id: string): Promise<void> {
    const running = this.syncs.get(id);
    if (running) {
      running.again = true;
      return running.promise;
    }
    const run: SyncRun = { again: false, promise: Promise.resolve() };
    this.syncs.set(id, run);
    if (!this.buffered.has(id)) this.buffered.set(id, []);
    run.promise = (async () => {
      try {
        for (let round = 0; round < MAX_SYNC_ROUNDS && !this.destroyed; round += 1) {
          run.again = false;
          await this.syncOnce(id);
          if (!run.again) break;
        }
      } finally {
        this.syncs.delete(id);
        const queue = this.buffered.get(id) ?? [];
        this.buffered.delete(id);
        for (const apply of queue) apply();
      }
    })();
    return run.promise;
  }

  private async syncOnce(id: string): Promise<void> {
    const messages = this.client.conversations.one(id).messages;
    const loaded = this.state.timelines[id]?.loaded ?? false;
    this.setTimeline(id, (tl) => ({ ...tl, loadingNewest: true, error: null }));
    try {
      if (!loaded) {
        const { data } = await messages.list({ limit: this.pageSize });
        this.receiveMessages(data, 'page');
        const newest = data.reduce((max, m) => Math.max(max, m.sequence), 0);
        this.setTimeline(id, (tl) => ({
          ...tl,
          loaded: true,
          hasOlder: data.length >= this.pageSize,
          lastSeenSequence: Math.max(tl.lastSeenSequence, newest),
        }));
      } else {
        let after = this.state.timelines[id]?.lastSeenSequence ?? 0;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const { data } = await messages.list({ after, limit: this.pageSize });
          this.receiveMessages(data, 'page');
          const newest = data.reduce((max, m) => Math.max(max, m.sequence), after);
          after = newest;
          this.setTimeline(id, (tl) =>
            tl.lastSeenSequence >= newest ? tl : { ...tl, lastSeenSequence: newest },
          );
          if (data.length < this.pageSize) break;
        }
      }
      this.setTimeline(id, (tl) => ({ ...tl, loadingNewest: false }));
    } catch (error) {
      this.setTimeline(id, (tl) => ({ ...tl, loadingNewest: false, error: toStoreError(error) }));
    }
  }

  async loadOlder(id: string): Promise<void> {
    const tl = this.state.timelines[id];
    if (!tl || !tl.loaded || !tl.hasOlder || tl.loadingOlder || tl.messageIds.length === 0) return;
    const oldest = tl.byId[tl.messageIds[0]].sequence;
    this.setTimeline(id, (t) => ({ ...t, loadingOlder: true, error: null }));
    try {
      const { data } = await this.client.conversations
        .one(id)
        .messages.list({ before: oldest, limit: this.pageSize });
      this.receiveMessages(data, 'page');
      this.setTimeline(id, (t) => ({
        ...t,
        loadingOlder: false,
        hasOlder: data.length >= this.pageSize,
      }));
    } catch (error) {
      this.setTimeline(id, (t) => ({ ...t, loadingOlder: false, error: toStoreError(error) }));
    }
  }

  private async loadMembers(id: string): Promise<void> {
    let list: Membership[];
    try {
      list = (await this.client.conversations.one(id).listMembers()).data;
    } catch {
      return; // members are an enhancement (receipts, names); the timeline works without them
    }
    this.setState((s) => {
      const byUser: Record<string, Membership> = {};
      for (const m of list) byUser[m.user_id] = m;
      const receipts: Record<string, Receipt> = { ...(s.receipts[id] ?? {}) };
      const tl = s.timelines[id];
      for (const m of list) {
        const known = receipts[m.user_id];
        if (!m.last_read_message_id) continue;
        if (known && known.at && m.last_read_at && known.at >= m.last_read_at) continue;
        receipts[m.user_id] = {
          userId: m.user_id,
          messageId: m.last_read_message_id,
          sequence: tl?.byId[m.last_read_message_id]?.sequence ?? null,
          at: m.last_read_at,
        };
      }
      return {
        ...s,
        members: { ...s.members, [id]: byUser },
        receipts: { ...s.receipts, [id]: receipts },
      };
    });
  }

  // -------------------------------------------------------------------------
  // Applying messages
  // -------------------------------------------------------------------------

  /**
   * The one door messages enter by: pages, REST answers and live pushes.
   * Dedups by id, orders by sequence, confirms outbox entries, keeps
   * `reply_count` live and moves the gap-fill cursor.
   */
  private receiveMessages(incoming: readonly Message[], source: Source): void {
    if (incoming.length === 0) return;
    const messages = incoming.map((m) => this.held.settle(m));
    const gaps = new Set<string>();
    this.setState((s) => {
      let timelines = s.timelines;
      let threads = s.threads;
      let outbox = s.outbox;
      const ordered = [...messages].sort((a, b) => a.sequence - b.sequence);
      for (const m of ordered) {
        const pending = outbox[m.id];
        if (pending) outbox = removeKey(outbox, m.id);
        if (m.thread_root_id) {
          const rootId = m.thread_root_id;
          const thread = threads[rootId];
          const known = thread?.byId[m.id] !== undefined;
          if (thread || pending) {
            let next = withThreadMessages(thread ?? emptyThread(rootId, m.conversation_id), (c) =>
              mergeMessages(c, [m]),
            );
            if (pending) next = { ...next, pendingIds: without(next.pendingIds, m.id) };
            threads = { ...threads, [rootId]: next };
          }
          // The root's reply_count stays live; last_reply_at tells whether this reply is counted yet.
          const tl = timelines[m.conversation_id];
          const root = tl?.byId[rootId];
          if (tl && root && !known && (!root.last_reply_at || root.last_reply_at < m.inserted_at)) {
            const bumped = {
              ...root,
              reply_count: root.reply_count + 1,
              last_reply_at: m.inserted_at,
            };
            timelines = {
              ...timelines,
              [tl.conversationId]: withTimelineMessages(tl, (c) => replaceMessage(c, bumped)),
            };
          }
        } else {
          const tl = timelines[m.conversation_id];
          if (tl || pending) {
            let next = withTimelineMessages(tl ?? emptyTimeline(m.conversation_id), (c) =>
              mergeMessages(c, [m]),
            );
            if (pending) next = { ...next, pendingIds: without(next.pendingIds, m.id) };
            timelines = { ...timelines, [m.conversation_id]: next };
          }
        }
        // The cursor only moves over a contiguous run; a hole means something was missed.
        const tl = timelines[m.conversation_id];
        if (tl && source !== 'page') {
          if (m.sequence === tl.lastSeenSequence + 1) {
            timelines = {
              ...timelines,
              [m.conversation_id]: { ...tl, lastSeenSequence: m.sequence },
            };
          } else if (m.sequence > tl.lastSeenSequence + 1 && tl.loaded) {
            gaps.add(m.conversation_id);
          }
        }
      }
      if (timelines === s.timelines && threads === s.threads && outbox === s.outbox) return s;
      return { ...s, timelines, threads, outbox };
    });
    if (source === 'live')
      for (const m of messages) if (m.sender_id) this.typing.stop(m.conversation_id, m.sender_id);
    for (const id of gaps) if (this.open.has(id)) void this.syncTimeline(id);
  }

  private locate(id: string): MessageLocation | null {
    for (const [key, tl] of Object.entries(this.state.timelines)) {
      const message = tl.byId[id];
      if (message) return { kind: 'timeline', key, message };
    }
    for (const [key, th] of Object.entries(this.state.threads)) {
      const message = th.byId[id];
      if (message) return { kind: 'thread', key, message };
    }
    return null;
  }

  /** Replaces a held message (wherever it is) with `change(current)`. */
  private patchMessage(id: string, change: (m: Message) => Message): boolean {
    const at = this.locate(id);
    if (!at) return false;
    const next = change(at.message);
    if (next === at.message) return true;
    if (at.kind === 'timeline')
      this.setTimeline(at.key, (tl) => withTimelineMessages(tl, (c) => replaceMessage(c, next)));
    else this.setThread(at.key, (th) => withThreadMessages(th, (c) => replaceMessage(c, next)));
    return true;
  }

  private onMessageUpdated(message: Message): void {
    const settled = this.held.settle(message);
    const found = this.patchMessage(message.id, (current) =>
      supersedes(current, settled) ? settled : current,
    );
    if (!found) {
      if (this.state.outbox[message.id]) this.receiveMessages([settled], 'answer');
      else this.held.holdUpdate(settled);
    }
  }

  private onMessageDeleted(event: MessageDeletedEvent): void {
    if (!this.patchMessage(event.id, (m) => asDeleted(m, event.deleted_at)))
      this.held.holdDeleted(event);
  }

  private onReaction(event: ReactionEvent, add: boolean): void {
    if (
      !this.patchMessage(event.message_id, (m) => withReaction(m, event.emoji, event.user_id, add))
    ) {
      this.held.holdReaction(event, add);
    }
  }

  private onMemberRead(event: MemberReadEvent): void {
    const id = event.conversation_id;
    this.setState((s) => {
      const receipts = s.receipts[id] ?? {};
      const known = receipts[event.user_id];
      const sequence = event.last_read_message_id
        ? (s.timelines[id]?.byId[event.last_read_message_id]?.sequence ?? null)
        : null;
      // The server never moves a read cursor backwards; neither do we.
      if (known && known.sequence !== null && sequence !== null && sequence <= known.sequence)
        return s;
      const receipt: Receipt = {
        userId: event.user_id,
        messageId: event.last_read_message_id,
        sequence,
        at: event.last_read_at,
      };
      return { ...s, receipts: { ...s.receipts, [id]: { ...receipts, [event.user_id]: receipt } } };
    });
  }

  private onPresenceState(id: string, snapshot: PresenceSnapshot, meansJoined: boolean): void {
    const watched = this.watched.get(id);
    if (!watched) return;
    watched.presence.reset(snapshot);
    this.publishPresence(id, watched.presence);
    // Without a join hook, the snapshot that follows every (re)join is the sign of one.
    if (meansJoined) this.onJoined(id);
  }

  private onJoined(id: string): void {
    if (this.open.has(id) && (this.state.timelines[id]?.loaded || this.syncs.has(id)))
      void this.syncTimeline(id);
  }

  private onPresenceDiff(id: string, diff: PresenceDiff): void {
    const watched = this.watched.get(id);
    if (!watched) return;
    watched.presence.apply(diff);
    this.publishPresence(id, watched.presence);
  }

  private publishPresence(id: string, tracker: PresenceTracker): void {
    const online = tracker.online();
    this.setState((s) =>
      sameIds(s.presence[id], online) ? s : { ...s, presence: { ...s.presence, [id]: online } },
    );
  }

  // -------------------------------------------------------------------------
  // Outbox
  // -------------------------------------------------------------------------

  send(conversationId: string, draft: SendDraft): string {
    const id = this.generateId();
    const me = this.state.me;
    const replyTo = draft.replyToId ? this.locate(draft.replyToId)?.message : undefined;
    const threadRootId = draft.replyToId ? (replyTo?.thread_root_id ?? draft.replyToId) : null;
    const quoted = draft.quotedMessageId ? this.locate(draft.quotedMessageId)?.message : undefined;
    const at = new Date(this.now()).toISOString();
    const message: Message = {
      id,
      tenant_id: me?.tenant_id ?? '',
      conversation_id: conversationId,
      sender_id: me?.id ?? null,
      sender_external_id: me?.external_id ?? null,
      type: 'text',
      body: draft.body ?? null,
      reply_to_id: draft.replyToId ?? null,
      thread_root_id: threadRootId,
      quoted_message_id: draft.quotedMessageId ?? null,
      quoted_message: quoted ? { ...quoted, quoted_message: null } : null,
      mentions: [...(draft.mentions ?? [])],
      reactions: {},
      attachments: [],
      reply_count: 0,
      last_reply_at: null,
      custom_data: { ...(draft.customData ?? {}) },
      edited_at: null,
      deleted_at: null,
      sequence: 0,
      inserted_at: at,
      updated_at: at,
    };
    const entry: OutboxEntry = {
      id,
      conversationId,
      threadRootId,
      draft: { ...draft },
      message,
      status: 'pending',
      error: null,
    };
    // The order first: writing the entry to storage reads it.
    if (this.queue) this.outboxOrder.set(id, this.nextOutboxOrder());
    this.setState((s) => withOutboxEntry(s, entry));
    if (this.queue) {
      this.queue.kick(conversationId, 'send');
    } else {
      this.dispatch(id);
    }
    return id;
  }

  /** Writes the outbox through to storage and forgets the order of entries that left it. */
  private outboxChanged(outbox: ChatState['outbox']): void {
    this.persistence?.sync(outbox);
    for (const id of this.outboxOrder.keys()) if (!(id in outbox)) this.outboxOrder.delete(id);
  }

  private nextOutboxOrder(): number {
    this.lastOutboxOrder = Math.max(Date.now(), this.lastOutboxOrder + 1);
    return this.lastOutboxOrder;
  }

  private requestFor(entry: OutboxEntry): MessageCreateRequest {
    const { draft } = entry;
    const request: MessageCreateRequest = { id: entry.id };
    if (draft.body !== undefined && draft.body !== null) request.body = draft.body;
    if (draft.attachmentIds?.length) request.attachment_ids = [...draft.attachmentIds];
    if (draft.quotedMessageId) request.quoted_message_id = draft.quotedMessageId;
    if (draft.replyToId) request.reply_to_id = draft.replyToId;
    if (draft.mentions?.length) request.mentions = [...draft.mentions];
    if (draft.customData && Object.keys(draft.customData).length > 0)
      request.custom_data = { ...draft.customData };
    return request;
  }

  private markFailed(id: string, error: unknown): void {
    this.setState((s) => {
      const current = s.outbox[id];
      if (!current) return s; // confirmed meanwhile by the echo or a gap fill
      return {
        ...s,
        outbox: { ...s.outbox, [id]: { ...current, status: 'failed', error: toStoreError(error) } },
      };
    });
  }

  /** The conversation's pending entries of the durable outbox, in the order the user sent them. */
  private dueOutbox(conversationId: string): string[] {
    return Object.values(this.state.outbox)
      .filter((e) => e.conversationId === conversationId && e.status === 'pending')
      .map((e) => e.id)
      .sort((a, b) => (this.outboxOrder.get(a) ?? 0) - (this.outboxOrder.get(b) ?? 0));
  }

  /** One send of a durable outbox entry; a network failure leaves it pending for a later attempt. */
  private async attemptSend(id: string): Promise<SendOutcome> {
    const entry = this.state.outbox[id];
    if (!entry || entry.status !== 'pending' || this.destroyed) return 'sent';
    try {
      const message = await this.client.conversations
        .one(entry.conversationId)
        .messages.send(this.requestFor(entry));
      this.receiveMessages([message], 'answer');
      return 'sent';
    } catch (error) {
      if (!this.state.outbox[id]) return 'sent';
      if (isTransientSendError(error)) return 'waiting';
      this.markFailed(id, error);
      return 'failed';
    }
  }

  /** Sends every conversation's pending entries again (the network is back). */
  private resendOutbox(): void {
    if (!this.queue) return;
    const conversations = new Set<string>();
    for (const entry of Object.values(this.state.outbox))
      if (entry.status === 'pending') conversations.add(entry.conversationId);
    for (const id of conversations) this.queue.kick(id, 'network');
  }

  /**
   * Puts back what the user's outbox held when the page was last closed (the
   * entries in storage under this user and server) and sends the pending
   * ones. From then on every change of the outbox is written through.
   */
  private async restoreOutbox(me: Me): Promise<void> {
    if (!this.durable || this.persistence) return;
    const apiUrl = this.client.config?.apiUrl ?? '';
    const persistence = new OutboxPersistence(
      this.durable.storage,
      outboxScope(apiUrl, me.id),
      (id) => this.outboxOrder.get(id) ?? this.nextOutboxOrder(),
    );
    const records = await persistence.load();
    if (this.destroyed) return;
    this.persistence = persistence;
    const restored = records.filter(
      ({ entry }) => !(entry.id in this.state.outbox) && !this.locate(entry.id),
    );
    for (const { entry, order } of restored) {
      this.outboxOrder.set(entry.id, order);
      this.lastOutboxOrder = Math.max(this.lastOutboxOrder, order);
    }
    if (restored.length)
      this.setState((s) => restored.reduce((acc, r) => withOutboxEntry(acc, r.entry), s));
    // Writes what was sent before `me` was known, and drops records confirmed meanwhile.
    persistence.sync(this.state.outbox);
    const conversations = new Set(
      restored.filter((r) => r.entry.status === 'pending').map((r) => r.entry.conversationId),
    );
    for (const id of conversations) this.queue?.kick(id, 'send');
  }

  /** Sends an entry of an outbox that is not durable: any failure makes it `failed`. */
  private dispatch(id: string): void {
    const entry = this.state.outbox[id];
    if (!entry) return;
    this.client.conversations
      .one(entry.conversationId)
      .messages.send(this.requestFor(entry))
      .then(
        (message) => this.receiveMessages([message], 'answer'),
        (error: unknown) => this.markFailed(id, error),
      );
  }

  retry(messageId: string): void {
    const entry = this.state.outbox[messageId];
    if (!entry || entry.status !== 'failed') return;
    this.setState((s) => ({
      ...s,
      outbox: { ...s.outbox, [messageId]: { ...entry, status: 'pending', error: null } },
    }));
    if (this.queue) this.queue.kick(entry.conversationId, 'send');
    else this.dispatch(messageId);
  }

  discardFailed(messageId: string): void {
    const entry = this.state.outbox[messageId];
    if (!entry || entry.status !== 'failed') return;
    this.setState((s) => {
      const outbox = removeKey(s.outbox, messageId);
      if (entry.threadRootId) {
        const th = s.threads[entry.threadRootId];
        return th
          ? {
              ...s,
              outbox,
              threads: {
                ...s.threads,
                [th.rootId]: { ...th, pendingIds: without(th.pendingIds, messageId) },
              },
            }
          : { ...s, outbox };
      }
      const tl = s.timelines[entry.conversationId];
      return tl
        ? {
            ...s,
            outbox,
            timelines: {
              ...s.timelines,
              [tl.conversationId]: { ...tl, pendingIds: without(tl.pendingIds, messageId) },
            },
          }
        : { ...s, outbox };
    });
  }

  // -------------------------------------------------------------------------
  // Optimistic edits, deletes, reactions
  // -------------------------------------------------------------------------

  /** Applies `optimistic`, runs `request`, and puts `previous` back if it fails and nothing newer came in. */
  private async optimistic(
    messageId: string,
    change: (m: Message) => Message,
    request: () => Promise<Message | void>,
    rollback: (current: Message, previous: Message) => Message,
  ): Promise<void> {
    const at = this.locate(messageId);
    if (!at) throw new Error(`Unknown message ${messageId}`);
    const previous = at.message;
    const applied = change(previous);
    this.patchMessage(messageId, () => applied);
    let answer: Message | void;
    try {
      answer = await request();
    } catch (error) {
      this.patchMessage(messageId, (current) => rollback(current, previous));
      throw error;
    }
    if (answer) {
      const confirmed = answer;
      this.patchMessage(messageId, (current) =>
        current === applied || supersedes(current, confirmed) ? confirmed : current,
      );
    }
  }

  edit(messageId: string, body: string): Promise<void> {
    const editedAt = new Date(this.now()).toISOString();
    let applied: Message | null = null;
    return this.optimistic(
      messageId,
      (m) => (applied = { ...m, body, edited_at: editedAt }),
      () => this.client.messages.one(messageId).update({ body }),
      (current, previous) => (current === applied ? previous : current),
    );
  }

  delete(messageId: string): Promise<void> {
    const deletedAt = new Date(this.now()).toISOString();
    let applied: Message | null = null;
    return this.optimistic(
      messageId,
      (m) => (applied = { ...m, body: null, attachments: [], deleted_at: deletedAt }),
      () => this.client.messages.one(messageId).delete(),
      (current, previous) => (current === applied ? previous : current),
    );
  }

  toggleReaction(messageId: string, emoji: string): Promise<void> {
    const me = this.state.me;
    if (!me) return Promise.reject(new Error('The store has not started'));
    const had = this.locate(messageId)?.message.reactions[emoji]?.includes(me.id) ?? false;
    const handle = this.client.messages.one(messageId);
    return this.optimistic(
      messageId,
      (m) => withReaction(m, emoji, me.id, !had),
      () => (had ? handle.removeReaction(emoji) : handle.addReaction(emoji)),
      // Undo only our own change; other people's reactions that came in meanwhile stay.
      (current) => withReaction(current, emoji, me.id, had),
    );
  }

  // -------------------------------------------------------------------------
  // Reading, threads, typing, drafts, profiles
  // -------------------------------------------------------------------------

  async markRead(conversationId: string): Promise<void> {
    const tl = this.state.timelines[conversationId];
    if (!tl || tl.messageIds.length === 0) return;
    const newest = tl.byId[tl.messageIds[tl.messageIds.length - 1]];
    const posted = this.readPosted.get(conversationId) ?? 0;
    const row = this.state.inbox.byId[conversationId];
    if (posted >= newest.sequence) return;
    const me = this.state.me;
    this.readPosted.set(conversationId, newest.sequence);
    this.setState((s) => {
      const inbox = markConversationRead(s.inbox, conversationId, newest.sequence);
      if (!me) return inbox === s.inbox ? s : { ...s, inbox };
      const receipt: Receipt = {
        userId: me.id,
        messageId: newest.id,
        sequence: newest.sequence,
        at: new Date(this.now()).toISOString(),
      };
      return {
        ...s,
        inbox,
        receipts: {
          ...s.receipts,
          [conversationId]: { ...(s.receipts[conversationId] ?? {}), [me.id]: receipt },
        },
      };
    });
    // The server already knows (the list said so, or the user's own message moved the cursor).
    if (row && row.last_read_sequence >= newest.sequence && !this.unsavedReads.has(conversationId))
      return;
    try {
      await this.client.conversations.one(conversationId).messages.markRead(newest.id);
      this.unsavedReads.delete(conversationId);
    } catch {
      // Let a later call post it again.
      this.unsavedReads.add(conversationId);
      if (this.readPosted.get(conversationId) === newest.sequence)
        this.readPosted.set(conversationId, posted);
    }
  }

  loadThread(rootId: string): Promise<void> {
    const running = this.threadLoads.get(rootId);
    if (running) return running;
    const load = this.fetchThread(rootId).finally(() => this.threadLoads.delete(rootId));
    this.threadLoads.set(rootId, load);
    return load;
  }

  private async fetchThread(rootId: string): Promise<void> {
    const conversationId = this.locate(rootId)?.message.conversation_id ?? null;
    this.setThread(rootId, (th) => ({
      ...th,
      conversationId: th.conversationId ?? conversationId,
      loading: true,
      error: null,
    }));
    try {
      const handle = this.client.messages.one(rootId);
      const limit = 500;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const th = this.state.threads[rootId];
        const last =
          th && th.replyIds.length
            ? th.byId[th.replyIds[th.replyIds.length - 1]].sequence
            : undefined;
        const { data } = await handle.replies(
          last === undefined ? { limit } : { limit, after: last },
        );
        this.receiveMessages(data, 'page');
        if (data.length < limit) break;
      }
      this.setThread(rootId, (th) => ({ ...th, loading: false, loaded: true }));
    } catch (error) {
      this.setThread(rootId, (th) => ({ ...th, loading: false, error: toStoreError(error) }));
    }
  }

  sendTyping(conversationId: string): void {
    if (!this.open.has(conversationId)) return;
    const now = this.now();
    const last = this.lastTypingPing.get(conversationId);
    if (last !== undefined && now - last < this.typingThrottleMs) return;
    this.lastTypingPing.set(conversationId, now);
    this.client.realtime.conversation(conversationId).sendTyping();
  }

  setDraft(conversationId: string, draft: ComposerDraft | null): void {
    this.setState((s) => {
      if (draft === null)
        return conversationId in s.drafts
          ? { ...s, drafts: removeKey(s.drafts, conversationId) }
          : s;
      if (s.drafts[conversationId] === draft) return s;
      return { ...s, drafts: { ...s.drafts, [conversationId]: draft } };
    });
  }

  resolveUser(externalId: string): Profile {
    const known = this.state.profiles[externalId];
    if (known) return known;
    const fallback = this.profileFrom(externalId, this.client.users.peek(externalId));
    if (!this.profileRequests.has(externalId) && !this.destroyed) {
      const store = (profile: Profile) =>
        this.setState((s) => {
          const current = s.profiles[externalId];
          if (
            current &&
            current.displayName === profile.displayName &&
            current.avatarUrl === profile.avatarUrl &&
            current.resolved === profile.resolved
          )
            return s;
          return { ...s, profiles: { ...s.profiles, [externalId]: profile } };
        });
      // Written asynchronously so that calling this while rendering never changes state mid-render.
      const request = () =>
        this.client.users.get(externalId).then(
          (p) => store(this.profileFrom(externalId, p)),
          () => store(fallback),
        );
      this.profileRequests.set(
        externalId,
        this.client.users.subscribe(externalId, (p) => {
          // undefined: the entry was invalidated; ask the resolver again.
          if (p === undefined) void request();
          else store(this.profileFrom(externalId, p));
        }),
      );
      void request();
    }
    return fallback;
  }

  private profileFrom(
    externalId: string,
    resolved: { displayName?: string | null; avatarUrl?: string | null } | null | undefined,
  ): Profile {
    const me = this.state.me;
    const ownName = me && me.external_id === externalId ? me.display_name : null;
    return {
      externalId,
      displayName: resolved?.displayName || ownName || externalId,
      avatarUrl: resolved?.avatarUrl ?? null,
      resolved: resolved !== undefined && resolved !== null,
    };
  }

  destroy(): void {
    if (this.destroyed) return;
    for (const id of [...this.open.keys()]) {
      const open = this.open.get(id);
      if (open) open.refs = 1;
      this.closeConversation(id);
    }
    for (const id of [...this.watched.keys()]) {
      const watched = this.watched.get(id);
      if (watched) watched.refs = 1;
      this.unwatch(id);
    }
    this.inboxWatched.clear();
    void this.resilience.dispose();
    this.destroyed = true;
    this.queue?.destroy();
    this.onlineOff?.();
    const durable = this.durable;
    if (durable?.owned) {
      // Let the last outbox writes land before the connection closes.
      const settled = this.persistence?.settled() ?? Promise.resolve();
      void settled.then(() => durable.storage.close?.());
    }
    this.statusOff?.();
    for (const off of this.userOffs) off();
    for (const off of this.profileRequests.values()) off();
    this.profileRequests.clear();
    this.typing.destroy();
    this.buffered.clear();
    this.listeners.clear();
  }
}
