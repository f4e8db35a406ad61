/**
 * Public API of the chat store: the state shape the elements render and the
 * actions they call. The store (`createChatStore`) is framework-free; the
 * elements read it through `StoreController` (`src/context/`).
 *
 * Every state update replaces the objects on the path to the change and
 * leaves everything else as it was, so a selector's result can be compared
 * by reference to know whether a slice changed.
 */
import type {
  Conversation,
  ConversationCreateRequest,
  Me,
  Membership,
  Message,
  RealtimeStatus,
  Unsubscribe,
  Uuid,
} from '../sdk/types.js';
import type { ResilienceOptions } from './resilience.js';
import type { AddResult, UploadFile, UploadItem } from './upload-queue.js';
import type { UploadSource, UploadSummary } from './uploads.js';

/** Loading flag plus the last error of an operation on a slice. */
export interface StoreError {
  /** A stable code: the server's error code (`forbidden`, ...), or `network`, `unknown`. */
  code: string;
  message: string;
}

/** The user's conversations, newest activity first. */
export interface InboxState {
  /** Conversation ids sorted by last activity (`last_message_at`, else `inserted_at`), newest first. */
  ids: readonly Uuid[];
  /**
   * Conversations by id. `unread_count` and `last_read_sequence` are kept by
   * the store for the calling user (own messages never count as unread).
   */
  byId: Readonly<Record<Uuid, Conversation>>;
  /** True until the first list has loaded (and while a reload after reconnect runs). */
  loading: boolean;
  /** Whether the conversation list has loaded at least once. */
  loaded: boolean;
  error: StoreError | null;
}

/** One conversation's main feed (thread replies live in `threads`). */
export interface TimelineState {
  conversationId: Uuid;
  /** Confirmed message ids in `sequence` order, oldest first. No duplicates. */
  messageIds: readonly Uuid[];
  /** Confirmed messages by id (including soft-deleted ones: `deleted_at` set, `body` null). */
  byId: Readonly<Record<Uuid, Message>>;
  /**
   * Ids of this conversation's own optimistic sends not confirmed yet, in
   * send order; their entries are in `ChatState.outbox`. Render them after
   * `messageIds`.
   */
  pendingIds: readonly Uuid[];
  /** Whether older messages exist on the server (from the last `before` page). */
  hasOlder: boolean;
  loadingOlder: boolean;
  /** True while the newest page (first open) or a gap fill (after reconnect) loads. */
  loadingNewest: boolean;
  /** Whether the newest page has loaded once. */
  loaded: boolean;
  error: StoreError | null;
  /** Highest `sequence` seen on this conversation (main feed and replies): the gap-fill cursor. */
  lastSeenSequence: number;
}

/** A thread: replies to one root message, oldest first. */
export interface ThreadState {
  rootId: Uuid;
  conversationId: Uuid | null;
  /** Confirmed reply ids in `sequence` order. */
  replyIds: readonly Uuid[];
  byId: Readonly<Record<Uuid, Message>>;
  /** Optimistic replies not confirmed yet (entries in `ChatState.outbox`). */
  pendingIds: readonly Uuid[];
  loading: boolean;
  loaded: boolean;
  error: StoreError | null;
}

export type OutboxStatus = 'pending' | 'failed';

/** An optimistic send, shown at once and kept until the server confirms it. */
export interface OutboxEntry {
  /** The client-chosen message id; a retry reuses it so the server dedups. */
  id: Uuid;
  conversationId: Uuid;
  /** Set for a thread reply: the root the reply goes under. */
  threadRootId: Uuid | null;
  /** The request as it will be sent again on retry. */
  draft: SendDraft;
  /**
   * A provisional `Message` to render (sender = me, `sequence` 0,
   * `inserted_at` = when it was sent locally).
   */
  message: Message;
  status: OutboxStatus;
  /** Why the send failed (after the SDK's own retries); null while pending. */
  error: StoreError | null;
}

