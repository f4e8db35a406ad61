/**
 * Slow and oversized upload bodies, as an attacker sends them: a huge
 * declared length on a URL that is wrong in any way must be refused from the
 * headers alone (no body byte needed), its connection closed; 200 such
 * uploads held open must not grow the server past ~300 MiB; one client may
 * stream only a few uploads at once; and a body's time is bounded by its size.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AttachmentUploadResponse } from '../../../src/sdk/types.js';
import {
  uploadDeadlineMs,
  UPLOAD_TIMEOUT_FLOOR_MS,
} from '../../../server/uploads/body-deadline.js';
import { call, person, type Person } from '../server/helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const BIG = 25 * 1024 * 1024;

interface HeldUpload {
  socket: Socket;
  /** The status line and body of the answer, once one arrives. */
  answer: Promise<{ status: number; text: string }>;
  /** Resolves when the server closed the connection. */
  closed: Promise<void>;
}

/** Sends a PUT's headers (and optionally some body bytes), then holds the connection open. */
function holdUpload(port: number, target: string, headers: string, bodyBytes = 0): HeldUpload {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let resolveAnswer: (value: { status: number; text: string }) => void = () => undefined;
  const answer = new Promise<{ status: number; text: string }>((resolve) => {
    resolveAnswer = resolve;
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
    const split = text.indexOf('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(text);
    if (status && split >= 0 && length && text.length >= split + 4 + Number(length[1])) {
      resolveAnswer({ status: Number(status[1]), text: text.slice(split + 4) });
    }
  });
  socket.write(`PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`);
  if (bodyBytes > 0) socket.write(Buffer.alloc(bodyBytes, 1));
  return { socket, answer, closed };
}

describe('refused from the headers alone', () => {
  let server: TestServer;
  let alice: Person;
  before(async () => {
    server = await startTestServer();
    alice = await person(server, 'alice');
  });
  after(async () => {
    await server.close();
  });

  it('answers a 25 MiB PUT to a bad upload URL before a single body byte is sent, and hangs up', async () => {
    const port = new URL(server.url).port;
    const real = await call<AttachmentUploadResponse>(
      server.url,
      'POST',
      '/v1/attachments/upload-url',
      {
        token: alice.token,
        body: { content_type: 'application/zip', byte_size: 1000 },
      },
    );
    const signed = new URL(real.body.upload.url);
    const id = real.body.attachment.id;
    const query = signed.search;
    const expires = signed.searchParams.get('expires') ?? '0';
    const headers = `Content-Type: application/zip\r\nContent-Length: ${BIG}\r\n`;
    const cases: [string, string, number][] = [
      ['an id that is not a uuid', `/v1/uploads/not-a-uuid?expires=1&signature=x`, 403],
      ['a malformed signature', `/v1/uploads/${id}?expires=${expires}&signature=x`, 422],
      [
        'a wrong signature',
        `/v1/uploads/${id}?expires=${expires}&signature=${'0'.repeat(64)}`,
        403,
      ],
      ['an expired URL', `/v1/uploads/${id}?expires=1&signature=${'a'.repeat(64)}`, 403],
      ['an unknown attachment', `/v1/uploads/${crypto.randomUUID()}${query}`, 403],
      ['a declared size other than the signed one', `/v1/uploads/${id}${query}`, 422],
    ];
    for (const [what, target, status] of cases) {
      const held = holdUpload(Number(port), target, headers);
      const answer = await held.answer;
      assert.equal(answer.status, status, `${what}: ${answer.text}`);
      const code = (JSON.parse(answer.text) as { error: { code: string } }).error.code;
      assert.match(code, /^(forbidden|validation_failed)$/, what);
      // The connection is not kept for the body that will never be read.
      await held.closed;
    }
  });

  it('lets one user stream only a few uploads at once (429), and frees the slot when one ends', async () => {
    const port = Number(new URL(server.url).port);
    const held: HeldUpload[] = [];
    for (let i = 0; i < 5; i += 1) {
      const target = await call<AttachmentUploadResponse>(
        server.url,
        'POST',
        '/v1/attachments/upload-url',
        {
          token: alice.token,
          body: { content_type: 'application/zip', byte_size: 1000 },
        },
      );
      const url = new URL(target.body.upload.url);
      held.push(
        holdUpload(
          port,
          `${url.pathname}${url.search}`,
          'Content-Type: application/zip\r\nContent-Length: 1000\r\n',
          10,
        ),
      );
    }
    const fifth = await held[4]!.answer;
    assert.equal(fifth.status, 429, fifth.text);
    assert.equal(
      (JSON.parse(fifth.text) as { error: { code: string } }).error.code,
      'rate_limited',
    );
    held[0]!.socket.destroy();
    await held[0]!.closed;
    // The first upload's slot is free again: a new upload of the same user is accepted and completes.
    const again = await call<AttachmentUploadResponse>(
      server.url,
      'POST',
      '/v1/attachments/upload-url',
      {
        token: alice.token,
        body: { content_type: 'text/plain', byte_size: 3 },
      },
    );
    let stored: Response | undefined;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      stored = await fetch(again.body.upload.url, {
        method: 'PUT',
        headers: again.body.upload.headers,
        body: 'abc',
      });
      if (stored.status !== 429) break;
      await stored.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(stored?.status, 200, await stored?.text());
    for (const h of held) h.socket.destroy();
  });

  it('gives a body time in proportion to its size, with a floor, never beyond the request timeout', () => {
    assert.equal(uploadDeadlineMs(10, 300_000), UPLOAD_TIMEOUT_FLOOR_MS + 1);
    assert.ok(uploadDeadlineMs(BIG, 3_600_000) > uploadDeadlineMs(BIG / 10, 3_600_000));
    assert.ok(uploadDeadlineMs(BIG, 3_600_000) >= 200_000, '25 MiB gets minutes, not seconds');
    assert.equal(uploadDeadlineMs(BIG, 60_000), 60_000);
  });
});

function withoutTestContext(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

describe('memory under 200 slow unauthenticated uploads', () => {
  let child: ChildProcess;
  let dataDir: string;
  let port = 0;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'poolse-slow-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data', dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        // Under node --test this variable would make the server think it is a test file itself.
        env: withoutTestContext(),
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /API:\s+(\S+)/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    port = Number(new URL(url).port);
  });
  after(() => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const rssMiB = (): number =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024;

  it('stays under 300 MiB with each sending 1 MiB of a 25 MiB body and holding the rest', async () => {
    const held: HeldUpload[] = [];
    for (let i = 0; i < 200; i += 1) {
      held.push(
        holdUpload(
          port,
          `/v1/uploads/not-a-uuid-${i}?expires=1&signature=x`,
          `Content-Type: application/zip\r\nContent-Length: ${BIG}\r\n`,
          1024 * 1024,
        ),
      );
    }
    // Each is answered 403 from its headers and hung up on; a client still busy writing may
    // see the reset before it reads the answer, so what is checked is that every one ends.
    let peak = 0;
    const sampling = setInterval(() => (peak = Math.max(peak, rssMiB())), 100);
    const allClosed = Promise.all(held.map((h) => h.closed));
    await allClosed;
    clearInterval(sampling);
    peak = Math.max(peak, rssMiB());
    assert.ok(peak < 300, `the server grew to ${peak.toFixed(0)} MiB`);
  });
});
