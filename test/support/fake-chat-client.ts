/**
 * A scripted, in-memory stand-in for the SDK client, implementing the port
 * the store uses (`src/state/client-port.ts`). It holds conversations and
 * messages like a tiny server (sequences, idempotent sends by id, pages with
 * `before` / `after`), records every call, fails or delays calls on demand,
 * and lets a test push realtime events and socket status changes.
 *
 * Works in node and in the browser (no node imports).
 */
import type {
  ChatClientPort,
  ConversationChannelPort,
  ConversationHandlePort,
  MessageHandlePort,
  UserChannelPort,
} from '../../src/state/client-port.js';
import type {
  Conversation,
  ConversationCreateRequest,
  ConversationTopicEvents,
  Me,
  Membership,
  Message,
  MessageCreateRequest,
  MessageListQuery,
  PoolseUserProfile,
  PresenceSnapshot,
  RealtimeStatus,
  RepliesQuery,
  Unsubscribe,
  User,
  UserTopicEvents,
} from '../../src/sdk/types.js';

export type FakeMethod =
  | 'me.show'
  | 'conversations.list'
  | 'conversations.create'
  | 'members.list'
  | 'messages.list'
  | 'messages.send'
  | 'messages.markRead'
  | 'message.update'
  | 'message.delete'
  | 'message.replies'
  | 'message.addReaction'
  | 'message.removeReaction'
  | 'users.get';

export interface FakeCall {
  method: FakeMethod;
  /** The conversation or message id the call was made on, if any. */
  target: string | null;
  args: readonly unknown[];
}

/** An error shaped like the SDK's `ApiError` (status, code). */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
    this.name = 'FakeApiError';
  }
}

/** An error shaped like the SDK's `NetworkError`. */
export class FakeNetworkError extends Error {
  readonly code = 'network';
  constructor(message = 'network down') {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface FailureOptions {
  /** How many next calls fail (default 1). */
  times?: number;
  /** Apply the call's effect on the fake server first, then fail (an answer lost on the way back). */
  afterEffect?: boolean;
}

export interface Gate {
  /** Lets the held call go on. */
  release(): void;
  /** Resolves once the held call has been made (so a test can wait for it). */
  readonly reached: Promise<void>;
}

export interface FakeMessageInput {
  id?: string;
  body?: string | null;
  /** External id of the sender (provisioned if new); default the client's own user. */
  from?: string;
  replyToId?: string | null;
  quotedMessageId?: string | null;
  mentions?: string[];
  deletedAt?: string | null;
}

export interface FakeChatClientOptions {
  externalId?: string;
  displayName?: string | null;
  /** Emit `message:new` (and `conversation:updated`) when `messages.send` stores a message. Default false. */
  autoEcho?: boolean;
  /** The app's user resolver behind `users.get` / `users.peek`. */
  userResolver?: (externalId: string) => PoolseUserProfile | null;
  /** Initial realtime status (default `idle`; the first channel join makes it `connected`). */
  status?: RealtimeStatus;
}

interface Failure {
  error: Error;
  times: number;
  afterEffect: boolean;
}

type AnyFn = (payload: unknown) => void;

const TENANT = '00000000-0000-4000-8000-000000000000';

function uuid(): string {
  return globalThis.crypto.randomUUID();
}

/** A strictly increasing ISO time, so `updated_at` comparisons are meaningful in fast tests. */
let lastTime = 0;
function isoNow(): string {
  const now = Math.max(Date.now(), lastTime + 1);
  lastTime = now;
  return new Date(now).toISOString();
}

class FakeConversationChannel implements ConversationChannelPort {
  readonly listeners = new Map<string, Set<AnyFn>>();
  presence: PresenceSnapshot | null = null;
  typingPings = 0;

  private on(event: string, fn: AnyFn): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  deliver(event: string, payload: unknown): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(payload);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  onMessage(fn: (p: Message) => void): Unsubscribe {
    return this.on('message:new', fn as AnyFn);
  }
  onMessageUpdated(fn: (p: Message) => void): Unsubscribe {
    return this.on('message:updated', fn as AnyFn);
  }
  onMessageDeleted(fn: (p: ConversationTopicEvents['message:deleted']) => void): Unsubscribe {
    return this.on('message:deleted', fn as AnyFn);
  }
  onReactionAdded(fn: (p: ConversationTopicEvents['reaction:added']) => void): Unsubscribe {
    return this.on('reaction:added', fn as AnyFn);
  }
  onReactionRemoved(fn: (p: ConversationTopicEvents['reaction:removed']) => void): Unsubscribe {
    return this.on('reaction:removed', fn as AnyFn);
  }
  onMemberRead(fn: (p: ConversationTopicEvents['member:read']) => void): Unsubscribe {
    return this.on('member:read', fn as AnyFn);
  }
  onTypingStart(fn: (p: ConversationTopicEvents['typing:start']) => void): Unsubscribe {
    return this.on('typing:start', fn as AnyFn);
  }
  onTypingStop(fn: (p: ConversationTopicEvents['typing:stop']) => void): Unsubscribe {
    return this.on('typing:stop', fn as AnyFn);
  }
  onPresenceState(fn: (p: PresenceSnapshot) => void): Unsubscribe {
    const off = this.on('presence_state', fn as AnyFn);
    // Like the SDK: the last snapshot is replayed to a late subscriber.
    if (this.presence) fn(this.presence);
    return off;
  }
  onPresenceDiff(fn: (p: ConversationTopicEvents['presence_diff']) => void): Unsubscribe {
    return this.on('presence_diff', fn as AnyFn);
  }
  getPresenceState(): PresenceSnapshot {
    return this.presence ?? {};
  }
  sendTyping(): void {
    this.typingPings += 1;
  }
  onJoin(fn: () => void): Unsubscribe {
    return this.on('phx_join', fn as AnyFn);
  }
  onJoinError(fn: (event: { reason: string }) => void): Unsubscribe {
    return this.on('phx_join_error', fn as AnyFn);
  }
}

class FakeUserChannel implements UserChannelPort {
  readonly listeners = new Map<string, Set<AnyFn>>();

  private on(event: string, fn: AnyFn): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }
  deliver(event: string, payload: unknown): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(payload);
  }
  onMention(fn: (p: UserTopicEvents['mention:new']) => void): Unsubscribe {
    return this.on('mention:new', fn as AnyFn);
  }
  onConversationCreated(fn: (p: Conversation) => void): Unsubscribe {
    return this.on('conversation:created', fn as AnyFn);
  }
  onConversationUpdated(fn: (p: UserTopicEvents['conversation:updated']) => void): Unsubscribe {
    return this.on('conversation:updated', fn as AnyFn);
  }
}

