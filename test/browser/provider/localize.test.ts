import { expect, fixture, html } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../../components/provider/provider.js';
import '../../../components/inbox/inbox.js';
import '../../../components/conversation/conversation.js';
import '../../../components/emoji-picker/emoji-picker.js';
import '../../../components/lightbox/lightbox.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import type { LocaleStrings } from '../../../components/shared/localize/keys.js';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { afterEach, beforeEach, describe, it } from '../conversation/mocha.js';
import { deepQueryAll, messageByBody, settle, timelineOf, until } from '../conversation/support.js';

/** One visible string per element, found where a user (or a screen reader) meets it. */
const PROBES = {
  inbox: (p: PoolseProvider) => shadowPart(p.querySelector('poolse-inbox'), 'title')?.textContent,
  conversation: (p: PoolseProvider) => shadowPart(conversationOf(p), 'subtitle')?.textContent,
  timeline: (p: PoolseProvider) =>
    shadowPart(timelineOf(conversationOf(p)), 'scroller')?.getAttribute('aria-label'),
  message: (p: PoolseProvider) =>
    messageByBody(conversationOf(p), 'salut')
      .shadowRoot?.querySelector('[data-menu-trigger]')
      ?.getAttribute('aria-label'),
  reactions: (p: PoolseProvider) =>
    shadowPart(deepQueryAll(conversationOf(p).shadowRoot!, 'poolse-reactions')[0], 'add-button')?.getAttribute(
      'aria-label',
    ),
  thread: (p: PoolseProvider) =>
    shadowPart(conversationOf(p).shadowRoot!.querySelector('poolse-thread'), 'title')?.textContent,
  composer: (p: PoolseProvider) =>
    deepQueryAll(conversationOf(p).shadowRoot!, 'poolse-composer')[0]
      ?.shadowRoot?.querySelector('textarea')
      ?.getAttribute('placeholder'),
  'emoji-picker': (p: PoolseProvider) =>
    p.querySelector('poolse-emoji-picker')?.shadowRoot?.querySelector('input[type="search"]')?.getAttribute('aria-label'),
  lightbox: (p: PoolseProvider) =>
    shadowPart(p.querySelector('poolse-lightbox'), 'close-button')?.getAttribute('aria-label'),
} as const;

type Probe = keyof typeof PROBES;

const OVERRIDES: Record<Probe, LocaleStrings> = {
  inbox: { 'inbox.title': 'Support desk' },
  conversation: { 'conversation.direct-offline': 'Away right now' },
  timeline: { 'conversation.timeline': 'The whole story' },
  message: { 'message.actions': 'What to do with it' },
  reactions: { 'reactions.add': 'Say it with a face' },
  thread: { 'thread.title': 'Side talk' },
  composer: { 'composer.placeholder': 'Tell them…' },
  'emoji-picker': { 'emoji-picker.search': 'Find a face' },
  lightbox: { 'lightbox.close': 'Put the picture away' },
};

const ENGLISH: Record<Probe, string> = {
  inbox: 'Messages',
  conversation: 'Offline',
  timeline: 'Messages',
  message: 'More actions',
  reactions: 'Add reaction',
  thread: 'Thread',
  composer: 'Write a message…',
  'emoji-picker': 'Search emoji',
  lightbox: 'Close image viewer',
};

const FRENCH: Record<Probe, string> = {
  inbox: 'Messages',
  conversation: 'Hors ligne',
  timeline: 'Messages',
  message: 'Plus d’actions',
  reactions: 'Ajouter une réaction',
  thread: 'Fil',
  composer: 'Écrire un message…',
  'emoji-picker': 'Rechercher un émoji',
  lightbox: 'Fermer la visionneuse',
};

function shadowPart(host: Element | null | undefined, part: string): Element | null {
  return host?.shadowRoot?.querySelector(`[part~="${part}"]`) ?? null;
}

function conversationOf(provider: PoolseProvider): PoolseConversation {
  return provider.querySelector('poolse-conversation')!;
}

