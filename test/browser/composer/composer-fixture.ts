/**
 * A composer on a store over the scripted fake client, with a fake uploader
 * the test drives by hand (progress, success, refusal, abort).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { createChatStore } from '../../../src/state/index.js';
import type { ChatStore } from '../../../src/state/types.js';
import type { Conversation } from '../../../src/sdk/types.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import type { PoolseComposer } from '../../../components/composer/composer.js';
import { ManualUploader } from './manual-uploader.js';
import { darkTokens, lightTokens } from '../../../components/shared/tokens.styles.js';
import '../../../components/composer/composer.js';

export { ManualUploader } from './manual-uploader.js';

type TestFn = () => void | Promise<void>;
interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: TestFn): void;
  afterEach(body: TestFn): void;
}
// Mocha's globals, typed here because the project has no @types/mocha.
const mocha = globalThis as unknown as MochaGlobals;
export const describe = mocha.describe.bind(globalThis);
export const it = mocha.it.bind(globalThis);
export const afterEach = mocha.afterEach.bind(globalThis);

export interface ComposerSetup {
  el: PoolseComposer;
  fake: FakeChatClient;
  store: ChatStore;
  conversation: Conversation;
  uploads: ManualUploader;
  textarea: HTMLTextAreaElement;
}

export interface SetupOptions {
  members?: string[];
  names?: Record<string, string>;
  theme?: 'light' | 'dark';
}

/** The theme's tokens set on a wrapper, as the provider sets them on itself. */
function themeStyle(theme: 'light' | 'dark'): string {
  const tokens: Record<string, string> =
    theme === 'dark' ? { ...lightTokens, ...darkTokens } : { ...lightTokens };
  const declarations = Object.entries(tokens).map(([name, value]) => `--poolse-${name}: ${value};`);
  return `${declarations.join(' ')} color-scheme: ${theme}; background: ${tokens['color-bg']}; padding: 16px; width: 560px;`;
}

export async function setupComposer(options: SetupOptions = {}): Promise<ComposerSetup> {
  const names = options.names ?? {};
  const fake = new FakeChatClient({
    externalId: 'alice',
    displayName: 'Alice',
    userResolver: (externalId) => (names[externalId] ? { displayName: names[externalId] } : null),
  });
  const conversation = fake.addConversation({
    name: 'Team',
    members: options.members ?? ['bob', 'carol'],
  });
  const store = createChatStore(fake);
  await store.start();
  const uploads = new ManualUploader();
  const wrapper =
    await fixture<HTMLDivElement>(html`<div class="theme-host" style=${themeStyle(options.theme ?? 'light')}>
    <poolse-composer
      conversation-id=${conversation.id}
      .store=${store}
      .uploader=${uploads.upload}
    ></poolse-composer>
  </div>`);
  const el = wrapper.querySelector('poolse-composer') as PoolseComposer;
  await el.updateComplete;
  // The composer opens the conversation, which loads its members.
  await waitUntil(() => store.getState().members[conversation.id] !== undefined, 'members loaded');
  await el.updateComplete;
  const textarea = el.shadowRoot!.querySelector('textarea')!;
  return { el, fake, store, conversation, uploads, textarea };
}

/** Types into the text area the way the browser reports it: value, then an input event. */
export async function typeInto(el: PoolseComposer, text: string, append = true): Promise<void> {
  const textarea = el.shadowRoot!.querySelector('textarea')!;
  textarea.focus();
  textarea.value = append ? textarea.value + text : text;
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  textarea.dispatchEvent(
    new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }),
  );
  await el.updateComplete;
}

export function press(
  el: PoolseComposer,
  key: string,
  init: KeyboardEventInit = {},
): KeyboardEvent {
  const textarea = el.shadowRoot!.querySelector('textarea')!;
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    composed: true,
    cancelable: true,
    ...init,
  });
  textarea.dispatchEvent(event);
  return event;
}

export function part<T extends Element = HTMLElement>(el: PoolseComposer, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(el: PoolseComposer, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}
