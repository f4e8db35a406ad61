import { expect, fixture, html } from '@open-wc/testing';
import '../../../components/provider/provider.js';
import '../../../components/inbox/inbox.js';
import '../../../components/conversation/conversation.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import { settle, until } from './support.js';

const frames = (count: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
    step(count);
  });

// No `setupIgnoreWindowResizeObserverLoopErrors` here: a host page does not have it.
describe('no ResizeObserver loop errors on the host page', () => {
  let errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  beforeEach(() => {
    errors = [];
    window.addEventListener('error', onError);
  });
  afterEach(() => window.removeEventListener('error', onError));

  it('while a conversation opens, grows and is resized', async () => {
    const client = new FakeChatClient({ externalId: 'me', displayName: 'Me' });
    const conversation = client.addConversation({ members: ['alice', 'bob'] });
    for (let i = 0; i < 40; i++)
      client.addMessage(conversation.id, {
        from: i % 3 ? 'alice' : 'me',
        body: `message ${i} `.repeat(1 + (i % 7)),
      });
    const provider = await fixture<PoolseProvider>(html`<poolse-provider
      .client=${client as unknown as Poolse}
      style="display:flex;width:820px;height:520px"
      ><poolse-inbox></poolse-inbox><poolse-conversation style="flex:1"></poolse-conversation
    ></poolse-provider>`);
    const el = provider.querySelector<PoolseConversation>('poolse-conversation')!;
    provider.activeConversationId = conversation.id;
    await until(() => !!provider.store?.getState().timelines[conversation.id]?.loaded, 'the timeline');
    await settle(el);

    for (let i = 0; i < 12; i++) {
      client.postMessage(conversation.id, { from: 'alice', body: `live ${i} `.repeat(1 + (i % 5)) });
      provider.style.width = `${(i % 2 ? 820 : 380) + i * 7}px`;
      provider.style.height = `${(i % 3 ? 520 : 300) + i * 5}px`;
      await frames(2);
    }
    await settle(el);
    await frames(4);
    expect(errors).to.deep.equal([]);
  });
});
