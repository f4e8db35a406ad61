/** Shared set-up for the store's node tests. */
import { createChatStore } from '../../../src/state/index.js';
import type { ChatStore, ChatStoreOptions } from '../../../src/state/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import type { FakeChatClientOptions } from '../../support/fake-chat-client.js';

/** Lets every pending promise of the store and the fake settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

export interface Setup {
  client: FakeChatClient;
  store: ChatStore;
  conversationId: string;
}

/** A started store with one conversation (with `bob`) holding `messages` messages from bob, opened. */
export async function openedConversation(
  messages = 0,
  options: { client?: FakeChatClientOptions; store?: ChatStoreOptions } = {},
): Promise<Setup> {
  const client = new FakeChatClient(options.client);
  const { id } = client.addConversation({ members: ['bob'] });
  for (let i = 0; i < messages; i += 1)
    client.addMessage(id, { from: 'bob', body: `hello ${i + 1}` });
  const store = createChatStore(client, options.store);
  await store.start();
  await store.openConversation(id);
  await settle();
  return { client, store, conversationId: id };
}

/** The bodies of the conversation's confirmed messages, in timeline order. */
export function bodies(store: ChatStore, conversationId: string): Array<string | null> {
  const tl = store.getState().timelines[conversationId];
  return tl ? tl.messageIds.map((id) => tl.byId[id].body) : [];
}

/** The sequences of the conversation's confirmed messages, in timeline order. */
export function sequences(store: ChatStore, conversationId: string): number[] {
  const tl = store.getState().timelines[conversationId];
  return tl ? tl.messageIds.map((id) => tl.byId[id].sequence) : [];
}