/** What the composer hands to `send`. */
export interface SendDraft {
  body?: string | null;
  attachmentIds?: readonly Uuid[];
  quotedMessageId?: Uuid | null;
  /** Makes the message a thread reply under this message's thread. */
  replyToId?: Uuid | null;
  /** User ids to notify. */
  mentions?: readonly Uuid[];
  /**
   * Free-form data sent as the message's `custom_data`; the composer records
   * image sizes here (`attachment_dimensions`) so every reader reserves the
   * thumbnail's box before the image loads.
   */
  customData?: Readonly<Record<string, unknown>>;
}

/** The composer's unsent text and modes for one conversation. */
export interface ComposerDraft {
  body: string;
  quotedMessageId?: Uuid | null;
  replyToId?: Uuid | null;
  /** Set while editing an existing message. */
  editingMessageId?: Uuid | null;
  attachmentIds?: readonly Uuid[];
  /** User ids mentioned in `body` so far (the composer drops ones whose name was deleted). */
  mentions?: readonly Uuid[];
}

/** Which composer a draft belongs to: a conversation's, or the thread composer of `threadRootId`. */
export interface ComposerTarget {
  conversationId: Uuid;
  threadRootId?: Uuid | null;
}

/** Last read position of one member. */
export interface Receipt {
  userId: Uuid;
  messageId: Uuid | null;
  /** Sequence of `messageId` when the store holds that message, else null. */
  sequence: number | null;
  at: string | null;
}

/** A user as the elements show them. */
export interface Profile {
  externalId: string;
  /** Resolver's display name, else the server's `display_name` of the user, else the external id. */
  displayName: string;
  avatarUrl: string | null;
  /** Whether a name source answered: the app's `userResolver`, else the server's user records. */
  resolved: boolean;
}

export interface ChatState {
  me: Me | null;
  /** Realtime socket status from the SDK. */
  status: RealtimeStatus;
  /** Whether the device is online (from the page's `online`/`offline`; true without those signals). */
  online: boolean;
  /** True once `start()` has loaded `me` and the inbox. */
  started: boolean;
  /** Error of `start()` (loading `me`), if any. */
  error: StoreError | null;
  inbox: InboxState;
  /** The conversation the provider shows (the inbox's selection). */
  activeConversationId: Uuid | null;
  timelines: Readonly<Record<Uuid, TimelineState>>;
  threads: Readonly<Record<Uuid, ThreadState>>;
  /** Optimistic sends by message id (pending or failed). */
  outbox: Readonly<Record<Uuid, OutboxEntry>>;
  /** Conversation id -> ids of users online in it (Phoenix Presence), sorted. */
  presence: Readonly<Record<Uuid, readonly Uuid[]>>;
  /** Conversation id -> ids of other users typing now (expire after `typingExpiryMs`). */
  typing: Readonly<Record<Uuid, readonly Uuid[]>>;
  /** Conversation id -> user id -> that member's last read position. */
  receipts: Readonly<Record<Uuid, Readonly<Record<Uuid, Receipt>>>>;
  /** Conversation id -> members by user id (loaded when the conversation opens). */
  members: Readonly<Record<Uuid, Readonly<Record<Uuid, Membership>>>>;
  /** Conversation id -> the composer's draft. */
  drafts: Readonly<Record<Uuid, ComposerDraft>>;
  /** External id -> profile (see `resolveUser`). */
  profiles: Readonly<Record<string, Profile>>;
  /** Draft key (as in `drafts`) -> the files attached to that draft, uploading, done or failed. */
  uploads: Readonly<Record<string, readonly UploadItem[]>>;
}

export type Listener = (state: ChatState, previous: ChatState) => void;
export type Selector<T> = (state: ChatState) => T;
export type Equality<T> = (a: T, b: T) => boolean;