function read(provider: PoolseProvider): Record<Probe, string | undefined> {
  const seen = {} as Record<Probe, string | undefined>;
  for (const probe of Object.keys(PROBES) as Probe[]) {
    try {
      seen[probe] = PROBES[probe](provider)?.trim();
    } catch {
      seen[probe] = undefined;
    }
  }
  return seen;
}

async function untilEvery(provider: PoolseProvider, expected: Record<Probe, string>, what: string) {
  try {
    await until(() => JSON.stringify(read(provider)) === JSON.stringify(expected), what);
  } catch {
    expect(read(provider), what).to.deep.equal(expected);
  }
}

/** A provider with every element on screen: inbox, conversation (a message with a reaction, an open thread), a picker and a lightbox. */
async function mountEverything(attrs: { locale?: string } = {}): Promise<PoolseProvider> {
  const client = new FakeChatClient({ externalId: 'me', displayName: 'Me' });
  const conversation = client.addConversation({ members: ['alice'] });
  const message = client.addMessage(conversation.id, { from: 'alice', body: 'salut' });
  client.patchMessage(message.id, (m) => ({ ...m, reactions: { '👍': [m.sender_id ?? 'alice'] } }));
  const provider = await fixture<PoolseProvider>(html`<poolse-provider
    .client=${client as unknown as Poolse}
    locale=${attrs.locale ?? ''}
    active-conversation-id=${conversation.id}
    style="display:flex;width:900px;height:560px"
    ><poolse-inbox></poolse-inbox><poolse-conversation style="flex:1"></poolse-conversation
    ><poolse-emoji-picker></poolse-emoji-picker
    ><poolse-lightbox src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="x"></poolse-lightbox
  ></poolse-provider>`);
  const el = conversationOf(provider);
  await until(() => !!provider.store?.getState().timelines[conversation.id]?.loaded, 'the timeline');
  await settle(el);
  el.threadRootId = message.id;
  await settle(el);
  return provider;
}

describe('localization through <poolse-provider>', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  let errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(String(event.message));
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));
  beforeEach(() => {
    errors = [];
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    document.documentElement.removeAttribute('lang');
  });

  it('reaches every element with the provider’s string overrides', async () => {
    const provider = await mountEverything();
    await untilEvery(provider, ENGLISH, 'every element in English');

    provider.strings = Object.assign({}, ...Object.values(OVERRIDES)) as LocaleStrings;
    const overridden = Object.fromEntries(
      (Object.keys(OVERRIDES) as Probe[]).map((probe) => [probe, Object.values(OVERRIDES[probe])[0]]),
    ) as Record<Probe, string>;
    await untilEvery(provider, overridden, 'every element shows its override');

    provider.strings = null;
    await untilEvery(provider, ENGLISH, 'every element back to its own strings');
    expect(errors).to.deep.equal([]);
  });

  it('follows the locale as it is set, changed and removed at run time', async () => {
    const provider = await mountEverything();
    await untilEvery(provider, ENGLISH, 'English without a locale');

    provider.setAttribute('locale', 'fr');
    await untilEvery(provider, FRENCH, 'French once set');

    provider.setAttribute('locale', 'en');
    await untilEvery(provider, ENGLISH, 'English once changed');

    provider.setAttribute('locale', 'fr');
    await untilEvery(provider, FRENCH, 'French again');
    provider.removeAttribute('locale');
    await untilEvery(provider, ENGLISH, 'removing it returns to the page’s language (none: English)');

    document.documentElement.lang = 'fr';
    await untilEvery(provider, FRENCH, 'the page’s <html lang> applies');
    provider.locale = 'en';
    await untilEvery(provider, ENGLISH, 'the provider’s locale wins over the page’s');
    provider.removeAttribute('locale');
    await untilEvery(provider, FRENCH, 'removing it returns to the page’s <html lang>');
    expect(errors).to.deep.equal([]);
  });
});