export class FakeChatClient implements ChatClientPort {
  readonly calls: FakeCall[] = [];
  /** The calling user. */
  readonly user: Me;
  autoEcho: boolean;
  destroyed = false;

  private readonly usersByExternalId = new Map<string, User>();
  private readonly conversationRows = new Map<string, Conversation>();
  /** Conversation id -> every message (main feed and replies), in sequence order. */
  private readonly messageRows = new Map<string, Message[]>();
  private readonly memberships = new Map<string, Map<string, Membership>>();
  private readonly failures = new Map<FakeMethod, Failure[]>();
  private readonly gates = new Map<
    FakeMethod,
    Array<{ wait: Promise<void>; arrive: () => void }>
  >();
  private readonly channels = new Map<string, FakeConversationChannel>();
  private readonly userChannels = new Map<string, FakeUserChannel>();
  private readonly statusListeners = new Set<(s: RealtimeStatus) => void>();
  private status: RealtimeStatus;
  private readonly profileCache = new Map<string, PoolseUserProfile | null>();
  private readonly profileListeners = new Map<
    string,
    Set<(p: PoolseUserProfile | null | undefined) => void>
  >();
  private readonly userResolver: ((externalId: string) => PoolseUserProfile | null) | undefined;

  constructor(options: FakeChatClientOptions = {}) {
    this.user = this.provision(options.externalId ?? 'me', options.displayName ?? 'Me');
    this.autoEcho = options.autoEcho ?? false;
    this.status = options.status ?? 'idle';
    this.userResolver = options.userResolver;
  }

  // -------------------------------------------------------------------------
  // Scripting: the fake server's data
  // -------------------------------------------------------------------------

