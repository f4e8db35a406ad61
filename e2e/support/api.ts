/**
 * Direct calls to the local server, for setting a scene a spec does not test
 * through the UI (e.g. a fresh group for the upload spec). They use the demo
 * token route, as the demo page does.
 */
import type { APIRequestContext } from '@playwright/test';
import type { Conversation, ConversationCreateRequest, Message } from '../../src/sdk/types.js';
import { API_URL } from './demo.js';

async function tokenFor(request: APIRequestContext, externalId: string): Promise<string> {
  const answer = await request.post(
    `${API_URL}/demo/token?external_id=${encodeURIComponent(externalId)}`,
    { data: {} },
  );
  if (!answer.ok()) throw new Error(`demo token for ${externalId}: HTTP ${answer.status()}`);
  const body = (await answer.json()) as { token: string };
  return body.token;
}

/** Creates a conversation as `externalId` and returns it. */
export async function createConversationAs(
  request: APIRequestContext,
  externalId: string,
  create: ConversationCreateRequest,
): Promise<Conversation> {
  const token = await tokenFor(request, externalId);
  const answer = await request.post(`${API_URL}/v1/conversations`, {
    data: create,
    headers: { authorization: `Bearer ${token}` },
  });
  if (!answer.ok())
    throw new Error(`create conversation: HTTP ${answer.status()} ${await answer.text()}`);
  return (await answer.json()) as Conversation;
}

/** The newest main-feed messages of a conversation, newest first, as `externalId` sees them. */
export async function latestMessagesAs(
  request: APIRequestContext,
  externalId: string,
  conversationId: string,
): Promise<Message[]> {
  const token = await tokenFor(request, externalId);
  const answer = await request.get(
    `${API_URL}/v1/conversations/${conversationId}/messages?limit=50`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (!answer.ok()) throw new Error(`list messages: HTTP ${answer.status()}`);
  return ((await answer.json()) as { data: Message[] }).data;
}
