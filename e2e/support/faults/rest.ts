/**
 * The test's own view of the server, through its REST API: tokens minted with
 * the demo API key, and the messages the database holds.
 */
import type {
  Attachment,
  Conversation,
  ConversationList,
  Message,
  MessageCreateRequest,
  MessageList,
  User,
} from '../../../src/sdk/types.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_API_KEY } from './local-server.js';

const PAGE = 200;
const RATE_LIMIT_WAITS = 20;

export class RestUser {
  private constructor(
    readonly apiUrl: string,
    readonly externalId: string,
    private readonly token: string,
  ) {}

  /** A user of the demo tenant (provisioned if new), acting with a token minted by the backend route. */
  static async of(apiUrl: string, externalId: string): Promise<RestUser> {
    const minted = await backend<{ token: string }>(
      apiUrl,
      'POST',
      `/v1/users/${encodeURIComponent(externalId)}/tokens`,
      {},
    );
    return new RestUser(apiUrl, externalId, minted.token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(this.apiUrl, this.token, method, path, body);
  }

  async conversations(): Promise<Conversation[]> {
    return (await this.request<ConversationList>('GET', '/v1/conversations')).data;
  }

  /** The direct conversation with `other` (created if missing). */
  async directWith(other: string): Promise<Conversation> {
    return this.request<Conversation>('POST', '/v1/conversations', {
      type: 'direct',
      member_external_ids: [other],
    });
  }

  send(conversationId: string, request: MessageCreateRequest): Promise<Message> {
    return this.request<Message>('POST', `/v1/conversations/${conversationId}/messages`, request);
  }

  /** Every main-feed message after `afterSequence`, oldest first (all pages). */
  async messagesAfter(conversationId: string, afterSequence = 0): Promise<Message[]> {
    const all: Message[] = [];
    let after = afterSequence;
    for (let page = 0; page < 1000; page += 1) {
      const { data } = await this.request<MessageList>(
        'GET',
        `/v1/conversations/${conversationId}/messages?after=${after}&limit=${PAGE}`,
      );
      all.push(...data);
      if (data.length < PAGE) break;
      after = data[data.length - 1]!.sequence;
    }
    return all;
  }

  /** Uploads `bytes` as a file and answers the ready attachment (not yet linked to a message). */
  async upload(bytes: Uint8Array, contentType: string, filename: string): Promise<Attachment> {
    const grant = await this.request<{
      attachment: Attachment;
      upload: { url: string; headers: Record<string, string> };
    }>('POST', '/v1/attachments/upload-url', {
      content_type: contentType,
      byte_size: bytes.byteLength,
      original_filename: filename,
    });
    const response = await fetch(grant.upload.url, {
      method: 'PUT',
      headers: grant.upload.headers,
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });
    if (!response.ok)
      throw new Error(`upload of ${filename}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Attachment;
  }
}

/** A backend call with the demo API key. */
export function backend<T>(
  apiUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return call<T>(apiUrl, DEMO_API_KEY, method, path, body);
}

/** Sets a user's display name through the backend route (creates the user first). */
export async function setDisplayName(
  apiUrl: string,
  externalId: string,
  displayName: string,
): Promise<User> {
  return backend<User>(apiUrl, 'POST', '/v1/users', {
    external_id: externalId,
    display_name: displayName,
  });
}

async function call<T>(
  apiUrl: string,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${bearer}` } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  // The server limits writes per caller; wait as told and go on (a bounded number of times).
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${apiUrl}${path}`, init);
    const text = await response.text();
    if (response.status === 429 && attempt < RATE_LIMIT_WAITS) {
      const seconds = Number(response.headers.get('Retry-After') ?? '1');
      await sleep(Math.max(100, Math.min(5_000, seconds * 1000)));
      continue;
    }
    if (!response.ok) throw new RestError(method, path, response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export class RestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path}: ${status} ${body.slice(0, 300)}`);
    this.name = 'RestError';
  }
}
