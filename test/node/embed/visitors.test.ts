/**
 * Visitors over real HTTP and sockets: created only when the tenant enables
 * them, limited per IP address, reaching only their own support conversation,
 * and merged (with their history) into the user they later verify as.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'phoenix';
import type {
  Conversation,
  IdentitySecretInfo,
  IdentityTokenResponse,
  Message,
  User,
} from '../../../src/sdk/types.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { connect, disconnect, join, phoenixSocket } from '../realtime/harness.js';
import { assertError, call, newGroup, person, send } from '../server/helpers.js';

const CREATION_BURST = 3;

/** POST from another loopback address, so the per-IP limit sees another visitor's machine. */
function postFrom(
  localAddress: string,
  url: string,
  body: object,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('visitors', () => {
  let server: TestServer;
  let identitySecret: string;
  const sockets: Socket[] = [];

  const newVisitor = async () => {
    const answer = await call<IdentityTokenResponse>(server.url, 'POST', '/v1/auth/visitor', {
      body: { tenant_id: server.tenantId },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };

  before(async () => {
    server = await startTestServer({
      visitorCreationLimit: { burst: CREATION_BURST, perSecond: 0.0001 },
    });
    identitySecret = (
      await call<IdentitySecretInfo>(server.url, 'POST', '/v1/identity-secrets', {
        token: server.apiKey,
        body: {},
      })
    ).body.secret;
  });
  after(async () => {
    for (const socket of sockets) await disconnect(socket);
    await server.close();
  });

  test('no visitors until the tenant enables them', async () => {
    assertError(
      await call(server.url, 'POST', '/v1/auth/visitor', { body: { tenant_id: server.tenantId } }),
      403,
      'forbidden',
    );
    const settings = await call(server.url, 'PATCH', '/v1/tenant/settings', {
      token: server.apiKey,
      body: {
        visitors_enabled: true,
        support_name: 'Help desk',
        support_team_external_ids: ['agent'],
      },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
  });

  test('a visitor gets a support conversation with the team, and comes back as the same visitor', async () => {
    const visitor = await newVisitor();
    assert.equal(visitor.user.is_visitor, true);
    assert.ok(visitor.visitor_id && visitor.visitor_secret && visitor.support_conversation_id);
    const list = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: visitor.token,
    });
    assert.deepEqual(
      list.body.data.map((c) => [c.id, c.name, c.member_external_ids]),
      [[visitor.support_conversation_id, 'Help desk', [visitor.visitor_id, 'agent']]],
    );
    const agent = await person(server, 'agent');
    const agentList = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: agent.token,
    });
    assert.ok(agentList.body.data.some((c) => c.id === visitor.support_conversation_id));

    const back = await call<IdentityTokenResponse>(server.url, 'POST', '/v1/auth/visitor', {
      body: {
        tenant_id: server.tenantId,
        visitor_id: visitor.visitor_id,
        visitor_secret: visitor.visitor_secret,
      },
    });
    assert.equal(back.status, 200);
    assert.equal(back.body.user.id, visitor.user.id);
    assert.equal(back.body.support_conversation_id, visitor.support_conversation_id);
    assert.equal(back.body.visitor_secret, undefined, 'the secret is only handed out once');
  });

  test('new visitors are limited per IP address; returning visitors and other addresses are not', async () => {
    // The earlier test made one; the burst allows CREATION_BURST in all.
    const made: IdentityTokenResponse[] = [];
    for (let i = 1; i < CREATION_BURST; i++) made.push(await newVisitor());
    const refused = await call(server.url, 'POST', '/v1/auth/visitor', {
      body: { tenant_id: server.tenantId },
    });
    assertError(refused, 429, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const last = made.at(-1);
    assert.ok(last);
    const back = await call(server.url, 'POST', '/v1/auth/visitor', {
      body: {
        tenant_id: server.tenantId,
        visitor_id: last.visitor_id,
        visitor_secret: last.visitor_secret,
      },
    });
    assert.equal(back.status, 200, 'a returning visitor is not a new one');
    const elsewhere = await postFrom('127.0.0.2', `${server.url}/v1/auth/visitor`, {
      tenant_id: server.tenantId,
    });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
  });

  test('a visitor reaches only their support conversation, over REST and sockets', async () => {
    const visitor = (await postFrom('127.0.0.3', `${server.url}/v1/auth/visitor`, {
      tenant_id: server.tenantId,
    })) as { status: number; body: IdentityTokenResponse };
    assert.equal(visitor.status, 201);
    const v = visitor.body;
    const token = v.token;
    const support = v.support_conversation_id as string;
    const agent = await person(server, 'agent');
    // A member of the team pulls the visitor into another conversation: still out of reach.
    const other = await newGroup(server, agent, [v.user.external_id], 'Internal');
    const secretLine = await send(server, agent, other.id, { body: 'internal only' });

    const get = (path: string) => call(server.url, 'GET', path, { token });
    assertError(await get(`/v1/conversations/${other.id}`), 404, 'not_found');
    assertError(await get(`/v1/conversations/${other.id}/messages`), 404, 'not_found');
    assertError(await get(`/v1/conversations/${other.id}/members`), 404, 'not_found');
    assertError(await get(`/v1/messages/${secretLine.id}/replies`), 404, 'not_found');
    const list = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token,
    });
    assert.deepEqual(
      list.body.data.map((c) => c.id),
      [support],
    );
    assertError(
      await call(server.url, 'POST', `/v1/conversations/${other.id}/messages`, {
        token,
        body: { body: 'hi' },
      }),
      404,
      'not_found',
    );
    assertError(
      await call(server.url, 'POST', `/v1/messages/${secretLine.id}/reactions`, {
        token,
        body: { emoji: '👍' },
      }),
      404,
      'not_found',
    );
    // Routes a visitor has no business with answer 403 whatever the target.
    for (const [method, path, body] of [
      ['POST', '/v1/conversations', { type: 'direct', member_external_ids: ['agent'] }],
      ['PATCH', `/v1/conversations/${support}`, { name: 'mine now' }],
      ['POST', `/v1/conversations/${support}/members`, { external_ids: ['someone'] }],
      ['DELETE', `/v1/conversations/${support}/members/agent`, undefined],
    ] as const) {
      assertError(await call(server.url, method, path, { token, body }), 403, 'forbidden');
    }
    // In their own support conversation everything a chat needs works.
    const mine = await call<Message>(server.url, 'POST', `/v1/conversations/${support}/messages`, {
      token,
      body: { body: 'hello, I need help' },
    });
    assert.equal(mine.status, 201);

    const socket = await connect(
      phoenixSocket(`${server.url.replace(/^http/, 'ws')}/socket`, token, {
        reconnectAfterMs: () => 50,
      }),
    );
    sockets.push(socket);
    const refused = { status: 'error', response: { reason: 'unauthorized' } };
    assert.deepEqual(await join(socket.channel(`conversation:${other.id}`)), refused);
    assert.deepEqual(await join(socket.channel(`user:${agent.user.id}`)), refused);
    assert.deepEqual(await join(socket.channel(`conversation:${support}`)), {
      status: 'ok',
      response: {},
    });
    assert.deepEqual(await join(socket.channel(`user:${v.user.id}`)), {
      status: 'ok',
      response: {},
    });
  });

  test('identifying merges the visitor into the user, history kept; the visitor is retired', async () => {
    const visitor = (await postFrom('127.0.0.4', `${server.url}/v1/auth/visitor`, {
      tenant_id: server.tenantId,
    })) as { status: number; body: IdentityTokenResponse };
    const v = visitor.body;
    const support = v.support_conversation_id as string;
    const agent = await person(server, 'agent');
    const asVisitor = { token: v.token, user: v.user };
    const question = await send(server, asVisitor, support, { body: 'where is my order?' });
    const answer = await send(server, agent, support, { body: 'let me check' });
    await call(server.url, 'POST', `/v1/messages/${answer.id}/reactions`, {
      token: v.token,
      body: { emoji: '👍' },
    });

    const hash = createHmac('sha256', identitySecret).update('fran').digest('hex');
    const verified = await call<IdentityTokenResponse>(server.url, 'POST', '/v1/auth/verify', {
      body: {
        tenant_id: server.tenantId,
        external_id: 'fran',
        user_hash: hash,
        visitor_id: v.visitor_id,
        visitor_secret: v.visitor_secret,
      },
    });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.merged_visitor, true);
    const fran = verified.body;

    const list = await call<{ data: Conversation[] }>(server.url, 'GET', '/v1/conversations', {
      token: fran.token,
    });
    const moved = list.body.data.find((c) => c.id === support);
    assert.ok(moved, 'the support conversation is now the user’s');
    assert.deepEqual(moved.member_external_ids, ['fran', 'agent']);
    const history = await call<{ data: Message[] }>(
      server.url,
      'GET',
      `/v1/conversations/${support}/messages`,
      { token: fran.token },
    );
    const oldestFirst = [...history.body.data].sort((a, b) => a.sequence - b.sequence);
    assert.deepEqual(
      oldestFirst.map((m) => [m.id, m.body, m.sender_id]),
      [
        [question.id, 'where is my order?', fran.user.id],
        [answer.id, 'let me check', agent.user.id],
      ],
    );
    assert.deepEqual(oldestFirst[1]?.reactions, { '👍': [fran.user.id] });

    // The verified user is not a visitor: the full API is theirs.
    const me = await call<User>(server.url, 'GET', '/v1/me', { token: fran.token });
    assert.equal(me.body.is_visitor, false);
    // The visitor is retired: its token and credentials no longer work.
    assertError(
      await call(server.url, 'GET', '/v1/me', { token: v.token }),
      401,
      'invalid_user_token',
    );
    const again = await call<IdentityTokenResponse>(server.url, 'POST', '/v1/auth/verify', {
      body: {
        tenant_id: server.tenantId,
        external_id: 'fran',
        user_hash: hash,
        visitor_id: v.visitor_id,
        visitor_secret: v.visitor_secret,
      },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.merged_visitor, false, 'merging twice does nothing');
  });

  test('a visitor id cannot be claimed through verification, and wrong visitor secrets merge nothing', async () => {
    const visitor = (await postFrom('127.0.0.5', `${server.url}/v1/auth/visitor`, {
      tenant_id: server.tenantId,
    })) as { status: number; body: IdentityTokenResponse };
    const v = visitor.body;
    const id = v.visitor_id as string;
    assertError(
      await call(server.url, 'POST', '/v1/auth/verify', {
        body: {
          tenant_id: server.tenantId,
          external_id: id,
          user_hash: createHmac('sha256', identitySecret).update(id).digest('hex'),
        },
      }),
      401,
      'invalid_user_hash',
    );
    const wrong = await call<IdentityTokenResponse>(server.url, 'POST', '/v1/auth/verify', {
      body: {
        tenant_id: server.tenantId,
        external_id: 'gus',
        user_hash: createHmac('sha256', identitySecret).update('gus').digest('hex'),
        visitor_id: id,
        visitor_secret: 'vs_wrong',
      },
    });
    assert.equal(wrong.status, 200);
    assert.equal(wrong.body.merged_visitor, false);
    const stillVisitor = await call<User>(server.url, 'GET', '/v1/me', { token: v.token });
    assert.equal(stillVisitor.status, 200);
  });
});