export interface ChatStoreOptions extends ResilienceOptions {
  /** Page size of timeline loads (default 50). */
  pageSize?: number;
  /**
   * How many of the newest inbox conversations to follow for presence and
   * typing, so their rows show who is online and typing (default 25).
   */
  inboxWatchLimit?: number;
  /** How long a `typing:start` counts without a `typing:stop` (default 6000 ms). */
  typingExpiryMs?: number;
  /** Minimum time between two typing pings sent by `sendTyping` (default 2000 ms). */
  typingThrottleMs?: number;
  /** Message id generator for optimistic sends (default `crypto.randomUUID()`). */
  generateId?: () => string;
  /** Clock, for the provisional `inserted_at` of optimistic sends (default `Date.now`). */
  now?: () => number;
  /**
   * Keeps the outbox across page reloads and resends it when the network
   * returns (see `OutboxStorage`). `true`: IndexedDB; `false`: off; or a
   * storage of your own. Default: on where `indexedDB` exists (browsers),
   * off elsewhere.
   *
   * While on, a send that fails on the network (no answer, 408, 429, 5xx)
   * stays `pending` and is sent again, under the same id and in its original
   * order per conversation, when the socket is `connected` again, when
   * `onlineSignal` fires, and a few times on a backoff timer. Only a refusal
   * (any other 4xx) makes it `failed`. Entries are kept per user (`me.id`)
   * and per API URL (the client's `config.apiUrl`).
   */
  persistOutbox?: boolean | OutboxStorage;
  /**
   * Tells the store that the device is back online, so the durable outbox
   * (`persistOutbox`) is sent at once. The provider passes `window` (its `online` event); anything with
   * `addEventListener('online', fn)`, or a subscribe function, works.
   */
  onlineSignal?: OnlineSignal;
  /** First delay of the outbox's backoff timer after a network failure (default 2000 ms; it doubles, up to 60 s, a few times). */
  outboxRetryDelayMs?: number;
}

/** Something that says "the network is back": an `online` event source or a subscribe function. */
export type OnlineSignal =
  | ((listener: () => void) => Unsubscribe)
  | {
      addEventListener(type: 'online', listener: () => void): void;
      removeEventListener(type: 'online', listener: () => void): void;
    };

/** One outbox entry as kept in storage. */
export interface StoredOutboxEntry {
  entry: OutboxEntry;
  /** Position in the order the user sent (a timestamp-like, increasing number). */
  order: number;
}

/**
 * Where the outbox survives a reload. `scope` separates users and servers
 * (see `outboxScope`), so two users of one browser never see each other's
 * entries. Implementations: `createIndexedDbOutboxStorage` (browsers),
 * `createMemoryOutboxStorage` (tests, node).
 */
export interface OutboxStorage {
  /** Every entry of `scope`, in any order. */
  load(scope: string): Promise<StoredOutboxEntry[]>;
  /** Adds or replaces the entry with `record.entry.id`. */
  put(scope: string, record: StoredOutboxEntry): Promise<void>;
  remove(scope: string, id: Uuid): Promise<void>;
  /** Releases the storage (a database connection); called by a store on storage it created itself. */
  close?(): void;
}

export interface ChatStore {
  getState(): ChatState;
  /** Called after every change with the new and the previous state. */
  subscribe(listener: Listener): Unsubscribe;
  /**
   * Calls `listener` when the selected slice changes (by `equals`, default
   * `Object.is`). Does not call it for the current value.
   */
  select<T>(
    selector: Selector<T>,
    listener: (value: T, previous: T) => void,
    equals?: Equality<T>,
  ): Unsubscribe;

  /**
   * Loads `me` and the inbox, joins the user topic, follows the socket status.
   * Idempotent. Never rejects: a failure lands in `error` (then calling it again retries).
   */
  start(): Promise<void>;
  /**
   * Loads the conversation list again (after an inbox error, say); before
   * `me` has loaded it retries `start()`. Never rejects.
   */
  reload(): Promise<void>;
  /** Sets the active conversation (the provider's selection). */
  selectConversation(id: Uuid | null): void;
  /**
   * Joins the conversation's channel and loads its newest page (or fills the
   * gap since the last one if it was open before). Reference-counted: each
   * call needs a matching `closeConversation`.
   */
  openConversation(id: Uuid): Promise<void>;
  /** Releases one `openConversation`; the last release leaves the channel (the timeline stays cached). */
  closeConversation(id: Uuid): void;
  /** Loads the page before the oldest loaded message. No-op when `hasOlder` is false or a load runs. */
  loadOlder(id: Uuid): Promise<void>;

