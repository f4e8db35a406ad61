/**
 * No user-visible string bypasses the strings table. Every element renders
 * in a pseudo-translation (each string of the table rewritten into Cyrillic
 * marks, registered as Russian so `Intl` formats dates and numbers in
 * Russian too), over a conversation whose people and messages are written
 * in Greek. Any Latin word left on screen or in an accessible name then came
 * from somewhere other than the table.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../../components/provider/provider.js';
import '../../../components/inbox/inbox.js';
import '../../../components/conversation/conversation.js';
import '../../../components/shared/localize/builtin-locales.js';
import '../../../components/shared/localize/common.strings.js';
import '../../../components/inbox/inbox.strings.js';
import '../../../components/launcher/launcher.strings.js';
import '../../../components/conversation/conversation.strings.js';
import '../../../components/composer/composer.strings.js';
import '../../../components/emoji-picker/emoji-picker.strings.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import { localeTable, registerLocale } from '../../../components/shared/localize/registry.js';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { deepQueryAll, makeAttachment, messages, settle, until } from '../conversation/support.js';
import { afterEach, beforeEach, describe, it } from '../conversation/mocha.js';

/** "Open chat, {count} unread" → "⟦Жжжж жжжж, {count} жжжжжж⟧": no Latin letter, placeholders kept. */
function pseudo(text: string): string {
  const parts = text.split(/(\{\w+\})/);
  return `⟦${parts.map((p) => (p.startsWith('{') ? p : p.replace(/[A-Z]/g, 'Ж').replace(/[a-z]/g, 'ж'))).join('')}⟧`;
}

const ATTRIBUTES = [
  'aria-label',
  'title',
  'placeholder',
  'alt',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
];

/**
 * The one known exception: emoji names come with the emoji data, which is
 * English only (the picker's own labels, tabs and search are translated).
 */
const EMOJI_NAMES = '[part~="emoji"], [part~="preview"]';

/** Every piece of text a person sees or hears under `root`, through shadow roots. */
function visibleTexts(root: Element): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Text) {
      const parent = node.parentElement;
      if (parent && !['STYLE', 'SCRIPT', 'TEMPLATE'].includes(parent.tagName) && node.data.trim())
        texts.push(node.data.trim());
      return;
    }
    if (node instanceof Element) {
      if (node.matches(EMOJI_NAMES)) return;
      for (const name of ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value?.trim()) texts.push(value.trim());
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return texts;
}

/** Latin words outside the pseudo-translated stretches. */
function latinLeft(texts: string[]): string[] {
  return texts
    .map((text) => text.replace(/⟦[^⟧]*⟧/g, ' '))
    .filter((text) => /[A-Za-z]{2,}/.test(text));
}

describe('strings come from the table', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('leaves no English in any element', async () => {
    const english = localeTable('en') ?? {};
    registerLocale(
      'ru',
      Object.fromEntries(Object.entries(english).map(([k, v]) => [k, pseudo(v)])),
    );

    const people: Record<string, string> = {
      εγώ: 'Εγώ',
      αλίκη: 'Αλίκη Παππά',
      βασίλης: 'Βασίλης',
      γιώργος: 'Γιώργος',
    };
    const client = new FakeChatClient({
      externalId: 'εγώ',
      displayName: 'Εγώ',
      userResolver: (id) => ({ displayName: people[id] ?? 'Άγνωστος', avatarUrl: null }),
    });
    for (const [id, name] of Object.entries(people)) client.provision(id, name);
    const group = client.addConversation({
      name: 'Ταξίδι στη Λισαβόνα',
      members: ['αλίκη', 'βασίλης', 'γιώργος'],
    });
    client.addConversation({ members: ['αλίκη'] });
    const first = client.addMessage(group.id, { from: 'αλίκη', body: 'Καλημέρα σε όλους' });
    const quoted = client.addMessage(group.id, {
      from: 'βασίλης',
      body: 'Φεύγουμε την Παρασκευή',
      quotedMessageId: first.id,
    });
    client.addMessage(group.id, { from: 'αλίκη', body: 'Απάντηση στο νήμα', replyToId: quoted.id });
    client.patchMessage(quoted.id, (m) => ({
      ...m,
      reactions: { '👍': [client.user.id] },
      edited_at: m.inserted_at,
      attachments: [
        makeAttachment({ original_filename: 'αναφορά', content_type: 'application/pdf' }),
        makeAttachment({ original_filename: 'φωτογραφία', content_type: 'image/png' }),
      ],
    }));
    client.addMessage(group.id, {
      from: 'γιώργος',
      body: null,
      deletedAt: new Date().toISOString(),
    });
    client.addMessage(group.id, { body: 'Τα λέμε σύντομα' });

    const provider = await fixture<PoolseProvider>(html`<poolse-provider
      locale="ru"
      .client=${client as unknown as Poolse}
      style="display:flex;width:1000px;height:700px"
    >
      <poolse-inbox style="width:320px"></poolse-inbox>
      <poolse-conversation style="flex:1"></poolse-conversation>
    </poolse-provider>`);
    const store = provider.store!;
    store.selectConversation(group.id);
    const conversation = provider.querySelector<PoolseConversation>('poolse-conversation')!;
    await until(() => {
      try {
        return messages(conversation).length >= 4;
      } catch {
        return false; // the timeline is not there yet
      }
    }, 'the messages');
    await settle(conversation);

    // A failed send of our own, someone typing, and the thread panel open.
    client.failNext('messages.send', undefined, { times: 99 });
    store.send(group.id, { body: 'Δεν έφυγε' });
    const aliceId = client.provision('αλίκη').id;
    client.emit(group.id, 'typing:start', { user_id: aliceId });
    conversation.openThread(quoted.id);
    await until(() => !!conversation.shadowRoot!.querySelector('poolse-thread'), 'the thread');
    await settle(conversation);

    // The message menu of the quoted message, open.
    const more = deepQueryAll(conversation, 'button').find(
      (b) => b.closest('[part~="actions"]') || b.getAttribute('aria-haspopup') === 'menu',
    );
    (more as HTMLElement | undefined)?.click();
    await settle(conversation);

    // The composer's emoji picker, open (it loads on first use).
    const composer = conversation.shadowRoot!.querySelector('poolse-composer')!;
    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji-button"]')?.click();
    await until(
      () => deepQueryAll(composer.shadowRoot!, '[part~="emoji"]').length > 0,
      'the emoji picker',
      10_000,
    );

    const texts = visibleTexts(provider);
    // What the test looks through is really there: translated chrome, Greek content, Russian dates.
    expect(texts).to.include(pseudo(english['composer.send'] ?? ''));
    expect(texts).to.include(pseudo(english['thread.title'] ?? ''));
    expect(texts).to.include(pseudo(english['emoji-picker.search'] ?? ''));
    expect(texts).to.include('Φεύγουμε την Παρασκευή');
    expect(texts.some((text) => /[а-я]/.test(text.replace(/⟦[^⟧]*⟧/g, '')))).to.equal(true);
    const left = latinLeft(texts);
    expect(left, 'text that did not come from the strings table').to.deep.equal([]);
  });
});
