/**
 * A small populated world for the hostile-input tests: two tenants, members
 * and a non-member, and one of every resource (conversation, message with an
 * attachment, reaction, quote and thread reply) whose ids and bodies must
 * never show up in an answer to someone who may not see them.
 */
import assert from 'node:assert/strict';
import type {
  Attachment,
  AttachmentUploadResponse,
  Conversation,
  ErrorEnvelope,
  Message,
} from '../../../src/sdk/types.js';
import type { CreatedTenant } from '../../../server/domain/tenants.js';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../../support/test-server.js';
import { call, newGroup, person, send, type ApiAnswer, type Person } from '../server/helpers.js';

export interface World {
  server: TestServer;
  /** Owner of the conversation. */
  alice: Person;
  /** Member of the conversation. */
  bob: Person;
  /** Same tenant, member of nothing below. */
  eve: Person;
  /** Another tenant's user, with the same external id as alice. */
  mallory: Person;
  otherTenant: CreatedTenant;
  conversation: Conversation;
  message: Message;
  reply: Message;
  /** Uploaded and linked to `message`. */
  attachment: Attachment;
  /** Uploaded by alice, not linked to any message yet. */
  pendingAttachment: Attachment;
  /** Ids and texts that must never reach eve or mallory. */
  secrets: string[];
}

/** Strings chosen to be unmistakable if they ever leak into another caller's answer. */
export const SECRET_BODY = 'secret-body-7f3a91';
export const SECRET_REPLY = 'secret-reply-c42e08';
export const SECRET_NAME = 'secret-room-55d1b6';
export const SECRET_FILENAME = 'secret-plan-9e0d.txt';

export async function uploadBytes(
  server: TestServer,
  who: Person,
  bytes: Uint8Array,
  contentType: string,
  filename?: string,
): Promise<Attachment> {
  const target = await call<AttachmentUploadResponse>(
    server.url,
    'POST',
    '/v1/attachments/upload-url',
    {
      token: who.token,
      body: {
        content_type: contentType,
        byte_size: bytes.length,
        ...(filename !== undefined ? { original_filename: filename } : {}),
      },
    },
  );
  assert.equal(target.status, 200, JSON.stringify(target.body));
  const put = await fetch(target.body.upload.url, {
    method: 'PUT',
    headers: target.body.upload.headers,
    body: new Uint8Array(bytes),
  });
  assert.equal(put.status, 200, await put.clone().text());
  return (await put.json()) as Attachment;
}

export async function buildWorld(options: TestServerOptions = {}): Promise<World> {
  const server = await startTestServer(options);
  const [alice, bob, eve] = await Promise.all(
    ['alice', 'bob', 'eve'].map((id) => person(server, id)),
  );
  const otherTenant = server.createTenant();
  const minted = await call<{ token: string }>(server.url, 'POST', '/v1/users/alice/tokens', {
    token: otherTenant.apiKey,
    body: {},
  });
  assert.equal(minted.status, 201);
  const malloryMe = await call<Person['user']>(server.url, 'GET', '/v1/me', {
    token: minted.body.token,
  });
  const mallory: Person = { token: minted.body.token, user: malloryMe.body };

  const conversation = await newGroup(server, alice, ['bob'], SECRET_NAME);
  const bytes = new TextEncoder().encode('attachment contents');
  const attachment0 = await uploadBytes(server, alice, bytes, 'text/plain', SECRET_FILENAME);
  const message = await send(server, alice, conversation.id, {
    body: SECRET_BODY,
    attachment_ids: [attachment0.id],
  });
  const attachment = message.attachments[0] as Attachment;
  const reply = await send(server, bob, conversation.id, {
    body: SECRET_REPLY,
    reply_to_id: message.id,
  });
  const reacted = await call<Message>(server.url, 'POST', `/v1/messages/${message.id}/reactions`, {
    token: bob.token,
    body: { emoji: '👍' },
  });
  assert.equal(reacted.status, 200);
  const pendingAttachment = await uploadBytes(server, alice, bytes, 'text/plain', 'pending.txt');

  return {
    server,
    alice,
    bob,
    eve,
    mallory,
    otherTenant,
    conversation,
    message,
    reply,
    attachment,
    pendingAttachment,
    secrets: [
      conversation.id,
      message.id,
      reply.id,
      attachment.id,
      pendingAttachment.id,
      alice.user.id,
      bob.user.id,
      SECRET_BODY,
      SECRET_REPLY,
      SECRET_NAME,
      SECRET_FILENAME,
    ],
  };
}

/** Every non-2xx answer must be the contract's error envelope. */
export function assertEnvelope(answer: ApiAnswer, what: string): void {
  const envelope = answer.body as ErrorEnvelope;
  assert.ok(
    typeof envelope === 'object' && envelope !== null && typeof envelope.error === 'object',
    `${what}: ${answer.status} is not an error envelope: ${String(answer.body).slice(0, 200)}`,
  );
  assert.match(envelope.error.code, /^[a-z_]+$/, what);
  assert.equal(typeof envelope.error.message, 'string', what);
  assert.match(envelope.error.doc_url, new RegExp(`/docs/errors#${envelope.error.code}$`), what);
}

/** Fails when the answer's raw text mentions any of the given secrets (the path itself is allowed). */
export function assertNoLeak(text: string, secrets: readonly string[], what: string): void {
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `${what}: the answer leaks ${secret}: ${text.slice(0, 300)}`);
  }
}
