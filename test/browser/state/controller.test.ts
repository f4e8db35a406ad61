import { ContextProvider } from '@lit/context';
import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { storeContext } from '../../../src/context/contexts.js';
import { StoreController } from '../../../src/context/store-controller.js';
import { createChatStore } from '../../../src/state/store.js';
import type { ChatStore } from '../../../src/state/types.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { afterEach, describe, it } from './mocha.js';

/** Renders the number of conversations in the inbox and counts its renders. */
class InboxCountHost extends LitElement {
  renders = 0;
  store: ChatStore | undefined;
  readonly count = new StoreController(this, (s) => s.inbox.ids, { store: undefined });

  override render() {
    this.renders += 1;
    return html`<span>${this.count.value.length}</span>`;
  }
}
customElements.define('test-inbox-count-host', InboxCountHost);

/** Same, but takes its store directly. */
class DirectHost extends LitElement {
  renders = 0;
  controller!: StoreController<readonly string[]>;
  override render() {
    this.renders += 1;
    return html`<span>${this.controller.value.length}</span>`;
  }
}
customElements.define('test-direct-host', DirectHost);

/** Provides a store (set later) to its children, like the provider does. */
class StoreSource extends HTMLElement {
  readonly provider = new ContextProvider(this, { context: storeContext });
}
customElements.define('test-store-source', StoreSource);

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

const stores: ChatStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.destroy();
});

async function startedStore(): Promise<{ client: FakeChatClient; store: ChatStore }> {
  const client = new FakeChatClient();
  client.addConversation({ members: ['bob'] });
  const store = createChatStore(client);
  stores.push(store);
  await store.start();
  return { client, store };
}

describe('StoreController', () => {
  it('re-renders its host when the slice changes, and not on an unrelated change', async () => {
    const { client, store } = await startedStore();
    const host = document.createElement('test-direct-host') as DirectHost;
    host.controller = new StoreController(host, (s) => s.inbox.ids, { store });
    const el = await fixture<DirectHost>(fixtureHtml`<div></div>`);
    el.append(host);
    await host.updateComplete;
    expect(host.shadowRoot?.textContent).to.equal('1');
    const renders = host.renders;

    store.setDraft('some-conversation', { body: 'typing away' });
    store.selectConversation('some-conversation');
    await frame();
    expect(host.renders).to.equal(renders, 'no render for an unrelated change');

    client.emitUser(
      'conversation:created',
      client.conversation(client.addConversation({ members: ['carol'] }).id),
    );
    await host.updateComplete;
    await frame();
    expect(host.renders).to.equal(renders + 1);
    expect(host.shadowRoot?.textContent).to.equal('2');
  });

  it('gets its store from context, even when the store arrives after the host connected', async () => {
    const source = await fixture<StoreSource>(
      fixtureHtml`<test-store-source><test-inbox-count-host></test-inbox-count-host></test-store-source>`,
    );
    const host = source.querySelector('test-inbox-count-host') as InboxCountHost;
    await host.updateComplete;
    expect(host.count.store).to.equal(undefined);
    expect(host.shadowRoot?.textContent).to.equal('0');

    const { store } = await startedStore();
    source.provider.setValue(store);
    await host.updateComplete;
    expect(host.count.store).to.equal(store);
    expect(host.shadowRoot?.textContent).to.equal('1');
  });

  it('stops listening when the host is disconnected', async () => {
    const { client, store } = await startedStore();
    const host = document.createElement('test-direct-host') as DirectHost;
    host.controller = new StoreController(host, (s) => s.inbox.ids, { store });
    const el = await fixture<HTMLDivElement>(fixtureHtml`<div></div>`);
    el.append(host);
    await host.updateComplete;
    host.remove();
    const renders = host.renders;
    client.emitUser(
      'conversation:created',
      client.conversation(client.addConversation({ members: ['dan'] }).id),
    );
    await frame();
    expect(host.renders).to.equal(renders);
    el.append(host);
    await host.updateComplete;
    expect(host.shadowRoot?.textContent).to.equal('2', 'catches up when connected again');
  });
});
