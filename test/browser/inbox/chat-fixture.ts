/**
 * Renders `<poolse-inbox>` against a real chat store over the scripted fake
 * client, inside a small host that provides the store and locale contexts
 * and the theme tokens the way `<poolse-provider>` does.
 */
import { ContextProvider } from '@lit/context';
import { fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { localeContext, storeContext } from '../../../src/context/index.js';
import { createChatStore } from '../../../src/state/index.js';
import type { ChatStore } from '../../../src/state/types.js';
import type { PoolseUserProfile } from '../../../src/sdk/types.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { themeStyles } from '../../../components/shared/tokens.styles.js';
import '../../../components/inbox/inbox.js';
import type { PoolseInbox } from '../../../components/inbox/inbox.js';

class TestChatHost extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
        inline-size: 360px;
        block-size: 560px;
        background: var(--poolse-color-bg);
      }
    `,
  ];
  static override properties = { theme: { reflect: true } };
  theme = 'light';
  private readonly storeProvider = new ContextProvider(this, { context: storeContext });
  private readonly localeProvider = new ContextProvider(this, {
    context: localeContext,
    initialValue: '',
  });

  set store(store: ChatStore | undefined) {
    this.storeProvider.setValue(store);
  }
  set locale(locale: string) {
    this.localeProvider.setValue(locale);
  }
  override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('test-chat-host')) customElements.define('test-chat-host', TestChatHost);

export const PEOPLE: Record<string, PoolseUserProfile> = {
  bob: { displayName: 'Bob Chen', avatarUrl: null },
  carol: { displayName: 'Carol Diaz', avatarUrl: null },
  dave: { displayName: 'Dave Okafor', avatarUrl: null },
};

export interface InboxFixture {
  fake: FakeChatClient;
  store: ChatStore;
  host: HTMLElement;
  inbox: PoolseInbox;
}

export interface InboxFixtureOptions {
  setup?: (fake: FakeChatClient) => void;
  theme?: 'light' | 'dark';
  locale?: string;
  /** Start the store before returning (default true). */
  start?: boolean;
  slotted?: unknown;
}

export async function renderInbox(options: InboxFixtureOptions = {}): Promise<InboxFixture> {
  const fake = new FakeChatClient({
    externalId: 'alice',
    displayName: 'Alice Martin',
    userResolver: (id) => PEOPLE[id] ?? null,
  });
  options.setup?.(fake);
  const store = createChatStore(fake);
  const host = await fixture<HTMLElement>(
    html`<test-chat-host
      .store=${store}
      .locale=${options.locale ?? ''}
      theme=${options.theme ?? 'light'}
      ><poolse-inbox>${options.slotted ?? ''}</poolse-inbox></test-chat-host
    >`,
  );
  const inbox = host.querySelector('poolse-inbox') as PoolseInbox;
  if (options.start ?? true) {
    await store.start();
    await waitUntil(() => store.getState().started, 'store started');
  }
  await inbox.updateComplete;
  return { fake, store, host, inbox };
}

export function shadow(inbox: PoolseInbox): ShadowRoot {
  if (!inbox.shadowRoot) throw new Error('inbox has no shadow root');
  return inbox.shadowRoot;
}

export function rows(inbox: PoolseInbox): HTMLElement[] {
  return [...shadow(inbox).querySelectorAll<HTMLElement>('[part~="row"]')];
}

export function part(root: ParentNode, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** Whether a part is rendered (a boolean, so a failing assertion never prints a whole element). */
export function has(root: ParentNode, name: string): boolean {
  return part(root, name) !== null;
}

export function rowNames(inbox: PoolseInbox): string[] {
  return rows(inbox).map((row) => part(row, 'name')?.textContent ?? '');
}

export function rowNamed(inbox: PoolseInbox, name: string): HTMLElement {
  const row = rows(inbox).find((r) => part(r, 'name')?.textContent === name);
  if (!row) throw new Error(`no row named ${name}; rows: ${rowNames(inbox).join(', ')}`);
  return row;
}

/** Waits for the store change to reach the DOM. */
export async function settle(
  inbox: PoolseInbox,
  until: () => boolean,
  message: string,
): Promise<void> {
  await waitUntil(until, message, { timeout: 3000 });
  await inbox.updateComplete;
}
