/** Small helpers for the server tests: JSON calls over real HTTP and a ready-made cast of users. */
import assert from 'node:assert/strict';
import type { Conversation, ErrorEnvelope, Message, User } from '../../../src/sdk/types.js';
import type { TestServer } from '../../support/test-server.js';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON and odd content types). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.rawBody !== undefined) {
    body = typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
    parsed = JSON.parse(text);
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Asserts the contract's error envelope with that status and code. */
export function assertError(answer: ApiAnswer, status: number, code: string): void {
  assert.equal(
    answer.status,
    status,
    `expected ${status} ${code}, got ${answer.status} ${JSON.stringify(answer.body)}`,
  );
  const envelope = answer.body as ErrorEnvelope;
  assert.equal(typeof envelope, 'object', `not an envelope: ${String(answer.body)}`);
  assert.equal(envelope.error.code, code);
  assert.equal(typeof envelope.error.message, 'string');
  assert.match(envelope.error.doc_url, new RegExp(`/docs/errors#${code}$`));
}

export interface Person {
  token: string;
  user: User;
}

export async function person(server: TestServer, externalId: string): Promise<Person> {
  const token = await server.mintToken(externalId);
  const me = await call<User>(server.url, 'GET', '/v1/me', { token });
  assert.equal(me.status, 200);
  return { token, user: me.body };
}

export async function newGroup(
  server: TestServer,
  owner: Person,
  others: string[],
  name = 'Team',
): Promise<Conversation> {
  const created = await call<Conversation>(server.url, 'POST', '/v1/conversations', {
    token: owner.token,
    body: { type: 'group', name, member_external_ids: others },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

export async function send(
  server: TestServer,
  who: Person,
  conversationId: string,
  body: Record<string, unknown>,
): Promise<Message> {
  const sent = await call<Message>(
    server.url,
    'POST',
    `/v1/conversations/${conversationId}/messages`,
    {
      token: who.token,
      body,
    },
  );
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  return sent.body;
}