  /** Returns (creating if new) the user with this external id. */
  provision(externalId: string, displayName: string | null = null): User {
    const existing = this.usersByExternalId.get(externalId);
    if (existing) return existing;
    const at = isoNow();
    const user: User = {
      id: uuid(),
      tenant_id: TENANT,
      external_id: externalId,
      display_name: displayName,
      custom_data: {},
      is_blocked: false,
      inserted_at: at,
      updated_at: at,
    };
    this.usersByExternalId.set(externalId, user);
    return user;
  }

  /** Creates a conversation on the fake server with the client's user and `members` (external ids). */
  addConversation(
    input: {
      id?: string;
      name?: string | null;
      type?: 'direct' | 'group';
      members?: string[];
    } = {},
  ): Conversation {
    const at = isoNow();
    const members = [
      this.user.external_id,
      ...(input.members ?? ['bob']).filter((m) => m !== this.user.external_id),
    ];
    const conversation: Conversation = {
      id: input.id ?? uuid(),
      tenant_id: TENANT,
      type: input.type ?? (members.length === 2 ? 'direct' : 'group'),
      name: input.name ?? null,
      avatar_url: null,
      created_by_user_id: this.user.id,
      member_limit: null,
      custom_data: {},
      settings: {},
      last_message_at: null,
      last_sequence: 0,
      last_message_preview: null,
      member_external_ids: members,
      inserted_at: at,
      updated_at: at,
      unread_count: 0,
      last_read_sequence: 0,
    };
    this.conversationRows.set(conversation.id, conversation);
    this.messageRows.set(conversation.id, []);
    const byUser = new Map<string, Membership>();
    for (const ext of members) {
      const u = this.provision(ext);
      byUser.set(u.id, {
        id: uuid(),
        conversation_id: conversation.id,
        user_id: u.id,
        external_id: ext,
        role: u.id === this.user.id ? 'owner' : 'member',
        last_read_message_id: null,
        last_read_at: null,
        inserted_at: at,
        updated_at: at,
      });
    }
    this.memberships.set(conversation.id, byUser);
    return conversation;
  }

  /** The conversation as the fake server holds it now (unread computed for the client's user). */
  conversation(id: string): Conversation {
    const row = this.conversationRows.get(id);
    if (!row) throw new Error(`fake: no conversation ${id}`);
    const readSeq = row.last_read_sequence;
    const unread = this.messagesOf(id).filter(
      (m) => m.thread_root_id === null && m.sequence > readSeq && m.sender_id !== this.user.id,
    ).length;
    return { ...row, unread_count: unread };
  }

  /**
   * Stores a message on the fake server (assigning the next sequence) without
   * emitting anything: what someone sends while this client is offline.
   */
  addMessage(conversationId: string, input: FakeMessageInput = {}): Message {
    const rows = this.messagesOf(conversationId);
    const sender = this.provision(input.from ?? this.user.external_id);
    const row = this.conversationRows.get(conversationId);
    if (!row) throw new Error(`fake: no conversation ${conversationId}`);
    const sequence = row.last_sequence + 1;
    const at = isoNow();
    const root = input.replyToId ? this.findMessage(input.replyToId) : null;
    const rootId = root ? (root.thread_root_id ?? root.id) : null;
    const quoted = input.quotedMessageId ? this.findMessage(input.quotedMessageId) : null;
    const message: Message = {
      id: input.id ?? uuid(),
      tenant_id: TENANT,
      conversation_id: conversationId,
      sender_id: sender.id,
      sender_external_id: sender.external_id,
      type: 'text',
      body: input.deletedAt ? null : (input.body ?? `message ${sequence}`),
      reply_to_id: input.replyToId ?? null,
      thread_root_id: rootId,
      quoted_message_id: quoted?.id ?? null,
      quoted_message: quoted ? { ...quoted, quoted_message: null } : null,
      mentions: input.mentions ?? [],
      reactions: {},
      attachments: [],
      reply_count: 0,
      last_reply_at: null,
      custom_data: {},
      edited_at: null,
      deleted_at: input.deletedAt ?? null,
      sequence,
      inserted_at: at,
      updated_at: at,
    };
    rows.push(message);
    const isMine = sender.id === this.user.id;
    this.conversationRows.set(conversationId, {
      ...row,
      last_sequence: sequence,
      last_message_at: rootId ? row.last_message_at : at,
      last_message_preview: rootId ? row.last_message_preview : (message.body ?? '').slice(0, 80),
      updated_at: at,
      last_read_sequence: isMine ? sequence : row.last_read_sequence,
    });
    if (rootId) {
      this.patchMessage(rootId, (r) => ({
        ...r,
        reply_count: r.reply_count + 1,
        last_reply_at: at,
        updated_at: at,
      }));
    }
    return message;
  }

