/**
 * Hostile uploads beyond the basic checks of `server/uploads.test.ts`:
 * markup disguised as images, script-capable types, path-like names, bodies
 * larger than declared or than the limit, a client trickling bytes (it must
 * not hold the server or other users), and upload URLs replayed or aimed at
 * another attachment.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  Attachment,
  AttachmentDownloadResponse,
  AttachmentUploadResponse,
  ErrorEnvelope,
} from '../../../src/sdk/types.js';
import { makeDemoPng } from '../../../server/seed/png.js';
import { assertError, call, person, type Person } from '../server/helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertEnvelope } from './world.js';

const MAX_UPLOAD = 64 * 1024;
/** Short, so a trickling client is cut off within the test. */
const REQUEST_TIMEOUT_MS = 1500;
const UUID_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: TestServer;
let alice: Person;
let bob: Person;

before(async () => {
  server = await startTestServer({
    maxUploadBytes: MAX_UPLOAD,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => person(server, id)));
});
after(async () => {
  await server.close();
});

async function uploadTarget(
  who: Person,
  body: Record<string, unknown>,
): Promise<AttachmentUploadResponse> {
  const answer = await call<AttachmentUploadResponse>(
    server.url,
    'POST',
    '/v1/attachments/upload-url',
    {
      token: who.token,
      body,
    },
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

async function put(url: string, bytes: Uint8Array, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes), headers });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as unknown };
}

async function download(who: Person, id: string): Promise<Response> {
  const signed = await call<AttachmentDownloadResponse>(
    server.url,
    'GET',
    `/v1/attachments/${id}/download-url`,
    { token: who.token },
  );
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  return fetch(signed.body.url);
}

