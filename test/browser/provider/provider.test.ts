import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import '../../../components/provider/provider.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import { StoreController } from '../../../src/context/store-controller.js';
import { Poolse } from '../../../src/sdk/index.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';
import { afterEach, describe, it, until } from '../state/mocha.js';

/** A child element that renders the signed-in user's external id from the provided store. */
class MeProbe extends LitElement {
  readonly me = new StoreController(this, (s) => s.me);
  override render() {
    return litHtml`<span>${this.me.value?.external_id ?? 'nobody'}</span>`;
  }
}
customElements.define('test-me-probe', MeProbe);

const external: Poolse[] = [];
afterEach(() => {
  for (const client of external.splice(0)) client.destroy();
});

describe('<poolse-provider>', () => {
  it('provides the store to a child element, which renders the signed-in user', async () => {
    const externalId = uniqueId('provider-user');
    const provider = await fixture<PoolseProvider>(html`
      <poolse-provider
        api-url=${testServer().apiUrl}
        theme="dark"
        .getToken=${() => mintToken(externalId)}
      >
        <test-me-probe></test-me-probe>
      </poolse-provider>
    `);
    const probe = provider.querySelector('test-me-probe') as MeProbe;
    expect(provider.store).to.not.equal(null);
    expect(probe.me.store).to.equal(provider.store);
    await until(() => probe.shadowRoot?.textContent === externalId, 'the child shows the user');
    expect(provider.getAttribute('theme')).to.equal('dark');
    await until(() => provider.store?.getState().status === 'connected', 'the socket connects');

    provider.activeConversationId = 'c-1';
    await provider.updateComplete;
    expect(provider.store?.getState().activeConversationId).to.equal('c-1');
    provider.store?.selectConversation('c-2');
    expect(provider.activeConversationId).to.equal('c-2', 'follows the store selection');
  });

  it('closes the socket when removed from the page', async () => {
    const externalId = uniqueId('provider-user');
    const provider = await fixture<PoolseProvider>(html`
      <poolse-provider api-url=${testServer().apiUrl} .getToken=${() => mintToken(externalId)}>
        <test-me-probe></test-me-probe>
      </poolse-provider>
    `);
    await until(() => provider.store?.getState().status === 'connected', 'the socket connects');
    const client = provider.chatClient;
    expect(client).to.be.instanceOf(Poolse);
    const probe = provider.querySelector('test-me-probe') as MeProbe;
    provider.remove();
    await until(() => client?.realtime.getStatus() === 'closed', 'the socket is closed');
    expect(provider.store).to.equal(null);
    expect(probe.isConnected).to.equal(false);
  });

  it('keeps a socket of a client it was given, and just stops using it', async () => {
    const externalId = uniqueId('provider-user');
    const client = new Poolse({
      apiUrl: testServer().apiUrl,
      getToken: () => mintToken(externalId),
    });
    external.push(client);
    const provider = await fixture<PoolseProvider>(
      html`<poolse-provider .client=${client}><test-me-probe></test-me-probe></poolse-provider>`,
    );
    expect(provider.chatClient).to.equal(client);
    await until(() => client.realtime.getStatus() === 'connected', 'the socket connects');
    provider.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(provider.store).to.equal(null);
    expect(client.realtime.getStatus()).to.equal('connected');
  });

  it('asks token-url for the token', async () => {
    const externalId = uniqueId('provider-user');
    const token = await mintToken(externalId);
    const url = '/test-only/chat-token';
    // Stands in for the app's backend endpoint: answers POST with { token }.
    const original = window.fetch;
    const asked: string[] = [];
    window.fetch = (input, init) => {
      const target =
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (target === url) {
        asked.push(init?.method ?? 'GET');
        return Promise.resolve(
          new Response(JSON.stringify({ token }), {
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
      return original(input, init);
    };
    try {
      const provider = await fixture<PoolseProvider>(html`
        <poolse-provider api-url=${testServer().apiUrl} token-url=${url}
          ><test-me-probe></test-me-probe
        ></poolse-provider>
      `);
      const probe = provider.querySelector('test-me-probe') as MeProbe;
      await until(
        () => probe.shadowRoot?.textContent === externalId,
        'signed in with the token from token-url',
      );
      expect(asked[0]).to.equal('POST');
      provider.remove();
    } finally {
      window.fetch = original;
    }
  });
});