  /** Stores a message and pushes it live: `message:new` on the channel and `conversation:updated` on the user topic. */
  postMessage(conversationId: string, input: FakeMessageInput = {}): Message {
    const message = this.addMessage(conversationId, input);
    this.echo(message);
    return message;
  }

  /** Pushes `message:new` and `conversation:updated` for a stored message. */
  echo(message: Message): void {
    this.emit(message.conversation_id, 'message:new', message);
    this.emitUser('conversation:updated', {
      conversation: this.conversation(message.conversation_id),
      by_user_id: message.sender_id,
    });
  }

  /** Changes a stored message (bumping `updated_at`) and returns the new row. Emits nothing. */
  patchMessage(id: string, change: (m: Message) => Message): Message {
    for (const rows of this.messageRows.values()) {
      const i = rows.findIndex((m) => m.id === id);
      if (i >= 0) {
        const next = change(rows[i]);
        rows[i] = next;
        return next;
      }
    }
    throw new Error(`fake: no message ${id}`);
  }

  /** Every stored message of a conversation (main feed and replies), in sequence order. */
  messagesOf(conversationId: string): Message[] {
    const rows = this.messageRows.get(conversationId);
    if (!rows) throw new Error(`fake: no conversation ${conversationId}`);
    return rows;
  }

  /** The main feed as the server holds it, in sequence order. */
  mainFeed(conversationId: string): Message[] {
    return this.messagesOf(conversationId).filter((m) => m.thread_root_id === null);
  }

  findMessage(id: string): Message | null {
    for (const rows of this.messageRows.values()) {
      const found = rows.find((m) => m.id === id);
      if (found) return found;
    }
    return null;
  }

  membershipsOf(conversationId: string): Membership[] {
    return [...(this.memberships.get(conversationId)?.values() ?? [])];
  }

  // -------------------------------------------------------------------------
  // Scripting: failures, delays, recorded calls
  // -------------------------------------------------------------------------

  /** Makes the next call(s) of `method` reject with `error` (default a network error). */
  failNext(
    method: FakeMethod,
    error: Error = new FakeNetworkError(),
    options: FailureOptions = {},
  ): void {
    const list = this.failures.get(method) ?? [];
    list.push({ error, times: options.times ?? 1, afterEffect: options.afterEffect ?? false });
    this.failures.set(method, list);
  }

  /** Holds the next call of `method` (before it takes effect) until `release()`. */
  holdNext(method: FakeMethod): Gate {
    let release!: () => void;
    let arrive!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    const reached = new Promise<void>((r) => (arrive = r));
    const list = this.gates.get(method) ?? [];
    list.push({ wait, arrive });
    this.gates.set(method, list);
    return { release, reached };
  }

  callsTo(method: FakeMethod): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // -------------------------------------------------------------------------
  // Scripting: realtime
  // -------------------------------------------------------------------------

  /** Pushes an event on `conversation:<id>` to the store's handlers (if joined). */
  emit<E extends keyof ConversationTopicEvents>(
    conversationId: string,
    event: E,
    payload: ConversationTopicEvents[E],
  ): void {
    const channel = this.channels.get(conversationId);
    if (!channel) return;
    if (event === 'presence_state') channel.presence = payload as PresenceSnapshot;
    channel.deliver(event, payload);
  }

  /** Pushes an event on the client user's `user:<id>` topic. */
  emitUser<E extends keyof UserTopicEvents>(event: E, payload: UserTopicEvents[E]): void {
    this.userChannels.get(this.user.id)?.deliver(event, payload);
  }

  /**
   * Simulates the channel rejoining `conversation:<id>` (after a reconnect):
   * the join listeners fire, then the new presence snapshot (if given) arrives.
   */
  rejoin(conversationId: string, presence?: PresenceSnapshot): void {
    const channel = this.channels.get(conversationId);
    if (!channel) return;
    channel.deliver('phx_join', undefined);
    if (presence) this.emit(conversationId, 'presence_state', presence);
  }

