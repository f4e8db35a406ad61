import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import '../../../components/provider/provider.js';
import '../../../components/inbox/inbox.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';

function inboxTitle(provider: PoolseProvider): string {
  const inbox = provider.querySelector('poolse-inbox');
  return inbox?.shadowRoot?.querySelector('[part~="title"]')?.textContent?.trim() ?? '';
}

describe('<poolse-provider> strings', () => {
  it('overrides single strings for every element below it, over the locale', async () => {
    const client = new FakeChatClient({ externalId: 'alice' }) as unknown as Poolse;
    const provider = await fixture<PoolseProvider>(
      html`<poolse-provider .client=${client} locale="fr"
        ><poolse-inbox></poolse-inbox
      ></poolse-provider>`,
    );
    await waitUntil(() => inboxTitle(provider) !== '', 'the inbox renders its title');
    expect(inboxTitle(provider)).to.equal('Messages');

    provider.strings = { 'inbox.title': 'Support' };
    await waitUntil(() => inboxTitle(provider) === 'Support', 'the override shows');

    provider.strings = null;
    await waitUntil(() => inboxTitle(provider) === 'Messages', 'the locale applies again');
  });
});
