import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import '../../../components/inbox/inbox.js';

/**
 * The inbox is defined (imported above) before the provider's module has
 * loaded: its request for the store must still be answered once the
 * provider arrives.
 */
describe('load order', () => {
  it('an element defined before <poolse-provider> gets the store when the provider arrives', async () => {
    const fake = new FakeChatClient({ externalId: 'alice' });
    fake.addConversation({ type: 'group', name: 'Late provider', members: ['bob', 'carol'] });
    const host = await fixture<HTMLElement>(
      html`<div>
        <poolse-provider .client=${fake as unknown as Poolse}
          ><poolse-inbox></poolse-inbox
        ></poolse-provider>
      </div>`,
    );
    expect(customElements.get('poolse-provider')).to.equal(undefined);
    await import('../../../components/provider/provider.js');
    const inbox = host.querySelector('poolse-inbox')!;
    await waitUntil(
      () => inbox.shadowRoot?.textContent?.includes('Late provider') ?? false,
      'the inbox lists the conversation',
      { timeout: 5000 },
    );
  });
});