  /** Simulates the server refusing the channel join (`unauthorized`: not a member). */
  refuseJoin(conversationId: string, reason = 'unauthorized'): void {
    this.channels.get(conversationId)?.deliver('phx_join_error', { reason });
  }

  /** Changes the realtime status and tells the listeners (simulates disconnect / reconnect). */
  setStatus(status: RealtimeStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const fn of [...this.statusListeners]) fn(status);
  }

  /** Whether the store currently holds the conversation's channel. */
  isJoined(conversationId: string): boolean {
    return this.channels.has(conversationId);
  }

  /** Number of live handlers on a conversation channel. */
  listenerCount(conversationId: string): number {
    return this.channels.get(conversationId)?.listenerCount() ?? 0;
  }

  /** Typing pings the store sent on a conversation. */
  typingPings(conversationId: string): number {
    return this.channels.get(conversationId)?.typingPings ?? 0;
  }

  /** Presence snapshot for a set of user ids, one meta each. */
  presenceOf(userIds: string[]): PresenceSnapshot {
    const snapshot: PresenceSnapshot = {};
    for (const id of userIds)
      snapshot[id] = { metas: [{ phx_ref: uuid(), online_at: Date.now() }] };
    return snapshot;
  }

  /** Closes the fake (what `Poolse.destroy()` does). */
  destroy(): void {
    this.destroyed = true;
    this.channels.clear();
    this.userChannels.clear();
    this.setStatus('closed');
  }

  // -------------------------------------------------------------------------
  // The port
  // -------------------------------------------------------------------------

  private async call<T>(
    method: FakeMethod,
    target: string | null,
    args: readonly unknown[],
    effect: () => T,
  ): Promise<T> {
    this.calls.push({ method, target, args });
    await Promise.resolve();
    const gate = this.gates.get(method)?.shift();
    if (gate) {
      gate.arrive();
      await gate.wait;
    }
    const failures = this.failures.get(method);
    const failure = failures?.[0];
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) failures.shift();
      if (failure.afterEffect) effect();
      throw failure.error;
    }
    return effect();
  }

  readonly me = {
    show: (): Promise<Me> => this.call('me.show', null, [], () => this.user),
  };

  readonly conversations = {
    list: () =>
      this.call('conversations.list', null, [], () => ({
        data: [...this.conversationRows.keys()]
          .map((id) => this.conversation(id))
          .sort((a, b) =>
            (b.last_message_at ?? b.inserted_at).localeCompare(a.last_message_at ?? a.inserted_at),
          ),
      })),
    create: (attrs: ConversationCreateRequest) =>
      this.call('conversations.create', null, [attrs], () => {
        const c = this.addConversation({
          name: attrs.name ?? null,
          type: attrs.type,
          members: attrs.member_external_ids ?? [],
        });
        return this.conversation(c.id);
      }),
    one: (id: string): ConversationHandlePort => this.conversationHandle(id),
  };

  readonly messages = {
    one: (id: string): MessageHandlePort => this.messageHandle(id),
  };

  readonly users = {
    peek: (externalId: string): PoolseUserProfile | null | undefined =>
      this.profileCache.get(externalId),
    get: (externalId: string): Promise<PoolseUserProfile | null> =>
      this.call('users.get', externalId, [externalId], () => {
        if (!this.userResolver) return null;
        const profile = this.userResolver(externalId);
        this.profileCache.set(externalId, profile);
        for (const fn of this.profileListeners.get(externalId) ?? []) fn(profile);
        return profile;
      }),
    subscribe: (
      externalId: string,
      listener: (p: PoolseUserProfile | null | undefined) => void,
    ): Unsubscribe => {
      const set = this.profileListeners.get(externalId) ?? new Set();
      set.add(listener);
      this.profileListeners.set(externalId, set);
      return () => set.delete(listener);
    },
  };

  readonly realtime = {
    getStatus: (): RealtimeStatus => this.status,
    onStatus: (fn: (s: RealtimeStatus) => void): Unsubscribe => {
      this.statusListeners.add(fn);
      return () => this.statusListeners.delete(fn);
    },
    conversation: (id: string): ConversationChannelPort => {
      let channel = this.channels.get(id);
      if (!channel) {
        channel = new FakeConversationChannel();
        this.channels.set(id, channel);
      }
      if (this.status === 'idle') this.setStatus('connected');
      return channel;
    },
    user: (id: string): UserChannelPort => {
      let channel = this.userChannels.get(id);
      if (!channel) {
        channel = new FakeUserChannel();
        this.userChannels.set(id, channel);
      }
      if (this.status === 'idle') this.setStatus('connected');
      return channel;
    },
    leave: (id: string): void => {
      this.channels.delete(id);
    },
  };

  private conversationHandle(id: string): ConversationHandlePort {
    return {
      listMembers: () =>
        this.call('members.list', id, [], () => ({ data: this.membershipsOf(id) })),
      messages: {
        list: (query: MessageListQuery = {}) =>
          this.call('messages.list', id, [query], () => {
            const limit = query.limit ?? 50;
            const feed = this.mainFeed(id);
            if (query.after !== undefined) {
              const after = query.after;
              return { data: feed.filter((m) => m.sequence > after).slice(0, limit) };
            }
            const before = query.before ?? Number.POSITIVE_INFINITY;
            return {
              data: feed
                .filter((m) => m.sequence < before)
                .reverse()
                .slice(0, limit),
            };
          }),
        send: (attrs: MessageCreateRequest) =>
          this.call('messages.send', id, [attrs], () => {
            const existing = attrs.id ? this.findMessage(attrs.id) : null;
            if (existing) return existing;
            const message = this.addMessage(id, {
              id: attrs.id,
              body: attrs.body ?? null,
              replyToId: attrs.reply_to_id ?? null,
              quotedMessageId: attrs.quoted_message_id ?? null,
              mentions: attrs.mentions,
            });
            if (this.autoEcho) this.echo(message);
            return message;
          }),
        markRead: (messageId: string) =>
          this.call('messages.markRead', id, [messageId], () => {
            const message = this.findMessage(messageId);
            const row = this.conversationRows.get(id);
            if (message && row && message.sequence > row.last_read_sequence) {
              this.conversationRows.set(id, { ...row, last_read_sequence: message.sequence });
            }
          }),
      },
    };
  }

  private messageHandle(id: string): MessageHandlePort {
    const reacted =
      (emoji: string, add: boolean) =>
      (m: Message): Message => {
        const users = m.reactions[emoji] ?? [];
        const nextUsers = add
          ? users.includes(this.user.id)
            ? users
            : [...users, this.user.id]
          : users.filter((u) => u !== this.user.id);
        const reactions = { ...m.reactions };
        if (nextUsers.length) reactions[emoji] = nextUsers;
        else delete reactions[emoji];
        return { ...m, reactions, updated_at: isoNow() };
      };
    return {
      update: ({ body }) =>
        this.call('message.update', id, [{ body }], () => {
          const at = isoNow();
          return this.patchMessage(id, (m) => {
            if (m.deleted_at) throw new FakeApiError(410, 'message_deleted');
            return { ...m, body, edited_at: at, updated_at: at };
          });
        }),
      delete: () =>
        this.call('message.delete', id, [], () => {
          const at = isoNow();
          this.patchMessage(id, (m) => ({
            ...m,
            body: null,
            attachments: [],
            deleted_at: at,
            updated_at: at,
          }));
        }),
      replies: (query: RepliesQuery = {}) =>
        this.call('message.replies', id, [query], () => {
          const root = this.findMessage(id);
          if (!root) throw new FakeApiError(404, 'not_found');
          const after = query.after ?? 0;
          const limit = query.limit ?? 500;
          return {
            data: this.messagesOf(root.conversation_id)
              .filter((m) => m.thread_root_id === id && m.sequence > after)
              .slice(0, limit),
          };
        }),
      addReaction: (emoji: string) =>
        this.call('message.addReaction', id, [emoji], () =>
          this.patchMessage(id, reacted(emoji, true)),
        ),
      removeReaction: (emoji: string) =>
        this.call('message.removeReaction', id, [emoji], () =>
          this.patchMessage(id, reacted(emoji, false)),
        ),
    };
  }
}
