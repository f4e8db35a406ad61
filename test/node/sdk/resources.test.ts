import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Poolse, type PoolseUserProfile } from '../../../src/sdk/index.js';
import { json, jwt, scriptedFetch, type RecordedCall, type Reply } from './helpers.js';

const TOKEN = jwt(Math.floor(Date.now() / 1000) + 3600);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function client(replies: Reply[]) {
  const { fetch, calls } = scriptedFetch(replies);
  const chat = new Poolse({ apiUrl: 'http://api.test', getToken: () => TOKEN, fetch });
  return { chat, calls };
}

function route(call: RecordedCall | undefined): string {
  assert.ok(call, 'a request was made');
  return `${call.method} ${call.url.replace('http://api.test', '')}`;
}

function body(call: RecordedCall | undefined): unknown {
  return call?.body === undefined ? undefined : JSON.parse(call.body);
}

describe('resources: HTTP paths of the reference', () => {
  it('me and conversations', async () => {
    const { chat, calls } = client([
      json(200, { id: 'u1' }),
      json(200, { data: [] }),
      json(201, { id: 'c1' }),
      json(200, { id: 'c1' }),
      json(200, { id: 'c1', name: 'New' }),
      json(200, { data: [] }),
      json(200, { data: [{ external_id: 'bob' }, { external_id: 'carol' }] }),
      json(200, { data: [{ external_id: 'dave', role: 'admin' }] }),
      new Response(null, { status: 204 }),
    ]);
    assert.deepEqual(await chat.me.show(), { id: 'u1' });
    await chat.conversations.list();
    await chat.conversations.create({ type: 'group', name: 'Team', member_external_ids: ['bob'] });
    const conv = chat.conversations.one('c1');
    assert.equal(conv.id, 'c1');
    await conv.show();
    await conv.update({ name: 'New' });
    await conv.listMembers();
    const added = await conv.addMembers(['bob', 'carol']);
    assert.equal(added.data.length, 2);
    const one = await conv.addMember('dave', { role: 'admin' });
    assert.deepEqual(one, { external_id: 'dave', role: 'admin' });
    assert.equal(await conv.removeMember('bob'), undefined);
    assert.deepEqual(calls.map(route), [
      'GET /v1/me',
      'GET /v1/conversations',
      'POST /v1/conversations',
      'GET /v1/conversations/c1',
      'PATCH /v1/conversations/c1',
      'GET /v1/conversations/c1/members',
      'POST /v1/conversations/c1/members',
      'POST /v1/conversations/c1/members',
      'DELETE /v1/conversations/c1/members/bob',
    ]);
    assert.deepEqual(body(calls[2]), { type: 'group', name: 'Team', member_external_ids: ['bob'] });
    assert.deepEqual(body(calls[4]), { name: 'New' });
    assert.deepEqual(body(calls[6]), { external_ids: ['bob', 'carol'] });
    assert.deepEqual(body(calls[7]), { external_ids: ['dave'], role: 'admin' });
  });

  it('conversation messages: list, send (generating the id), markRead', async () => {
    const { chat, calls } = client([
      json(200, { data: [] }),
      json(200, { data: [] }),
      json(201, { id: 'x' }),
      json(201, { id: 'given' }),
      new Response(null, { status: 204 }),
    ]);
    const messages = chat.conversations.one('c1').messages;
    await messages.list({ limit: 50 });
    await messages.list({ limit: 20, before: 40 });
    await messages.send({ body: 'Hello' });
    await messages.send({ id: 'given', body: 'Again' });
    assert.equal(await messages.markRead('m9'), undefined);
    assert.deepEqual(calls.map(route), [
      'GET /v1/conversations/c1/messages?limit=50',
      'GET /v1/conversations/c1/messages?limit=20&before=40',
      'POST /v1/conversations/c1/messages',
      'POST /v1/conversations/c1/messages',
      'POST /v1/conversations/c1/read',
    ]);
    const sent = body(calls[2]) as { id: string; body: string };
    assert.match(sent.id, UUID);
    assert.equal(sent.body, 'Hello');
    assert.deepEqual(body(calls[3]), { id: 'given', body: 'Again' });
    assert.deepEqual(body(calls[4]), { message_id: 'm9' });
  });

  it('lists newer messages with after (gap fill)', async () => {
    const { chat, calls } = client([json(200, { data: [] })]);
    await chat.conversations.one('c1').messages.list({ after: 12 });
    assert.equal(route(calls[0]), 'GET /v1/conversations/c1/messages?after=12');
  });

  it('messages.one(id): update, delete, replies, reactions', async () => {
    const { chat, calls } = client([
      json(200, {}),
      new Response(null, { status: 204 }),
      json(200, { data: [] }),
      json(200, { data: [] }),
      json(200, {}),
      json(200, {}),
    ]);
    const message = chat.messages.one('m1');
    assert.equal(message.id, 'm1');
    await message.update({ body: 'edit' });
    assert.equal(await message.delete(), undefined);
    await message.replies();
    await message.replies({ limit: 100, after: 7 });
    await message.addReaction('👍');
    await message.removeReaction('👍');
    assert.deepEqual(calls.map(route), [
      'PATCH /v1/messages/m1',
      'DELETE /v1/messages/m1',
      'GET /v1/messages/m1/replies',
      'GET /v1/messages/m1/replies?limit=100&after=7',
      'POST /v1/messages/m1/reactions',
      `DELETE /v1/messages/m1/reactions/${encodeURIComponent('👍')}`,
    ]);
    assert.deepEqual(body(calls[0]), { body: 'edit' });
    assert.deepEqual(body(calls[4]), { emoji: '👍' });
  });

  it('attachments: requestUpload, downloadUrl, delete', async () => {
    const { chat, calls } = client([
      json(200, { attachment: {}, upload: {} }),
      json(200, { url: 'http://dl', method: 'get' }),
      new Response(null, { status: 204 }),
    ]);
    await chat.attachments.requestUpload({
      content_type: 'text/plain',
      byte_size: 3,
      original_filename: 'a.txt',
    });
    assert.deepEqual(await chat.attachments.one('a1').downloadUrl(), {
      url: 'http://dl',
      method: 'get',
    });
    assert.equal(await chat.attachments.one('a1').delete(), undefined);
    assert.deepEqual(calls.map(route), [
      'POST /v1/attachments/upload-url',
      'GET /v1/attachments/a1/download-url',
      'DELETE /v1/attachments/a1',
    ]);
    assert.deepEqual(body(calls[0]), {
      content_type: 'text/plain',
      byte_size: 3,
      original_filename: 'a.txt',
    });
  });

  it('upload presigns, then PUTs the bytes with the signed headers and no Authorization', async () => {
    const attachment = { id: 'a1', status: 'pending', byte_size: 5 };
    const { chat, calls } = client([
      json(200, {
        attachment,
        upload: {
          url: '/v1/uploads/a1?signature=s',
          method: 'put',
          headers: { 'Content-Type': 'text/plain' },
        },
      }),
      json(200, { ...attachment, sha256: 'abc' }),
    ]);
    const progress: unknown[] = [];
    const uploaded = await chat.attachments.upload(
      { body: 'hello', contentType: 'text/plain', byteSize: 5, filename: 'hello.txt' },
      { onProgress: (e) => progress.push(e) },
    );
    assert.deepEqual(uploaded, { ...attachment, sha256: 'abc' });
    assert.deepEqual(body(calls[0]), {
      content_type: 'text/plain',
      byte_size: 5,
      original_filename: 'hello.txt',
    });
    assert.equal(route(calls[1]), 'PUT /v1/uploads/a1?signature=s');
    assert.equal(calls[1]!.headers.authorization, undefined);
    assert.equal(calls[1]!.headers['content-type'], 'text/plain');
    assert.equal(calls[1]!.body, 'hello');
    // No XMLHttpRequest in Node: progress silently no-ops, as documented.
    assert.deepEqual(progress, []);
  });

  it('a refused upload PUT throws the typed error', async () => {
    const { chat } = client([
      json(200, {
        attachment: { id: 'a1' },
        upload: { url: 'http://api.test/v1/uploads/a1', method: 'put', headers: {} },
      }),
      json(403, { error: { code: 'forbidden', message: 'bad signature', doc_url: 'd' } }),
    ]);
    await assert.rejects(
      chat.attachments.upload({ body: 'x', contentType: 'text/plain', byteSize: 1 }),
      {
        name: 'ApiError',
        status: 403,
        code: 'forbidden',
      },
    );
  });
});

