/**
 * Fixtures of the conversation tests: a chat root that provides a store
 * over the scripted fake client (and the theme tokens, light or dark), and
 * wire messages to render.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { fixture } from '@open-wc/testing';
import '../../../components/conversation/conversation.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import type { PoolseMessage } from '../../../components/message/message.js';
import type { PoolseTimeline } from '../../../components/timeline/timeline.js';
import { clientContext, storeContext } from '../../../src/context/contexts.js';
import type { Poolse } from '../../../src/sdk/index.js';
import { createChatStore } from '../../../src/state/index.js';
import type { ChatStore, ChatStoreOptions } from '../../../src/state/types.js';
import type { Attachment, Conversation, Message } from '../../../src/sdk/types.js';
import { themeStyles } from '../../../components/shared/tokens.styles.js';
import { FakeChatClient, type FakeChatClientOptions } from '../../support/fake-chat-client.js';

/** Provides a store to everything inside it, with the poolse theme tokens. */
export class TestChatRoot extends LitElement {
  static override styles = [themeStyles];
  @property({ attribute: false }) store: ChatStore | undefined = undefined;
  @property({ reflect: true }) theme: 'light' | 'dark' = 'light';
  /** What the provider would hand out as the SDK client (tests give a partial stand-in). */
  @property({ attribute: false }) client: unknown = undefined;
  readonly #provider = new ContextProvider(this, { context: storeContext });
  readonly #clientProvider = new ContextProvider(this, { context: clientContext });

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('store')) this.#provider.setValue(this.store);
    if (changed.has('client')) this.#clientProvider.setValue(this.client as Poolse | undefined);
  }

  protected override render() {
    return html`<div style="display:block;height:100%;background:var(--poolse-color-bg);color:var(--poolse-color-text)"><slot></slot></div>`;
  }
}
if (!customElements.get('test-chat-root')) customElements.define('test-chat-root', TestChatRoot);

declare global {
  interface HTMLElementTagNameMap {
    'test-chat-root': TestChatRoot;
  }
}

export interface Chat {
  client: FakeChatClient;
  store: ChatStore;
}

/** A started store over a fake client (`me` is "me"). */
export async function startChat(
  options: FakeChatClientOptions = {},
  storeOptions: ChatStoreOptions = {},
): Promise<Chat> {
  const client = new FakeChatClient({ externalId: 'me', displayName: 'Me', ...options });
  const store = createChatStore(client, storeOptions);
  return { client, store };
}

export async function mountInRoot<T extends Element>(
  store: ChatStore,
  content: unknown,
  options: { theme?: 'light' | 'dark'; width?: number; height?: number; client?: unknown } = {},
): Promise<{ root: TestChatRoot; element: T }> {
  const root = await fixture<TestChatRoot>(html`<test-chat-root
    .store=${store}
    .client=${options.client}
    theme=${options.theme ?? 'light'}
    style="display:block;width:${options.width ?? 720}px;height:${options.height ?? 560}px"
    >${content}</test-chat-root
  >`);
  const element = root.firstElementChild as T;
  return { root, element };
}

let counter = 0;
const TENANT = '00000000-0000-4000-8000-000000000000';

/** A wire message with sensible defaults. */
export function makeMessage(overrides: Partial<Message> = {}): Message {
  counter += 1;
  const at =
    overrides.inserted_at ?? new Date(Date.UTC(2026, 10, 22, 10, 0, counter)).toISOString();
  return {
    id: crypto.randomUUID(),
    tenant_id: TENANT,
    conversation_id: '11111111-1111-4111-8111-111111111111',
    sender_id: 'user-alice',
    sender_external_id: 'alice',
    type: 'text',
    body: `Message ${counter}`,
    reply_to_id: null,
    thread_root_id: null,
    quoted_message_id: null,
    quoted_message: null,
    mentions: [],
    reactions: {},
    attachments: [],
    reply_count: 0,
    last_reply_at: null,
    custom_data: {},
    edited_at: null,
    deleted_at: null,
    sequence: counter,
    inserted_at: at,
    updated_at: at,
    ...overrides,
  };
}