describe('disguised and dangerous content', () => {
  it('refuses markup and script declared as any image type (415), and keeps the attachment pending', async () => {
    const payloads = [
      '<!doctype html><script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
      'GIF8<script>alert(1)</script>',
      '\u00ff\u00d8<script>alert(1)</script>',
    ];
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      for (const text of payloads) {
        const bytes = Buffer.from(text, 'latin1');
        const target = await uploadTarget(alice, { content_type: type, byte_size: bytes.length });
        const answer = await put(target.upload.url, bytes, target.upload.headers);
        assert.equal(answer.status, 415, `${type} ← ${text}`);
        assert.equal((answer.body as ErrorEnvelope).error.code, 'unsupported_media_type');
        assertError(
          await call(server.url, 'GET', `/v1/attachments/${target.attachment.id}/download-url`, {
            token: alice.token,
          }),
          409,
          'conflict',
        );
      }
    }
  });

  it('refuses script-capable types in every spelling (415)', async () => {
    const types = [
      'image/svg+xml',
      'IMAGE/SVG+XML',
      'image/svg+xml; charset=utf-8',
      ' image/svg+xml ',
      'text/html',
      'text/html;charset=utf-8',
      'application/xhtml+xml',
      'text/xml',
      'application/xml',
      'text/javascript',
      'application/javascript',
      'application/x-shockwave-flash',
      'text/x-component',
      'multipart/x-mixed-replace',
    ];
    for (const contentType of types) {
      const answer = await call(server.url, 'POST', '/v1/attachments/upload-url', {
        token: alice.token,
        body: { content_type: contentType, byte_size: 10 },
      });
      assert.ok(
        answer.status === 415 || answer.status === 422,
        `${contentType}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      assertEnvelope(answer, contentType);
    }
  });

  it('serves allowed files that contain markup as inert downloads', async () => {
    const html = Buffer.from('<html><script>alert(document.domain)</script></html>');
    const target = await uploadTarget(alice, {
      content_type: 'text/plain',
      byte_size: html.length,
      original_filename: 'page.html',
    });
    assert.equal((await put(target.upload.url, html, target.upload.headers)).status, 200);
    const served = await download(alice, target.attachment.id);
    assert.equal(served.headers.get('content-type'), 'text/plain');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.match(served.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(Buffer.from(await served.arrayBuffer()).toString(), html.toString());

    // A real PNG with markup appended (a polyglot) is an image: inline, but sandboxed and never sniffed.
    const polyglot = Buffer.concat([makeDemoPng(4, 4), Buffer.from('<script>alert(1)</script>')]);
    const image = await uploadTarget(alice, {
      content_type: 'image/png',
      byte_size: polyglot.length,
    });
    assert.equal((await put(image.upload.url, polyglot, image.upload.headers)).status, 200);
    const inline = await download(alice, image.attachment.id);
    assert.equal(inline.headers.get('content-type'), 'image/png');
    assert.equal(inline.headers.get('x-content-type-options'), 'nosniff');
    assert.match(inline.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    await inline.arrayBuffer();
  });
});

describe('file names', () => {
  it('refuses names that are paths or carry control characters, and keeps safe names safe in headers', async () => {
    const refused = [
      '../../etc/passwd',
      '..\\..\\windows\\win.ini',
      '/etc/passwd',
      'C:\\boot.ini',
      'a/b.txt',
      '..',
      '.',
      'evil\u0000.png',
      'line\r\nSet-Cookie: x=1',
      'tab\there',
      'invoice\u202efdp.exe',
      'report\u2067gpj.exe',
      '   ',
    ];
    for (const name of refused) {
      const answer = await call(server.url, 'POST', '/v1/attachments/upload-url', {
        token: alice.token,
        body: { content_type: 'text/plain', byte_size: 3, original_filename: name },
      });
      assertError(answer, 422, 'validation_failed');
      assert.ok(
        JSON.stringify((answer.body as ErrorEnvelope).error.details ?? {}).includes(
          'original_filename',
        ),
        name,
      );
    }

    const accepted = [
      '..%2F..%2Fetc%2Fpasswd',
      '....txt',
      '"; filename=evil.exe',
      "it's (a) *test*.txt",
      'файл 名前 📎.txt',
      `${'long'.repeat(60)}.txt`,
    ];
    for (const name of accepted) {
      const bytes = Buffer.from('abc');
      const target = await uploadTarget(alice, {
        content_type: 'text/plain',
        byte_size: bytes.length,
        original_filename: name,
      });
      const stored = await put(target.upload.url, bytes, target.upload.headers);
      assert.equal(stored.status, 200, name);
      assert.equal(
        (stored.body as Attachment).original_filename,
        name,
        'the name is kept as written',
      );
      const served = await download(alice, target.attachment.id);
      await served.arrayBuffer();
      const disposition = served.headers.get('content-disposition') ?? '';
      // One quoted ASCII fallback without quotes or slashes inside, and the exact name in filename*.
      const fallback = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(
        disposition,
      );
      assert.ok(fallback, `${name}: ${disposition}`);
      assert.match(fallback[1] as string, /^[A-Za-z0-9._ -]+$/, name);
      assert.equal(decodeURIComponent(fallback[2] as string), name);
    }
    // On disk every file is named by its uuid, never by what the user sent.
    const files = readdirSync(join(server.dataDir, 'uploads'));
    assert.ok(files.length > 0);
    for (const file of files) assert.match(file, UUID_FILE);
  });
});

describe('sizes', () => {
  it('refuses a declared size over the limit, and a body bigger than declared or than the limit', async () => {
    assertError(
      await call(server.url, 'POST', '/v1/attachments/upload-url', {
        token: alice.token,
        body: { content_type: 'application/zip', byte_size: MAX_UPLOAD + 1 },
      }),
      413,
      'attachment_too_large',
    );
    const target = await uploadTarget(alice, { content_type: 'application/zip', byte_size: 100 });
    const twice = await put(target.upload.url, Buffer.alloc(200), target.upload.headers);
    assert.equal(twice.status, 422);
    assertEnvelope(
      { status: twice.status, body: twice.body, headers: new Headers() },
      'bigger than declared',
    );

    // Streamed without a length, far over the limit: cut off with 413, nothing stored.
    const huge = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = request(target.upload.url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/zip', 'Transfer-Encoding': 'chunked' },
      });
      outgoing.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      outgoing.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 1);
      let sent = 0;
      const pump = (): void => {
        while (sent < 4 * MAX_UPLOAD) {
          sent += chunk.length;
          if (!outgoing.write(chunk)) {
            outgoing.once('drain', pump);
            return;
          }
        }
        outgoing.end();
      };
      pump();
    });
    assert.equal(huge.status, 413, huge.text);
    assert.equal((JSON.parse(huge.text) as ErrorEnvelope).error.code, 'attachment_too_large');
    assertError(
      await call(server.url, 'GET', `/v1/attachments/${target.attachment.id}/download-url`, {
        token: alice.token,
      }),
      409,
      'conflict',
    );
  });
});

describe('slow and replayed uploads', () => {
  /** PUTs `bytes` one at a time, `gapMs` apart; resolves with the answer or the connection's end. */
  function tricklePut(
    url: string,
    bytes: Buffer,
    contentType: string,
    gapMs: number,
  ): Promise<{ status: number | 'closed'; text: string; elapsedMs: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (status: number | 'closed', text: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status, text, elapsedMs: Date.now() - started });
      };
      const outgoing = request(url, {
        method: 'PUT',
        headers: { 'Content-Type': contentType, 'Content-Length': String(bytes.length) },
      });
      outgoing.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => settle(response.statusCode ?? 0, text));
        response.on('error', () => settle(response.statusCode ?? 0, text));
      });
      outgoing.on('error', () => settle('closed', ''));
      outgoing.on('close', () => setTimeout(() => settle('closed', ''), 50));
      let index = 0;
      const next = (): void => {
        if (settled || outgoing.destroyed) return;
        if (index >= bytes.length) {
          outgoing.end();
          return;
        }
        outgoing.write(bytes.subarray(index, index + 1));
        index += 1;
        timer = setTimeout(next, gapMs);
      };
      next();
    });
  }

  it('cuts off a client trickling its body, while serving another user meanwhile', async () => {
    const bytes = Buffer.alloc(60, 7);
    const target = await uploadTarget(alice, {
      content_type: 'application/zip',
      byte_size: bytes.length,
    });
    // 60 bytes at one per 100 ms would take 6 s; the server allows 1.5 s for a whole request.
    const slow = tricklePut(target.upload.url, bytes, 'application/zip', 100);

    const served: number[] = [];
    const latencies: number[] = [];
    const conversation = await call<{ id: string }>(server.url, 'POST', '/v1/conversations', {
      token: bob.token,
      body: { type: 'group', name: 'meanwhile' },
    });
    for (let i = 0; i < 8; i += 1) {
      const started = Date.now();
      const sent = await call(
        server.url,
        'POST',
        `/v1/conversations/${conversation.body.id}/messages`,
        {
          token: bob.token,
          body: { body: `while alice trickles ${i}` },
        },
      );
      latencies.push(Date.now() - started);
      served.push(sent.status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await slow;
    assert.deepEqual(served, Array(8).fill(201), 'bob was served throughout');
    assert.ok(Math.max(...latencies) < 1000, `bob waited ${Math.max(...latencies)} ms`);
    assert.ok(
      result.elapsedMs < 4000,
      `the trickling upload was held ${result.elapsedMs} ms (must be cut near ${REQUEST_TIMEOUT_MS} ms)`,
    );
    if (result.status !== 'closed') {
      assert.equal(result.status, 408, result.text);
      assert.equal((JSON.parse(result.text) as ErrorEnvelope).error.code, 'validation_failed');
    }
    // Nothing half-written was kept: the same URL still takes the whole file at normal speed.
    const retry = await put(target.upload.url, bytes, target.upload.headers);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(
      (retry.body as Attachment).sha256,
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('finishes a slow upload that arrives within the time allowed', async () => {
    const bytes = Buffer.from('slow but fine');
    const target = await uploadTarget(alice, {
      content_type: 'text/plain',
      byte_size: bytes.length,
    });
    const result = await tricklePut(target.upload.url, bytes, 'text/plain', 40);
    assert.equal(result.status, 200, result.text);
    assert.equal(
      (JSON.parse(result.text) as Attachment).sha256,
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('refuses a replayed upload URL (409) and keeps the first bytes', async () => {
    const first = Buffer.from('first version');
    const second = Buffer.from('other version');
    const target = await uploadTarget(alice, {
      content_type: 'text/plain',
      byte_size: first.length,
    });
    assert.equal((await put(target.upload.url, first, target.upload.headers)).status, 200);
    for (let i = 0; i < 3; i += 1) {
      const again = await put(target.upload.url, second, target.upload.headers);
      assert.equal(again.status, 409);
      assert.equal((again.body as ErrorEnvelope).error.code, 'conflict');
    }
    const served = await download(alice, target.attachment.id);
    assert.equal(Buffer.from(await served.arrayBuffer()).toString(), 'first version');
  });

  it('keeps bytes and sha256 consistent when two uploads race on one URL', async () => {
    const a = Buffer.alloc(32 * 1024, 'a');
    const b = Buffer.alloc(32 * 1024, 'b');
    const target = await uploadTarget(alice, {
      content_type: 'application/zip',
      byte_size: a.length,
    });
    const answers = await Promise.all([
      put(target.upload.url, a, target.upload.headers),
      put(target.upload.url, b, target.upload.headers),
    ]);
    const statuses = answers.map((x) => x.status).sort();
    assert.ok(statuses.includes(200), JSON.stringify(statuses));
    const served = Buffer.from(await (await download(alice, target.attachment.id)).arrayBuffer());
    const signed = await call<AttachmentDownloadResponse>(
      server.url,
      'GET',
      `/v1/attachments/${target.attachment.id}/download-url`,
      { token: alice.token },
    );
    assert.equal(signed.status, 200);
    const winner = answers.find((x) => x.status === 200)?.body as Attachment;
    assert.equal(
      createHash('sha256').update(served).digest('hex'),
      winner.sha256,
      'the file on disk is the one the answer describes',
    );
  });

  it('refuses an upload URL pointed at another attachment (403), whoever owns it', async () => {
    const bytes = Buffer.from('mine');
    const alices = await uploadTarget(alice, {
      content_type: 'text/plain',
      byte_size: bytes.length,
    });
    const bobs = await uploadTarget(bob, { content_type: 'text/plain', byte_size: bytes.length });
    const aliceUrl = new URL(alices.upload.url);
    const retargeted = new URL(aliceUrl);
    retargeted.pathname = `/v1/uploads/${bobs.attachment.id}`;
    const answer = await put(retargeted.toString(), bytes, alices.upload.headers);
    assert.equal(answer.status, 403, answer.text);
    assert.equal((answer.body as ErrorEnvelope).error.code, 'forbidden');
    // Bob's attachment is untouched and still takes its own upload.
    const own = await put(bobs.upload.url, Buffer.from('bobs'), bobs.upload.headers);
    assert.equal(own.status, 200);
    const served = await download(bob, bobs.attachment.id);
    assert.equal(Buffer.from(await served.arrayBuffer()).toString(), 'bobs');
    // The signature for one size and type does not stretch to another attachment of the same shape either.
    const mixed = new URL(bobs.upload.url);
    mixed.search = aliceUrl.search;
    assert.equal((await put(mixed.toString(), bytes, bobs.upload.headers)).status, 403);
  });
});
