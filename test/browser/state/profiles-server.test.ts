/**
 * Without a `userResolver`, names come from the server's user records: the
 * inbox, against the real local server in Chromium, shows "Bob Builder", not
 * the external id.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { Poolse } from '../../../src/sdk/index.js';
import '../../../components/provider/provider.js';
import '../../../components/inbox/inbox.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';
import { afterEach, describe, it, until } from './mocha.js';

const clients: Poolse[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

/** Creates (or renames) a user the way the app's backend would, with its API key. */
async function upsertUser(externalId: string, displayName: string): Promise<void> {
  const { apiUrl, apiKey } = testServer();
  const res = await fetch(`${apiUrl}/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ external_id: externalId, display_name: displayName }),
  });
  if (!res.ok) throw new Error(`upsert ${externalId}: ${res.status}`);
}

describe('names without a user resolver', () => {
  it("the inbox shows the server's display names of the other members", async () => {
    const alice = uniqueId('alice');
    const bob = uniqueId('bob');
    await upsertUser(alice, 'Alice Anders');
    await upsertUser(bob, 'Bob Builder');
    const client = new Poolse({ apiUrl: testServer().apiUrl, getToken: () => mintToken(alice) });
    clients.push(client);
    await client.conversations.create({ type: 'direct', member_external_ids: [bob] });

    const provider = await fixture<PoolseProvider>(
      html`<poolse-provider .client=${client}><poolse-inbox></poolse-inbox></poolse-provider>`,
    );
    const inbox = provider.querySelector('poolse-inbox')!;
    const name = () => inbox.shadowRoot?.querySelector('[part~="name"]')?.textContent?.trim();
    await until(() => name() === 'Bob Builder', 'the row names Bob by his display name');
    expect(provider.store!.getState().profiles[bob]).to.deep.include({
      displayName: 'Bob Builder',
      resolved: true,
    });
  });

  it("the app's resolver still wins, and people outside the user's conversations stay ids", async () => {
    const alice = uniqueId('alice');
    const bob = uniqueId('bob');
    const stranger = uniqueId('stranger');
    await upsertUser(bob, 'Bob Builder');
    await upsertUser(stranger, 'Secret Name');
    const client = new Poolse({
      apiUrl: testServer().apiUrl,
      getToken: () => mintToken(alice),
      userResolver: (id) => (id === bob ? { displayName: 'Bobby (from the app)' } : null),
    });
    clients.push(client);
    await client.conversations.create({ type: 'direct', member_external_ids: [bob] });
    const provider = await fixture<PoolseProvider>(
      html`<poolse-provider .client=${client}></poolse-provider>`,
    );
    await until(() => provider.store?.getState().started === true, 'store started');
    const store = provider.store!;
    store.ensureProfiles([bob, stranger]);
    await until(
      () => !!store.getState().profiles[bob] && !!store.getState().profiles[stranger],
      'both asked',
    );
    expect(store.getState().profiles[bob]!.displayName).to.equal('Bobby (from the app)');
    expect(store.getState().profiles[stranger]!.displayName).to.equal(stranger);
  });
});
