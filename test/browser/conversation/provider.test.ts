import { expect, fixture, html } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../../components/provider/provider.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import { messageByBody, partOf, settle, until } from './support.js';

describe('<poolse-conversation> inside <poolse-provider>', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('follows the provider’s selection, theme, locale and string overrides', async () => {
    const client = new FakeChatClient({ externalId: 'me', displayName: 'Me' });
    const conversation = client.addConversation({ members: ['alice'] });
    client.addMessage(conversation.id, { from: 'alice', body: 'salut' });
    const provider = await fixture<PoolseProvider>(html`<poolse-provider
      .client=${client as unknown as Poolse}
      theme="dark"
      locale="fr"
      .strings=${{ 'message.actions': 'Options du message' }}
      active-conversation-id=${conversation.id}
      style="display:block;width:720px;height:560px"
      ><poolse-conversation></poolse-conversation
    ></poolse-provider>`);
    const el = provider.querySelector<PoolseConversation>('poolse-conversation')!;
    // The inbox (the conversation's type and members) loads beside the timeline.
    await until(() => {
      const state = provider.store?.getState();
      return !!state?.timelines[conversation.id]?.loaded && !!state.inbox.byId[conversation.id];
    }, 'the timeline and the inbox');
    await settle(el);
    expect(partOf(el, 'subtitle')?.textContent?.trim()).to.equal('Hors ligne');
    const message = messageByBody(el, 'salut');
    await message.updateComplete;
    expect(
      message.shadowRoot!.querySelector('[data-menu-trigger]')!.getAttribute('aria-label'),
    ).to.equal('Options du message');
    // Dark tokens reach the bubbles through the provider.
    expect(
      getComputedStyle(message.shadowRoot!.querySelector('[part~="bubble"]')!).backgroundColor,
    ).to.equal('rgb(35, 39, 47)');
    await expect(provider).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });
  });
});