export function makeAttachment(overrides: Partial<Attachment> = {}): Attachment {
  const at = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    tenant_id: TENANT,
    message_id: null,
    sender_id: 'user-alice',
    content_type: 'application/pdf',
    byte_size: 2048,
    sha256: null,
    original_filename: 'report.pdf',
    status: 'ready',
    inserted_at: at,
    updated_at: at,
    ...overrides,
  };
}

/** Polls until `check` holds (bounded), for effects that land a few frames later. */
export async function until(
  check: () => boolean,
  message = 'condition',
  timeoutMs = 3000,
): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
}

/** Every element inside `root`, looking through open shadow roots. */
export function deepQueryAll(root: Element | ShadowRoot | Document, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return found;
}

/** Visible text of a shadow part. */
export function partOf(host: Element, part: string): HTMLElement | null {
  return host.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`) ?? null;
}

export interface Opened {
  client: FakeChatClient;
  store: ChatStore;
  conversation: Conversation;
  el: PoolseConversation;
}

export async function openConversation(
  setup: (client: FakeChatClient, conversation: Conversation) => void = () => undefined,
  options: {
    members?: string[];
    name?: string | null;
    theme?: 'light' | 'dark';
    height?: number;
    pageSize?: number;
    client?: unknown;
  } = {},
): Promise<Opened> {
  const { client, store } = await startChat(
    {},
    options.pageSize ? { pageSize: options.pageSize } : {},
  );
  const conversation = client.addConversation({
    members: options.members ?? ['alice'],
    name: options.name ?? null,
  });
  setup(client, conversation);
  await store.start();
  store.selectConversation(conversation.id);
  const { element: el } = await mountInRoot<PoolseConversation>(
    store,
    html`<poolse-conversation></poolse-conversation>`,
    {
      theme: options.theme,
      height: options.height,
      client: options.client,
    },
  );
  await until(() => !!store.getState().timelines[conversation.id]?.loaded, 'the timeline to load');
  await settle(el);
  return { client, store, conversation: client.conversation(conversation.id), el };
}

export function timelineOf(el: PoolseConversation): PoolseTimeline {
  return el.shadowRoot!.querySelector('poolse-timeline')!;
}

/** Waits for the conversation, its timeline and the virtualizer to render. */
export async function settle(el: PoolseConversation): Promise<void> {
  await el.updateComplete;
  const timeline = timelineOf(el);
  await timeline.updateComplete;
  const virtualizer = timeline.shadowRoot!.querySelector('lit-virtualizer') as
    (HTMLElement & { layoutComplete?: Promise<void> }) | null;
  // An empty list never completes a layout, so the wait is bounded.
  await Promise.race([
    virtualizer?.layoutComplete?.catch(() => undefined),
    new Promise((r) => setTimeout(r, 300)),
  ]);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

export function rows(el: PoolseConversation): HTMLElement[] {
  const virtualizer = timelineOf(el).shadowRoot!.querySelector('lit-virtualizer')!;
  return [...virtualizer.children].filter(
    (c): c is HTMLElement => c instanceof HTMLElement && !!c.dataset['key'],
  );
}

export function messages(el: PoolseConversation): PoolseMessage[] {
  return rows(el).filter((r): r is PoolseMessage => r.localName === 'poolse-message');
}

export function messageByBody(el: PoolseConversation, body: string): PoolseMessage {
  const found = messages(el).find((m) => m.message?.body === body);
  if (!found)
    throw new Error(
      `no rendered message "${body}" among ${JSON.stringify(rows(el).map((r) => (r as PoolseMessage).message?.body ?? r.getAttribute('part')))}`,
    );
  return found;
}

export function scroller(el: PoolseConversation): HTMLElement {
  return timelineOf(el).shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!;
}