  /** Sends optimistically; returns the client-chosen message id at once. Never rejects. */
  send(conversationId: Uuid, draft: SendDraft): Uuid;
  /** Sends a failed entry again under the same id. */
  retry(messageId: Uuid): void;
  /** Drops a failed entry from the outbox. */
  discardFailed(messageId: Uuid): void;
  /** Optimistic edit; rolls back and rejects on failure. */
  edit(messageId: Uuid, body: string): Promise<void>;
  /** Optimistic soft delete; rolls back and rejects on failure. */
  delete(messageId: Uuid): Promise<void>;
  /** Adds or removes the user's reaction; optimistic, rolls back and rejects on failure. */
  toggleReaction(messageId: Uuid, emoji: string): Promise<void>;
  /**
   * Marks the newest loaded message of the conversation read (call when the
   * user has seen it). Posts at most once per sequence (again only after a
   * failed post). Never rejects.
   */
  markRead(conversationId: Uuid): Promise<void>;
  /**
   * A short-lived download URL of an attachment (`GET .../download-url`).
   * Rejects when the client cannot give one.
   */
  attachmentUrl(attachmentId: Uuid): Promise<string>;
  /** Loads a thread's replies (all pages). */
  loadThread(rootId: Uuid): Promise<void>;
  /** Tells the others the user is typing (throttled). */
  sendTyping(conversationId: Uuid): void;
  /** Creates a conversation and adds it to the inbox. Rejects on failure. */
  createConversation(request: ConversationCreateRequest): Promise<Conversation>;
  /** Stores (or with null clears) the composer's draft of a conversation. */
  setDraft(conversationId: Uuid, draft: ComposerDraft | null): void;
  /**
   * Returns the profile now (a fallback if unresolved) and resolves it
   * through the SDK's `users` cache, updating `profiles[externalId]`.
   */
  resolveUser(externalId: string): Profile;
  /**
   * Sign-out: deletes this user's offline cache and kept session, then
   * destroys the store. Call it when the user signs out of your app.
   */
  signOut(): Promise<void>;
  /**
   * Starts resolving the profiles of these external ids (each at most once
   * per store); `profiles` updates as they resolve. Elements call it for the
   * people they show.
   */
  ensureProfiles(externalIds: Iterable<string | null | undefined>): void;

  // The composer's rules, headless (`draftKey`: a conversation id, or a thread root id).

  /** Changes part of a draft; a draft left empty is cleared. */
  updateDraft(draftKey: string, patch: Partial<ComposerDraft>): void;
  /** Quotes `messageId` in the draft's next send (leaves edit mode). */
  quoteInDraft(draftKey: string, messageId: Uuid): void;
  /** Makes the draft's next send a reply in the thread of `messageId` (leaves edit mode). */
  replyInDraft(draftKey: string, messageId: Uuid): void;
  /**
   * Puts one of the user's messages in the draft for editing, keeping what
   * was there to bring back after the edit. False when the message is unknown.
   */
  startEdit(draftKey: string, messageId: Uuid): boolean;
  /** Leaves edit mode and brings back the draft from before the edit. */
  cancelEdit(draftKey: string): void;
  /**
   * Saves the edit in the draft (leaves edit mode at once; skips an
   * unchanged text). Rejects when the server refuses (the message is rolled back).
   */
  saveEdit(draftKey: string): Promise<void>;
  /** The `SendDraft` the composer's draft and finished uploads make now; null when empty. */
  prepareSend(target: ComposerTarget): SendDraft | null;
  /** Sends `draft` (from `prepareSend`, maybe changed by the app) and empties the composer. */
  sendPrepared(target: ComposerTarget, draft: SendDraft): Uuid;
  /** The user's newest editable message in the composer's feed (Up arrow edits it). */
  lastEditableMessage(target: ComposerTarget): Message | null;

  /** Uploads files into a draft (at most the per-message limit; the rest come back in `overLimit`). */
  addUploads(draftKey: string, files: readonly UploadFile[], source?: UploadSource): AddResult;
  /** Aborts an upload and drops the file from the draft. */
  cancelUpload(draftKey: string, uploadKey: string): void;
  /** Uploads a failed file again. */
  retryUpload(draftKey: string, uploadKey: string): void;
  /** The draft's uploads: whether some still run or failed, the finished ids and image sizes. */
  uploadSummary(draftKey: string): UploadSummary;

  /** Unsubscribes from everything and stops timers. Does not destroy the client. */
  destroy(): void;
}
