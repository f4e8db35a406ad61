import { throwIfAborted, toSignal, type SignalInput } from '../abort.js';
import type { RestClient } from '../rest-client.js';
import type {
  Message,
  MessageCreateRequest,
  MessageList,
  MessageListQuery,
  Uuid,
} from '../types.js';
import { randomUuid } from '../uuid.js';

/** Options of {@link ConversationMessages.iterate}. */
export interface MessageIterateOptions {
  /** Start below this sequence; default: from the newest message. */
  before?: number;
  /** Page size of each request (1..200); default 50. */
  limit?: number;
  /** Stops the iteration (it rejects with `AbortError`). */
  signal?: AbortSignal;
}

const DEFAULT_PAGE_SIZE = 50;

/** The messages of one conversation: `list`, `send`, `markRead`, `iterate`. */
export class ConversationMessages {
  constructor(
    private readonly client: RestClient,
    readonly conversationId: Uuid,
  ) {}

  private get path(): string {
    return `/v1/conversations/${encodeURIComponent(this.conversationId)}`;
  }

  /**
   * `GET /v1/conversations/:id/messages`. Newest first; pass `before` (a
   * sequence) for older pages. `after` (a sequence) instead returns the
   * messages newer than it, oldest first: how a client fills a gap after a
   * reconnect (an addition to `@poolse/sdk`). Thread replies are excluded.
   */
  list(query: MessageListQuery = {}, signal?: SignalInput): Promise<MessageList> {
    return this.client.request<MessageList>({
      method: 'GET',
      path: `${this.path}/messages`,
      query: { limit: query.limit, before: query.before, after: query.after },
      signal: toSignal(signal),
    });
  }

  /**
   * `POST /v1/conversations/:id/messages`. When `attrs.id` is omitted the SDK
   * generates one (`crypto.randomUUID()`), so a resend is deduplicated by the
   * server and the realtime echo carries the same id as an optimistic row.
   */
  send(attrs: MessageCreateRequest, signal?: SignalInput): Promise<Message> {
    const body: MessageCreateRequest = { ...attrs, id: attrs.id ?? randomUuid() };
    return this.client.request<Message>({
      method: 'POST',
      path: `${this.path}/messages`,
      body,
      signal: toSignal(signal),
    });
  }

  /** `POST /v1/conversations/:id/read`: moves the caller's read cursor (never backwards). */
  async markRead(messageId: Uuid, signal?: SignalInput): Promise<void> {
    await this.client.request<void>({
      method: 'POST',
      path: `${this.path}/read`,
      body: { message_id: messageId },
      signal: toSignal(signal),
    });
  }

  /**
   * Walks the history from newest to oldest, one page per request, e.g.
   * `for await (const m of conv.messages.iterate({ before: 120 })) { ... }`.
   * Stops after the oldest message, or when the loop breaks.
   */
  async *iterate(opts: MessageIterateOptions = {}): AsyncGenerator<Message, void, undefined> {
    const limit = opts.limit ?? DEFAULT_PAGE_SIZE;
    let before = opts.before;
    for (;;) {
      throwIfAborted(opts.signal);
      const { data } = await this.list({ limit, before }, opts.signal);
      for (const message of data) yield message;
      const oldest = data[data.length - 1];
      if (data.length < limit || !oldest || oldest.sequence <= 1) return;
      before = oldest.sequence;
    }
  }
}
