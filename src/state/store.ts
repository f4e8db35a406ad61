/**
 * The chat store: one truth about conversations, timelines, the outbox,
 * presence, typing, receipts, drafts, uploads and profiles, kept current
 * from REST answers and realtime pushes. Framework-free (no Lit, no DOM);
 * elements read it through `StoreController`.
 *
 * `ChatStore` is a facade: the state lives in one `StateContainer`, and
 * each concern owns its slices and actions in a module of its own
 * (`inbox-sync`, `timeline-sync`, `message-feed`, `channels`, `outbox`,
 * `reads`, `threads`, `drafts`, `uploads`, `profiles`, `connection-status`;
 * the offline cache and recovery in `resilience`). This file wires them.
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
  Message,
  Unsubscribe,
} from '../sdk/types.js';
import { Channels } from './channels.js';
import type { ChatClientPort } from './client-port.js';
import { ConnectionStatus } from './connection-status.js';
import { StateContainer } from './container.js';
import type { StoreCore } from './core.js';
import { Drafts, lastEditableMessage } from './drafts.js';
import { toStoreError } from './errors.js';
import { initialChatState } from './initial-state.js';
import { InboxSync } from './inbox-sync.js';
import { MessageFeed } from './message-feed.js';
import { hydrateState, wipedState } from './offline-cache.js';
import { Outbox } from './outbox.js';
import { Profiles } from './profiles.js';
import { Reads } from './reads.js';
import { Resilience, type ResilienceHost } from './resilience.js';
import { Threads } from './threads.js';
import { TimelineSync } from './timeline-sync.js';
import type { AddResult, UploadFile } from './upload-queue.js';
import { Uploads, type UploadSource, type UploadSummary } from './uploads.js';
import type {
  ChatState,
  ChatStore,
  ChatStoreOptions,
  ComposerDraft,
  ComposerTarget,
  Equality,
  Listener,
  Profile,
  Selector,
  SendDraft,
} from './types.js';

export { initialChatState };

/** Creates a store over an SDK client (`Poolse`, or anything with the same shape). */
export function createChatStore(client: ChatClientPort, options: ChatStoreOptions = {}): ChatStore {
  return new Store(client, options);
}

class Store implements ChatStore {
  readonly #state = new StateContainer<ChatState>(initialChatState());
  readonly #outbox: Outbox;
  readonly #feed: MessageFeed;
  readonly #channels: Channels;
  readonly #timelines: TimelineSync;
  readonly #inbox: InboxSync;
  readonly #reads: Reads;
  readonly #threads: Threads;
  readonly #profiles: Profiles;
  readonly #uploads: Uploads;
  readonly #drafts: Drafts;
  readonly #connection: ConnectionStatus;
  /** Offline cache and automatic recovery (see `resilience.ts`). */
  readonly #resilience: Resilience;

  #startPromise: Promise<void> | null = null;
  readonly #userOffs: Unsubscribe[] = [];

