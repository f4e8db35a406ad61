/**
 * The server as a process: rate limits, restarts on the same data dir, the
 * demo seed and its token route, and the CLI's start and clean shutdown.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type {
  AttachmentDownloadResponse,
  Conversation,
  Message,
  TokenResponse,
} from '../../../src/sdk/types.js';
import { createPoolseServer } from '../../../server/app.js';
import { startTestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, send } from './helpers.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolse-lifecycle-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('rate limits', () => {
  it('answers 429 rate_limited with Retry-After once a user’s burst is spent, per user and for writes only', async () => {
    const server = await startTestServer({ rateLimit: { burst: 3, perSecond: 0.5 } });
    try {
      const alice = await person(server, 'alice');
      const bob = await person(server, 'bob');
      const c = await newGroup(server, alice, ['bob']); // write 1
      await send(server, alice, c.id, { body: 'two' });
      await send(server, alice, c.id, { body: 'three' });
      const limited = await call(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
        token: alice.token,
        body: { body: 'four' },
      });
      assertError(limited, 429, 'rate_limited');
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(
        Number.isInteger(retryAfter) && retryAfter >= 1,
        `Retry-After ${limited.headers.get('retry-after')}`,
      );
      assert.equal(
        (
          await call(server.url, 'GET', `/v1/conversations/${c.id}/messages`, {
            token: alice.token,
          })
        ).status,
        200,
        'reads are not limited',
      );
      assert.equal(
        (
          await call(server.url, 'POST', `/v1/conversations/${c.id}/messages`, {
            token: bob.token,
            body: { body: 'bob is fine' },
          })
        ).status,
        201,
      );
    } finally {
      await server.close();
    }
  });
});

describe('unexpected failures', () => {
  it('answers 500 internal in the envelope (and logs it) when storage breaks, and still closes cleanly', async () => {
    const server = await startTestServer();
    const alice = await person(server, 'alice');
    const logged: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args);
    };
    try {
      server.server.db.close();
      assertError(
        await call(server.url, 'GET', '/v1/conversations', { token: alice.token }),
        500,
        'internal',
      );
      assert.equal(logged.length, 1, 'the failure was logged');
      assert.equal((await call(server.url, 'GET', '/health')).status, 200, 'the process stays up');
    } finally {
      console.error = originalError;
      await server.close();
    }
  });
});

describe('restarts', () => {
  it('keeps tenants, users, conversations, messages and uploads across a restart; close() is safe twice', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const alice = await person(first, 'alice');
    const c = await newGroup(first, alice, ['bob'], 'Persistent');
    const target = await call<{
      attachment: { id: string };
      upload: { url: string; headers: Record<string, string> };
    }>(first.url, 'POST', '/v1/attachments/upload-url', {
      token: alice.token,
      body: { content_type: 'text/plain', byte_size: 5 },
    });
    const put = await fetch(target.body.upload.url, {
      method: 'PUT',
      body: 'hello',
      headers: target.body.upload.headers,
    });
    assert.equal(put.status, 200);
    await put.arrayBuffer();
    const m = await send(first, alice, c.id, {
      body: 'still here?',
      attachment_ids: [target.body.attachment.id],
    });
    const link = await call<AttachmentDownloadResponse>(
      first.url,
      'GET',
      `/v1/attachments/${target.body.attachment.id}/download-url`,
      { token: alice.token },
    );
    await first.close();
    await first.server.close();

    const second = await createPoolseServer({ dataDir, port: 0 });
    try {
      const minted = await call<TokenResponse>(second.url, 'POST', '/v1/users/alice/tokens', {
        token: first.apiKey,
        body: {},
      });
      assert.equal(minted.status, 201, 'the API key survived');
      const token = minted.body.token;
      const list = await call<{ data: Conversation[] }>(second.url, 'GET', '/v1/conversations', {
        token,
      });
      assert.deepEqual(
        list.body.data.map((x) => x.name),
        ['Persistent'],
      );
      const page = await call<{ data: Message[] }>(
        second.url,
        'GET',
        `/v1/conversations/${c.id}/messages`,
        { token },
      );
      assert.deepEqual(
        page.body.data.map((x) => [x.id, x.body, x.sequence]),
        [[m.id, 'still here?', 1]],
      );
      const next = await send({ ...first, url: second.url }, { token, user: alice.user }, c.id, {
        body: 'after restart',
      });
      assert.equal(next.sequence, 2);
      const path = new URL(link.body.url);
      const download = await fetch(`${second.url}${path.pathname}${path.search}`);
      assert.equal(download.status, 200, 'signed URLs survive a restart');
      assert.equal(await download.text(), 'hello');
    } finally {
      await second.close();
      await second.close();
    }
  });
});

describe('demo seed', () => {
  it('seeds a lively demo once, idempotently, and mints demo tokens with a warning header', async () => {
    const dataDir = tempDir();
    const first = await createPoolseServer({ dataDir, port: 0, seed: 'demo' });
    let counts: number[];
    try {
      assert.ok(first.demo);
      const answer = await call<TokenResponse>(first.url, 'POST', '/demo/token?external_id=alice');
      assert.equal(answer.status, 200);
      assert.equal(
        answer.headers.get('x-poolse-demo'),
        'dev-only token route, never expose in production',
      );
      const viaBody = await call<TokenResponse>(first.url, 'POST', '/demo/token', {
        body: { external_id: 'bob' },
      });
      assert.equal(viaBody.status, 200);
      assertError(await call(first.url, 'POST', '/demo/token'), 422, 'validation_failed');

      const token = answer.body.token;
      const list = await call<{ data: Conversation[] }>(first.url, 'GET', '/v1/conversations', {
        token,
      });
      assert.deepEqual(list.body.data.map((c) => c.type).sort(), ['direct', 'group']);
      const group = list.body.data.find((c) => c.type === 'group') as Conversation;
      assert.deepEqual([...group.member_external_ids].sort(), ['alice', 'bob', 'carol', 'dave']);
      assert.ok(
        list.body.data.some((c) => c.unread_count > 0),
        'something is unread at first start',
      );
      const feed = await call<{ data: Message[] }>(
        first.url,
        'GET',
        `/v1/conversations/${group.id}/messages?limit=200`,
        { token },
      );
      const messages = feed.body.data;
      assert.ok(messages.length >= 20, `${messages.length} messages`);
      assert.ok(
        messages.some((m) => m.reply_count > 0),
        'a thread',
      );
      assert.ok(
        messages.some((m) => Object.keys(m.reactions).length > 0),
        'reactions',
      );
      assert.ok(
        messages.some((m) => m.quoted_message !== null),
        'a quote',
      );
      assert.ok(
        messages.some((m) => m.mentions.length > 0),
        'a mention',
      );
      const image = messages
        .flatMap((m) => m.attachments)
        .find((a) => a.content_type === 'image/png');
      assert.ok(image, 'an image');
      const link = await call<AttachmentDownloadResponse>(
        first.url,
        'GET',
        `/v1/attachments/${image.id}/download-url`,
        { token },
      );
      const bytes = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      assert.equal(bytes.length, image.byte_size);
      counts = [list.body.data.length, messages.length];
    } finally {
      await first.close();
    }

    const second = await createPoolseServer({ dataDir, port: 0, seed: 'demo' });
    try {
      const token = (await call<TokenResponse>(second.url, 'POST', '/demo/token?external_id=alice'))
        .body.token;
      const list = await call<{ data: Conversation[] }>(second.url, 'GET', '/v1/conversations', {
        token,
      });
      const group = list.body.data.find((c) => c.type === 'group') as Conversation;
      const feed = await call<{ data: Message[] }>(
        second.url,
        'GET',
        `/v1/conversations/${group.id}/messages?limit=200`,
        { token },
      );
      assert.deepEqual(
        [list.body.data.length, feed.body.data.length],
        counts,
        'seeding twice adds nothing',
      );
    } finally {
      await second.close();
    }
  });
});

describe('CLI', () => {
  it('prints the URLs and the demo key, serves, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ['server/bin/poolse-server.mjs', '--port', '0', '--data', dataDir, '--seed', 'demo'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no start within 20 s: ${output}`)),
          20_000,
        );
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /API:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1] && output.includes('curl')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      assert.match(output, /socket:\s+ws:\/\/127\.0\.0\.1:\d+\/socket\/websocket/);
      assert.match(output, /demo API key: pk_demo_/);
      assert.equal((await call(url, 'GET', '/health')).status, 200);
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('prints help', async () => {
    const child = spawn(process.execPath, ['server/bin/poolse-server.mjs', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (c) => resolve(c)),
    );
    assert.equal(code, 0);
    for (const flag of ['--port', '--host', '--data', '--seed demo'])
      assert.ok(output.includes(flag), flag);
  });
});
