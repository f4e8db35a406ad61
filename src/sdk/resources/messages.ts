import { toSignal, type SignalInput } from '../abort.js';
import type { RestClient } from '../rest-client.js';
import type { Message, MessageList, MessageUpdateRequest, RepliesQuery, Uuid } from '../types.js';

/** One message by id: edit, delete, thread replies, reactions. */
export class MessageHandle {
  constructor(
    private readonly client: RestClient,
    readonly id: Uuid,
  ) {}

  private get path(): string {
    return `/v1/messages/${encodeURIComponent(this.id)}`;
  }

  /** `PATCH /v1/messages/:id` (sender only; a deleted message answers 410). */
  update(attrs: MessageUpdateRequest, signal?: SignalInput): Promise<Message> {
    return this.client.request<Message>({
      method: 'PATCH',
      path: this.path,
      body: attrs,
      signal: toSignal(signal),
    });
  }

  /** `DELETE /v1/messages/:id`: soft delete (body and attachments cleared). */
  async delete(signal?: SignalInput): Promise<void> {
    await this.client.request<void>({
      method: 'DELETE',
      path: this.path,
      signal: toSignal(signal),
    });
  }

  /** `GET /v1/messages/:id/replies`: the thread, oldest first (default limit 500, `after` a sequence). */
  replies(query: RepliesQuery = {}, signal?: SignalInput): Promise<MessageList> {
    return this.client.request<MessageList>({
      method: 'GET',
      path: `${this.path}/replies`,
      query: { limit: query.limit, after: query.after },
      signal: toSignal(signal),
    });
  }

  /** `POST /v1/messages/:id/reactions` (adding twice is a no-op). */
  addReaction(emoji: string, signal?: SignalInput): Promise<Message> {
    return this.client.request<Message>({
      method: 'POST',
      path: `${this.path}/reactions`,
      body: { emoji },
      signal: toSignal(signal),
    });
  }

  /** `DELETE /v1/messages/:id/reactions/:emoji`. */
  removeReaction(emoji: string, signal?: SignalInput): Promise<Message> {
    return this.client.request<Message>({
      method: 'DELETE',
      path: `${this.path}/reactions/${encodeURIComponent(emoji)}`,
      signal: toSignal(signal),
    });
  }
}

/** `/v1/messages`: message handles by id. */
export class MessagesResource {
  constructor(private readonly client: RestClient) {}

  /** A handle on one message (no request is made). */
  one(id: Uuid): MessageHandle {
    return new MessageHandle(this.client, id);
  }
}