  constructor(
    private readonly client: ChatClientPort,
    options: ChatStoreOptions,
  ) {
    const core: StoreCore = { client, state: this.#state, now: options.now ?? Date.now };
    this.#connection = new ConnectionStatus(core, (reconnect) => this.#back(reconnect));
    this.#channels = new Channels(
      core,
      { isOpen: (id) => this.#timelines.isOpen(id), joined: (id) => this.#timelines.joined(id) },
      {
        typingExpiryMs: options.typingExpiryMs ?? 6000,
        typingThrottleMs: options.typingThrottleMs ?? 2000,
      },
    );
    this.#feed = new MessageFeed(core, {
      typingEnded: (conversationId, userId) => this.#channels.typingEnded(conversationId, userId),
      gap: (id) => this.#timelines.gap(id),
    });
    // First subscriber of the state: storage hears of an outbox change before anyone else.
    this.#outbox = new Outbox(
      core,
      {
        feed: this.#feed,
        generateId: options.generateId ?? (() => globalThis.crypto.randomUUID()),
        sent: (conversationId) => this.#channels.sent(conversationId),
      },
      options,
    );
    this.#reads = new Reads(core);
    this.#timelines = new TimelineSync(
      core,
      {
        feed: this.#feed,
        watch: (id) => this.#channels.watch(id),
        unwatch: (id) => this.#channels.unwatch(id),
        memberRead: (event) => this.#reads.memberRead(event),
        loadMembers: (id) => this.#reads.loadMembers(id),
        followStatus: () => this.#connection.follow(),
      },
      options.pageSize ?? 50,
    );
    this.#inbox = new InboxSync(
      core,
      {
        readUpTo: () => this.#reads.posted,
        watch: (id) => this.#channels.watch(id),
        unwatch: (id) => this.#channels.unwatch(id),
      },
      options.inboxWatchLimit ?? 25,
    );
    this.#threads = new Threads(core, this.#feed);
    this.#profiles = new Profiles(core);
    this.#uploads = new Uploads(core, (key, ids) => this.#drafts.mirrorAttachments(key, ids));
    this.#drafts = new Drafts(core, {
      feed: this.#feed,
      profiles: this.#profiles,
      uploads: this.#uploads,
    });
    this.#resilience = new Resilience(this.#resilienceHost(), options);
  }

  /** What the offline cache and automatic recovery may do to this store. */
  #resilienceHost(): ResilienceHost {
    const state = this.#state;
    return {
      client: this.client,
      getState: () => state.getState(),
      subscribe: (listener) => state.subscribe(listener),
      hydrate: (snapshot) => state.update((s) => hydrateState(s, snapshot)),
      wipe: () => {
        // The other user's stored outbox stays theirs: stop writing through first.
        this.#outbox.forgetUser();
        state.update(wipedState);
      },
      setOnline: (online) => state.updateSlice('online', (now) => (now === online ? now : online)),
      resumeOutbox: () => this.#outbox.resend(),
      restoreOutbox: (me) => this.#outbox.restore(me),
      retryStart: () => this.reload(),
      retryInbox: () => this.#inbox.reload(),
      retryTimeline: (id) => this.#timelines.sync(id),
      retryThread: (rootId) => this.#threads.load(rootId),
    };
  }

  // Reading and subscribing

  getState(): ChatState {
    return this.#state.getState();
  }

  subscribe(listener: Listener): Unsubscribe {
    return this.#state.subscribe(listener);
  }

  select<T>(
    selector: Selector<T>,
    listener: (value: T, previous: T) => void,
    equals?: Equality<T>,
  ): Unsubscribe {
    return this.#state.select(selector, listener, equals);
  }

  // Start and socket status

  start(): Promise<void> {
    this.#startPromise ??= this.#run();
    return this.#startPromise;
  }

  reload(): Promise<void> {
    if (this.#state.closed) return Promise.resolve();
    // `me` may be the cached one: the start is done only once it has run through.
    if (!this.#state.getState().started) return this.start();
    return this.#inbox.reload();
  }

  async signOut(): Promise<void> {
    await this.#resilience.signOut();
    this.destroy();
  }

  async #run(): Promise<void> {
    this.#connection.follow();
    this.#state.update((s) => ({ ...s, error: null, inbox: { ...s.inbox, loading: true } }));
    // What the user last saw paints now, before the network answers.
    await this.#resilience.beforeStart();
    let me: Me;
    try {
      me = await this.client.me.show();
    } catch (error) {
      // Recovery calls start() again by itself (for example when the network is back).
      this.#startPromise = null;
      this.#state.update((s) => ({
        ...s,
        error: toStoreError(error),
        inbox: { ...s.inbox, loading: false },
      }));
      // Offline with a cached session: the waiting outbox shows, and goes when the network returns.
      const cached = this.#resilience.cachedMe();
      if (cached) await this.#outbox.restore(cached);
      return;
    }
    if (this.#state.closed) return;
    this.#state.update((s) => ({ ...s, me, error: null }));
    await this.#resilience.started(me);
    if (this.#state.closed) return;
    await this.#outbox.restore(me);
    if (this.#state.closed) return;
    const channel = this.client.realtime.user(me.id);
    this.#userOffs.push(
      channel.onConversationCreated((c) => this.#inbox.apply(c, undefined)),
      channel.onConversationUpdated((e) => this.#inbox.apply(e.conversation, e.by_user_id)),
    );
    await this.#inbox.reload();
    this.#state.update((s) => ({ ...s, started: true }));
  }

  /** The socket is back: the outbox goes, failed loads retry, and a reconnect refetches. */
  #back(reconnect: boolean): void {
    // What waited in the outbox goes now (before the gap fills confirm it, or after).
    this.#outbox.resend();
    if (reconnect) this.#afterReconnect();
    this.#resilience.reconnected();
  }

  /** Everything that may have changed while the socket was down is fetched again. */
  #afterReconnect(): void {
    for (const id of this.#timelines.openIds()) void this.#timelines.sync(id);
    if (this.#state.getState().me) void this.#inbox.reload();
    this.#threads.reloadLoaded();
  }

  // Inbox

  selectConversation(id: string | null): void {
    this.#inbox.select(id);
  }

  createConversation(request: ConversationCreateRequest): Promise<Conversation> {
    return this.#inbox.create(request);
  }

  async attachmentUrl(attachmentId: string): Promise<string> {
    const attachments = this.client.attachments;
    if (!attachments) throw new Error('This client cannot give attachment download URLs.');
    const { url } = await attachments.one(attachmentId).downloadUrl();
    return url;
  }

  // Timelines and messages

  openConversation(id: string): Promise<void> {
    return this.#timelines.open(id);
  }

  closeConversation(id: string): void {
    this.#timelines.close(id);
  }

  loadOlder(id: string): Promise<void> {
    return this.#timelines.loadOlder(id);
  }

  loadThread(rootId: string): Promise<void> {
    return this.#threads.load(rootId);
  }

  edit(messageId: string, body: string): Promise<void> {
    return this.#feed.edit(messageId, body);
  }

  delete(messageId: string): Promise<void> {
    return this.#feed.delete(messageId);
  }

  toggleReaction(messageId: string, emoji: string): Promise<void> {
    return this.#feed.toggleReaction(messageId, emoji);
  }

  markRead(conversationId: string): Promise<void> {
    return this.#reads.markRead(conversationId);
  }

  // Outbox

  send(conversationId: string, draft: SendDraft): string {
    return this.#outbox.send(conversationId, draft);
  }

  retry(messageId: string): void {
    this.#outbox.retry(messageId);
  }

  discardFailed(messageId: string): void {
    this.#outbox.discardFailed(messageId);
  }

  // Typing and profiles

  sendTyping(conversationId: string): void {
    this.#channels.sendTyping(conversationId);
  }

  resolveUser(externalId: string): Profile {
    return this.#profiles.resolveUser(externalId);
  }

  ensureProfiles(externalIds: Iterable<string | null | undefined>): void {
    this.#profiles.ensureProfiles(externalIds);
  }

  // Drafts and the composer's rules

  setDraft(conversationId: string, draft: ComposerDraft | null): void {
    this.#drafts.set(conversationId, draft);
  }

  updateDraft(draftKey: string, patch: Partial<ComposerDraft>): void {
    this.#drafts.update(draftKey, patch);
  }

  quoteInDraft(draftKey: string, messageId: string): void {
    this.#drafts.quote(draftKey, messageId);
  }

  replyInDraft(draftKey: string, messageId: string): void {
    this.#drafts.replyInThread(draftKey, messageId);
  }

  startEdit(draftKey: string, messageId: string): boolean {
    return this.#drafts.startEdit(draftKey, messageId);
  }

  cancelEdit(draftKey: string): void {
    this.#drafts.cancelEdit(draftKey);
  }

  saveEdit(draftKey: string): Promise<void> {
    return this.#drafts.saveEdit(draftKey);
  }

  prepareSend(target: ComposerTarget): SendDraft | null {
    return this.#drafts.prepareSend(target);
  }

  sendPrepared(target: ComposerTarget, draft: SendDraft): string {
    const id = this.#outbox.send(target.conversationId, draft);
    this.#drafts.sent(target);
    return id;
  }

  lastEditableMessage(target: ComposerTarget): Message | null {
    return lastEditableMessage(this.#state.getState(), target);
  }

  // Uploads

  addUploads(draftKey: string, files: readonly UploadFile[], source?: UploadSource): AddResult {
    return this.#uploads.add(draftKey, files, source);
  }

  cancelUpload(draftKey: string, uploadKey: string): void {
    this.#uploads.cancel(draftKey, uploadKey);
  }

  retryUpload(draftKey: string, uploadKey: string): void {
    this.#uploads.retry(draftKey, uploadKey);
  }

  uploadSummary(draftKey: string): UploadSummary {
    return this.#uploads.summary(draftKey);
  }

  destroy(): void {
    if (this.#state.closed) return;
    void this.#resilience.dispose();
    this.#timelines.destroy();
    this.#channels.destroy();
    this.#inbox.destroy();
    this.#state.close();
    this.#outbox.destroy();
    this.#uploads.destroy();
    this.#connection.destroy();
    for (const off of this.#userOffs) off();
    this.#profiles.destroy();
  }
}
