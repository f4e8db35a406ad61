/**
 * Uploads: signed PUT URLs (tampering, expiry, size and type checks), the
 * sha256, signed downloads with safe headers, and who may see what.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  Attachment,
  AttachmentDownloadResponse,
  AttachmentUploadResponse,
  Message,
} from '../../../src/sdk/types.js';
import { makeDemoPng } from '../../../server/seed/png.js';
import { signUpload } from '../../../server/uploads/signing.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, send, type Person } from './helpers.js';

const MAX_UPLOAD = 64 * 1024;
let server: TestServer;
let alice: Person;
let bob: Person;
let eve: Person;
let conversationId: string;

before(async () => {
  server = await startTestServer({ maxUploadBytes: MAX_UPLOAD });
  [alice, bob, eve] = await Promise.all(['alice', 'bob', 'eve'].map((id) => person(server, id)));
  conversationId = (await newGroup(server, alice, ['bob'])).id;
});
after(async () => {
  await server.close();
});

async function uploadUrl(
  who: Person,
  body: Record<string, unknown>,
): Promise<AttachmentUploadResponse> {
  const answer = await call<AttachmentUploadResponse>(
    server.url,
    'POST',
    '/v1/attachments/upload-url',
    { token: who.token, body },
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

async function put(
  url: string,
  bytes: Uint8Array,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(url, { method: 'PUT', body: new Uint8Array(bytes), headers });
}

async function putJson<T>(
  url: string,
  bytes: Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; body: T }> {
  const response = await put(url, bytes, headers);
  return { status: response.status, body: (await response.json()) as T };
}

async function uploaded(
  who: Person,
  bytes: Buffer,
  contentType: string,
  filename?: string,
): Promise<Attachment> {
  const target = await uploadUrl(who, {
    content_type: contentType,
    byte_size: bytes.length,
    ...(filename ? { original_filename: filename } : {}),
  });
  const answer = await putJson<Attachment>(target.upload.url, bytes, target.upload.headers);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

function signingSecret(): string {
  const row = server.server.db
    .prepare("SELECT value FROM server_settings WHERE key = 'url_signing_secret'")
    .get() as { value: string };
  return row.value;
}

describe('upload and download', () => {
  it('stores the bytes, answers the right sha256, links on send and serves them back with safe headers', async () => {
    const png = makeDemoPng(32, 24);
    const target = await uploadUrl(alice, {
      content_type: 'image/png',
      byte_size: png.length,
      original_filename: 'sunset.png',
    });
    assert.equal(target.upload.method, 'put');
    assert.deepEqual(target.upload.headers, { 'Content-Type': 'image/png' });
    assert.equal(target.attachment.status, 'pending');
    assert.equal(target.attachment.sha256, null);
    assert.ok(target.upload.url.startsWith(`${server.url}/v1/uploads/${target.attachment.id}?`));

    const stored = await putJson<Attachment>(target.upload.url, png, target.upload.headers);
    assert.equal(stored.status, 200);
    assert.equal(stored.body.sha256, createHash('sha256').update(png).digest('hex'));
    assert.equal(stored.body.byte_size, png.length);
    assert.equal(stored.body.original_filename, 'sunset.png');

    const message = await send(server, alice, conversationId, { attachment_ids: [stored.body.id] });
    assert.equal(message.body, null);
    assert.equal(message.attachments.length, 1);
    assert.equal(message.attachments[0]?.status, 'ready');
    assert.equal(message.attachments[0]?.message_id, message.id);

    const link = await call<AttachmentDownloadResponse>(
      server.url,
      'GET',
      `/v1/attachments/${stored.body.id}/download-url`,
      { token: bob.token },
    );
    assert.equal(link.status, 200);
    assert.equal(link.body.method, 'get');
    const download = await fetch(link.body.url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(download.headers.get('content-disposition') ?? '', /^inline/);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), png);
  });

  it('serves documents as attachments with an RFC 6266 filename', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% a tiny pdf\n');
    const attachment = await uploaded(alice, pdf, 'application/pdf', 'Ünïcode "report".pdf');
    const link = await call<AttachmentDownloadResponse>(
      server.url,
      'GET',
      `/v1/attachments/${attachment.id}/download-url`,
      { token: alice.token },
    );
    const download = await fetch(link.body.url);
    assert.equal(download.status, 200);
    const disposition = download.headers.get('content-disposition') ?? '';
    assert.match(disposition, /^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''/);
    assert.ok(disposition.includes(encodeURIComponent('Ünïcode')), disposition);
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(download.headers.get('content-type'), 'application/pdf');
  });

  it('refuses a tampered signature, a stretched expiry, and an expired URL with 403', async () => {
    const bytes = Buffer.from('hello world');
    const target = await uploadUrl(alice, { content_type: 'text/plain', byte_size: bytes.length });
    const url = new URL(target.upload.url);
    const signature = url.searchParams.get('signature') ?? '';
    const tampered = new URL(url);
    tampered.searchParams.set(
      'signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const stretched = new URL(url);
    stretched.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const expiredQuery = signUpload(
      signingSecret(),
      target.attachment.id,
      'text/plain',
      bytes.length,
      Math.floor(Date.now() / 1000) - 3600,
    );
    const expired = new URL(url);
    expired.searchParams.set('expires', String(expiredQuery.expires));
    expired.searchParams.set('signature', expiredQuery.signature);
    for (const bad of [tampered, stretched, expired]) {
      const answer = await putJson<{ error: { code: string } }>(
        bad.toString(),
        bytes,
        target.upload.headers,
      );
      assert.equal(answer.status, 403, bad.toString());
      assert.equal(answer.body.error.code, 'forbidden');
    }
    const good = await put(target.upload.url, bytes, target.upload.headers);
    assert.equal(good.status, 200, 'the untouched URL still works');
    const again = await putJson<{ error: { code: string } }>(
      target.upload.url,
      bytes,
      target.upload.headers,
    );
    assert.equal(again.status, 409, 'an attachment is uploaded once');
  });

  it('refuses the wrong size, the wrong type, and HTML declared as PNG', async () => {
    const png = makeDemoPng(8, 8);
    const target = await uploadUrl(alice, { content_type: 'image/png', byte_size: png.length });
    const short = await putJson<{ error: { code: string } }>(
      target.upload.url,
      png.subarray(1),
      target.upload.headers,
    );
    assert.equal(short.status, 422);
    assert.equal(short.body.error.code, 'validation_failed');
    const long = await putJson<{ error: { code: string } }>(
      target.upload.url,
      Buffer.concat([png, Buffer.from([0])]),
      target.upload.headers,
    );
    assert.equal(long.status, 422);
    const wrongType = await putJson<{ error: { code: string } }>(target.upload.url, png, {
      'Content-Type': 'image/jpeg',
    });
    assert.equal(wrongType.status, 415);
    assert.equal(wrongType.body.error.code, 'unsupported_media_type');
    const noType = await putJson<{ error: { code: string } }>(target.upload.url, png, {});
    assert.equal(noType.status, 415);

    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    const disguised = await uploadUrl(alice, { content_type: 'image/png', byte_size: html.length });
    const refused = await putJson<{ error: { code: string } }>(
      disguised.upload.url,
      html,
      disguised.upload.headers,
    );
    assert.equal(refused.status, 415);
    assert.equal(refused.body.error.code, 'unsupported_media_type');
    assertError(
      await call(server.url, 'GET', `/v1/attachments/${disguised.attachment.id}/download-url`, {
        token: alice.token,
      }),
      409,
      'conflict',
    );
  });

  it('limits the size: 413 attachment_too_large', async () => {
    assertError(
      await call(server.url, 'POST', '/v1/attachments/upload-url', {
        token: alice.token,
        body: { content_type: 'application/zip', byte_size: MAX_UPLOAD + 1 },
      }),
      413,
      'attachment_too_large',
    );
  });

  it('lets only members (or the uploader while pending) get a download URL, and checks its signature', async () => {
    const attachment = await uploaded(alice, Buffer.from('notes'), 'text/plain', 'notes.txt');
    assert.equal(
      (
        await call(server.url, 'GET', `/v1/attachments/${attachment.id}/download-url`, {
          token: alice.token,
        })
      ).status,
      200,
    );
    assertError(
      await call(server.url, 'GET', `/v1/attachments/${attachment.id}/download-url`, {
        token: bob.token,
      }),
      404,
      'not_found',
    );
    await send(server, alice, conversationId, {
      body: 'see notes',
      attachment_ids: [attachment.id],
    });
    assert.equal(
      (
        await call(server.url, 'GET', `/v1/attachments/${attachment.id}/download-url`, {
          token: bob.token,
        })
      ).status,
      200,
    );
    assertError(
      await call(server.url, 'GET', `/v1/attachments/${attachment.id}/download-url`, {
        token: eve.token,
      }),
      404,
      'not_found',
    );
    assertError(
      await call(server.url, 'GET', `/v1/attachments/${attachment.id}/download-url`),
      401,
      'invalid_user_token',
    );

    const link = await call<AttachmentDownloadResponse>(
      server.url,
      'GET',
      `/v1/attachments/${attachment.id}/download-url`,
      { token: bob.token },
    );
    const forged = new URL(link.body.url);
    forged.searchParams.set('signature', '0'.repeat(64));
    assertError(
      await call(server.url, 'GET', `${forged.pathname}${forged.search}`),
      403,
      'forbidden',
    );
  });

  it('refuses to link someone else’s or an unfinished upload', async () => {
    const bobs = await uploaded(bob, Buffer.from('bob file'), 'text/plain');
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
        token: alice.token,
        body: { attachment_ids: [bobs.id] },
      }),
      422,
      'validation_failed',
    );
    const pending = await uploadUrl(alice, { content_type: 'text/plain', byte_size: 3 });
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
        token: alice.token,
        body: { attachment_ids: [pending.attachment.id] },
      }),
      422,
      'validation_failed',
    );
  });

  it('clears attachments when their message is deleted, and deletes them on request', async () => {
    const attachment = await uploaded(alice, Buffer.from('secret plan'), 'text/plain');
    const message = await send(server, alice, conversationId, {
      body: 'plan',
      attachment_ids: [attachment.id],
    });
    const link = await call<AttachmentDownloadResponse>(
      server.url,
      'GET',
      `/v1/attachments/${attachment.id}/download-url`,
      { token: bob.token },
    );
    const file = join(server.dataDir, 'uploads', attachment.id);
    assert.equal(existsSync(file), true, 'the bytes are on disk, named by id');
    assert.equal(
      (await call(server.url, 'DELETE', `/v1/messages/${message.id}`, { token: alice.token }))
        .status,
      204,
    );
    const page = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${conversationId}/messages?limit=1`,
      { token: bob.token },
    );
    assert.deepEqual(page.body.data[0]?.attachments, []);
    assertError(
      await call(
        server.url,
        'GET',
        `${new URL(link.body.url).pathname}${new URL(link.body.url).search}`,
      ),
      404,
      'not_found',
    );
    assert.equal(existsSync(file), false, 'the bytes are gone');

    const other = await uploaded(alice, Buffer.from('draft'), 'text/plain');
    assertError(
      await call(server.url, 'DELETE', `/v1/attachments/${other.id}`, { token: bob.token }),
      404,
      'not_found',
    );
    assert.equal(
      (await call(server.url, 'DELETE', `/v1/attachments/${other.id}`, { token: alice.token }))
        .status,
      204,
    );
    assertError(
      await call(server.url, 'GET', `/v1/attachments/${other.id}/download-url`, {
        token: alice.token,
      }),
      404,
      'not_found',
    );
  });
});