describe('messages.iterate', () => {
  const message = (sequence: number) => ({ id: `m${sequence}`, sequence });

  it('walks older pages until the history ends', async () => {
    const { chat, calls } = client([
      json(200, { data: [message(9), message(8), message(7)] }),
      json(200, { data: [message(6), message(5), message(4)] }),
      json(200, { data: [message(3), message(2)] }),
    ]);
    const seen: number[] = [];
    for await (const m of chat.conversations.one('c1').messages.iterate({ before: 10, limit: 3 }))
      seen.push(m.sequence);
    assert.deepEqual(seen, [9, 8, 7, 6, 5, 4, 3, 2]);
    assert.deepEqual(calls.map(route), [
      'GET /v1/conversations/c1/messages?limit=3&before=10',
      'GET /v1/conversations/c1/messages?limit=3&before=7',
      'GET /v1/conversations/c1/messages?limit=3&before=4',
    ]);
  });

  it('stops fetching when the loop breaks', async () => {
    const { chat, calls } = client([json(200, { data: [message(5), message(4)] })]);
    for await (const m of chat.conversations.one('c1').messages.iterate({ limit: 2 })) {
      if (m.sequence === 5) break;
    }
    assert.equal(calls.length, 1);
    assert.equal(route(calls[0]), 'GET /v1/conversations/c1/messages?limit=2');
  });
});

