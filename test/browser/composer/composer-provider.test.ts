import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Poolse } from '../../../src/sdk/index.js';
import type { MessageCreateRequest } from '../../../src/sdk/types.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import '../../../components/provider/provider.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseComposer } from '../../../components/composer/composer.js';
import '../../../components/composer/composer.js';
import { describe, it, ManualUploader, part, press, typeInto } from './composer-fixture.js';

describe('<poolse-composer> inside <poolse-provider>', () => {
  it("takes the store, the client's uploader and the locale from the provider", async () => {
    const fake = new FakeChatClient({ externalId: 'alice', displayName: 'Alice' });
    const uploads = new ManualUploader();
    // The fake stands in for the SDK client; give it the SDK's upload method.
    Object.assign(fake, { attachments: { upload: uploads.upload } });
    const conversation = fake.addConversation({ members: ['bob'] });

    const provider = await fixture<PoolseProvider>(html`<poolse-provider
      locale="fr"
      theme="dark"
      .client=${fake as unknown as Poolse}
      active-conversation-id=${conversation.id}
    >
      <poolse-composer></poolse-composer>
    </poolse-provider>`);
    const el = provider.querySelector('poolse-composer') as PoolseComposer;
    await waitUntil(() => provider.store?.getState().started, 'store started');
    await el.updateComplete;

    const textarea = el.shadowRoot!.querySelector('textarea')!;
    // The provider provides French once its table has loaded (on first use).
    await waitUntil(() => textarea.placeholder === 'Écrire un message…', 'French placeholder');
    expect(part(el, 'send-button')!.textContent).to.contain('Envoyer');

    el.addFiles([new File(['hello'], 'hello.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    expect(uploads.calls, 'the upload went through the provided client').to.have.length(1);
    const attachment = uploads.succeed(0);
    await typeInto(el, 'Bonjour');
    await waitUntil(
      () => part(el, 'attachment')?.getAttribute('data-status') === 'done',
      'uploaded',
    );
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent through the store');
    const sent = fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest;
    expect(sent.body).to.equal('Bonjour');
    expect(sent.attachment_ids).to.deep.equal([attachment.id]);
    expect(fake.callsTo('messages.send')[0].target).to.equal(conversation.id);

    await expect(el).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });

    // The lazy emoji picker speaks the provider's language too.
    part<HTMLButtonElement>(el, 'emoji-button')!.click();
    await waitUntil(
      () => part(el, 'emoji-popover')?.querySelector('poolse-emoji-picker')?.shadowRoot,
      'picker',
      { timeout: 10000 },
    );
    const picker = part(el, 'emoji-popover')!.querySelector('poolse-emoji-picker')!;
    await picker.updateComplete;
    expect(
      picker.shadowRoot!.querySelector('[part~="search-input"]')!.getAttribute('aria-label'),
      'French picker labels',
    ).to.equal('Rechercher un émoji');
    expect(part(el, 'emoji-popover')!.getAttribute('aria-label')).to.equal('Sélecteur d’émojis');
  });
});
