/**
 * The limits the SDK exports are the ones the server enforces: a request at
 * the limit is accepted, one past it is refused with the contract's envelope.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  MAX_ATTACHMENTS,
  MAX_BODY_LENGTH,
  MAX_JSON_BODY_BYTES,
  MAX_MENTIONS,
  MAX_NAME_LENGTH,
} from '../../../src/sdk/index.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { assertError, call, newGroup, person, type Person } from './helpers.js';

let server: TestServer;
let alice: Person;
let conversationId: string;

before(async () => {
  server = await startTestServer();
  alice = await person(server, 'alice');
  await person(server, 'bob');
  conversationId = (await newGroup(server, alice, ['bob'])).id;
});
after(async () => {
  await server.close();
});

const post = (body: unknown) =>
  call(server.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    token: alice.token,
    body,
  });

describe('shared limits', () => {
  it('a body of MAX_BODY_LENGTH is sent; one character more is refused', async () => {
    assert.equal((await post({ body: 'x'.repeat(MAX_BODY_LENGTH) })).status, 201);
    assertError(await post({ body: 'x'.repeat(MAX_BODY_LENGTH + 1) }), 422, 'validation_failed');
  });

  it('more than MAX_ATTACHMENTS attachments or MAX_MENTIONS mentions are refused', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
    assertError(
      await post({ body: 'hi', attachment_ids: ids(MAX_ATTACHMENTS + 1) }),
      422,
      'validation_failed',
    );
    assertError(
      await post({ body: 'hi', mentions: ids(MAX_MENTIONS + 1) }),
      422,
      'validation_failed',
    );
  });

  it('a conversation name past MAX_NAME_LENGTH is refused', async () => {
    const answer = await call(server.url, 'PATCH', `/v1/conversations/${conversationId}`, {
      token: alice.token,
      body: { name: 'n'.repeat(MAX_NAME_LENGTH + 1) },
    });
    assertError(answer, 422, 'validation_failed');
  });

  it('a JSON body over MAX_JSON_BODY_BYTES is refused as too large', async () => {
    const answer = await post({
      body: 'hi',
      custom_data: { pad: 'x'.repeat(MAX_JSON_BODY_BYTES) },
    });
    assert.equal(answer.status, 413);
  });
});