describe('users cache', () => {
  function users(
    resolver?: (id: string) => Promise<PoolseUserProfile | null> | PoolseUserProfile | null,
  ) {
    return new Poolse({ apiUrl: 'http://api.test', getToken: () => null, userResolver: resolver })
      .users;
  }

  it('peek is undefined before a lookup, then the profile or null', async () => {
    const cache = users((id) => (id === 'alice' ? { displayName: 'Alice' } : null));
    assert.equal(cache.peek('alice'), undefined);
    assert.deepEqual(await cache.get('alice'), { displayName: 'Alice' });
    assert.deepEqual(cache.peek('alice'), { displayName: 'Alice' });
    assert.equal(await cache.get('ghost'), null);
    assert.equal(cache.peek('ghost'), null);
  });

  it('shares one in-flight resolver call per id', async () => {
    const asked: string[] = [];
    const cache = users(async (id) => {
      asked.push(id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { displayName: id.toUpperCase() };
    });
    const ids = Array.from({ length: 50 }, (_, i) => `user${i % 5}`);
    const profiles = await Promise.all(ids.map((id) => cache.get(id)));
    assert.equal(asked.length, 5);
    assert.equal(profiles[7]?.displayName, 'USER2');
    await cache.get('user0');
    assert.equal(asked.length, 5);
  });

  it('notifies subscribers on change and invalidation, until they unsubscribe', async () => {
    let name = 'Alice';
    const cache = users(() => ({ displayName: name }));
    const seen: unknown[] = [];
    const off = cache.subscribe('alice', (profile) => seen.push(profile));
    await cache.get('alice');
    cache.invalidate('alice');
    assert.equal(cache.peek('alice'), undefined);
    name = 'Alicia';
    await cache.get('alice');
    off();
    cache.invalidateAll();
    assert.deepEqual(seen, [{ displayName: 'Alice' }, undefined, { displayName: 'Alicia' }]);
    assert.equal(cache.peek('alice'), undefined);
  });

  it('does not cache a lookup that was invalidated while in flight', async () => {
    let release!: () => void;
    const cache = users(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ displayName: 'stale' });
        }),
    );
    const pending = cache.get('alice');
    await new Promise((resolve) => setImmediate(resolve));
    cache.invalidateAll();
    release();
    assert.deepEqual(await pending, { displayName: 'stale' });
    assert.equal(cache.peek('alice'), undefined);
  });

  it('without a resolver, get answers null and peek stays undefined', async () => {
    const cache = users();
    assert.equal(await cache.get('alice'), null);
    assert.equal(cache.peek('alice'), undefined);
  });

  it('does not cache a resolver error', async () => {
    let calls = 0;
    const cache = users(() => {
      calls += 1;
      if (calls === 1) throw new Error('directory down');
      return { displayName: 'Alice' };
    });
    await assert.rejects(cache.get('alice'), /directory down/);
    assert.deepEqual(await cache.get('alice'), { displayName: 'Alice' });
  });
});
