/** Bulk history for the benchmarks must look to the API exactly like history sent through it. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Conversation, Message } from '../../../src/sdk/types.js';
import { createConversation } from '../../../server/domain/conversations.js';
import { findUserByExternalId } from '../../../server/domain/users.js';
import { insertBulkHistory } from '../../../server/seed/bulk-history.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

let server: TestServer;
let token: string;
let conversationId: string;

before(async () => {
  server = await startTestServer();
  token = await server.mintToken('alice');
  await server.mintToken('bob');
  const alice = findUserByExternalId(server.server.db, server.tenantId, 'alice');
  assert.ok(alice);
  const { conversation } = createConversation(
    server.server.db,
    { userId: alice.id, tenantId: server.tenantId, externalId: 'alice' },
    {
      type: 'group',
      name: 'History',
      member_external_ids: ['bob'],
    },
  );
  conversationId = conversation.id;
  insertBulkHistory(server.server.db, conversationId, { count: 1200 });
});

after(async () => {
  await server.close();
});

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
}

test('the newest page and older pages come back in sequence with no gaps', async () => {
  const newest = await get<{ data: Message[] }>(
    `/v1/conversations/${conversationId}/messages?limit=50`,
  );
  assert.deepEqual(
    newest.data.map((m) => m.sequence),
    Array.from({ length: 50 }, (_, i) => 1200 - i),
  );
  const oldest = await get<{ data: Message[] }>(
    `/v1/conversations/${conversationId}/messages?after=0&limit=3`,
  );
  assert.deepEqual(
    oldest.data.map((m) => m.sequence),
    [1, 2, 3],
  );
  const senders = new Set(newest.data.map((m) => m.sender_external_id));
  assert.deepEqual([...senders].sort(), ['alice', 'bob']);
  const times = newest.data.map((m) => Date.parse(m.inserted_at));
  assert.ok(
    times.every((t, i) => i === 0 || t < (times[i - 1] as number)),
    'newer sequence, later time',
  );
});

test('the inbox shows the conversation read, with its newest message as preview', async () => {
  const { data } = await get<{ data: Conversation[] }>('/v1/conversations');
  const conversation = data.find((c) => c.id === conversationId);
  assert.ok(conversation);
  assert.equal(conversation.last_sequence, 1200);
  assert.equal(conversation.unread_count, 0);
  assert.equal(conversation.last_read_sequence, 1200);
  assert.match(conversation.last_message_preview ?? '', /\(#1200\)/);
});

test('a message sent after the bulk history takes the next sequence', async () => {
  const res = await fetch(`${server.url}/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'after the history' }),
  });
  assert.equal(res.status, 201);
  assert.equal(((await res.json()) as Message).sequence, 1201);
});
