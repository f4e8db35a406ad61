import { throwIfAborted, toSignal, type SignalInput } from '../abort.js';
import type { RestClient } from '../rest-client.js';
import type {
  Conversation,
  ConversationCreateRequest,
  ConversationList,
  ConversationListQuery,
  ConversationUpdateRequest,
  MemberRole,
  Membership,
  MembershipCreateRequest,
  MembershipList,
  Uuid,
} from '../types.js';
import { ConversationMessages } from './conversation-messages.js';

/** Options of the member-add calls. */
export interface AddMemberOptions {
  /** Role of the new members; `member` when omitted. */
  role?: MemberRole;
  signal?: AbortSignal;
}

/** Options of {@link ConversationsResource.iterate}. */
export interface ConversationIterateOptions {
  /** Page size of each request (1..200); default 50. */
  limit?: number;
  /** Start after this cursor (a `next_before`); default: from the newest. */
  before?: string;
  /** Stops the iteration (it rejects with `AbortError`). */
  signal?: AbortSignal;
}

/** One conversation by id: its details, members and messages. */
export class ConversationHandle {
  /** The conversation's messages: `list`, `send`, `markRead`, `iterate`. */
  readonly messages: ConversationMessages;

  constructor(
    private readonly client: RestClient,
    readonly id: Uuid,
  ) {
    this.messages = new ConversationMessages(client, id);
  }

  private get path(): string {
    return `/v1/conversations/${encodeURIComponent(this.id)}`;
  }

  /** `GET /v1/conversations/:id`. */
  show(signal?: SignalInput): Promise<Conversation> {
    return this.client.request<Conversation>({
      method: 'GET',
      path: this.path,
      signal: toSignal(signal),
    });
  }

  /** `PATCH /v1/conversations/:id` (owner or admin). */
  update(attrs: ConversationUpdateRequest, signal?: SignalInput): Promise<Conversation> {
    return this.client.request<Conversation>({
      method: 'PATCH',
      path: this.path,
      body: attrs,
      signal: toSignal(signal),
    });
  }

  /** `GET /v1/conversations/:id/members`. */
  listMembers(signal?: SignalInput): Promise<MembershipList> {
    return this.client.request<MembershipList>({
      method: 'GET',
      path: `${this.path}/members`,
      signal: toSignal(signal),
    });
  }

  /**
   * `POST /v1/conversations/:id/members`: adds users by your own ids
   * (`external_id`), provisioning unknown ones. Owner or admin only.
   */
  addMembers(externalIds: string[], opts: AddMemberOptions = {}): Promise<MembershipList> {
    const body: MembershipCreateRequest = { external_ids: externalIds };
    if (opts.role) body.role = opts.role;
    return this.client.request<MembershipList>({
      method: 'POST',
      path: `${this.path}/members`,
      body,
      signal: opts.signal,
    });
  }

  /** Adds one user by `external_id`; returns its membership. */
  async addMember(externalId: string, opts: AddMemberOptions = {}): Promise<Membership> {
    const { data } = await this.addMembers([externalId], opts);
    const membership = data.find((m) => m.external_id === externalId) ?? data[0];
    if (!membership) throw new TypeError('the server answered without the new membership');
    return membership;
  }

  /**
   * `DELETE /v1/conversations/:id/members/:external_id`: removes a member
   * (owner or admin), or leaves when it is yourself.
   */
  async removeMember(externalId: string, signal?: SignalInput): Promise<void> {
    await this.client.request<void>({
      method: 'DELETE',
      path: `${this.path}/members/${encodeURIComponent(externalId)}`,
      signal: toSignal(signal),
    });
  }
}

/** `/v1/conversations`: the caller's conversations. */
export class ConversationsResource {
  constructor(private readonly client: RestClient) {}

  /**
   * `GET /v1/conversations`: one page, newest activity first. Pass the
   * answer's `next_before` as `before` for the next page (null: no more).
   * A signal may be passed alone (`list(signal)`) or beside the page options.
   */
  list(
    query: (ConversationListQuery & { signal?: AbortSignal }) | AbortSignal = {},
    signal?: SignalInput,
  ): Promise<ConversationList> {
    const options = query instanceof AbortSignal ? { signal: query } : query;
    return this.client.request<ConversationList>({
      method: 'GET',
      path: '/v1/conversations',
      query: { limit: options.limit, before: options.before },
      signal: toSignal(signal) ?? options.signal,
    });
  }

  /**
   * Walks every conversation, newest activity first, one page per request:
   * `for await (const c of chat.conversations.iterate()) { ... }`. A
   * conversation with new activity while walking moves to the top, so it is
   * not seen again (its realtime `conversation:updated` carries it).
   */
  async *iterate(opts: ConversationIterateOptions = {}): AsyncGenerator<Conversation, void> {
    let before = opts.before;
    for (;;) {
      throwIfAborted(opts.signal);
      const page = await this.list({ limit: opts.limit, before, signal: opts.signal });
      for (const conversation of page.data) yield conversation;
      if (!page.next_before || page.data.length === 0) return;
      before = page.next_before;
    }
  }

  /**
   * `POST /v1/conversations`: the caller becomes its owner. Creating a
   * `direct` conversation that already exists returns the existing one.
   */
  create(attrs: ConversationCreateRequest, signal?: SignalInput): Promise<Conversation> {
    return this.client.request<Conversation>({
      method: 'POST',
      path: '/v1/conversations',
      body: attrs,
      signal: toSignal(signal),
    });
  }

  /** A handle on one conversation (no request is made). */
  one(id: Uuid): ConversationHandle {
    return new ConversationHandle(this.client, id);
  }
}
