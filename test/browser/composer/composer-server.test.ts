/**
 * The composer against the real local server: a real SDK client uploads with
 * progress, the message carries the attachment, and an over-limit file is
 * refused by the server with its own message on the chip.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Poolse } from '../../../src/sdk/index.js';
import '../../../components/provider/provider.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseComposer } from '../../../components/composer/composer.js';
import '../../../components/composer/composer.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';
import { afterEach, describe, it, part, parts, press, typeInto } from './composer-fixture.js';

const clients: Poolse[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function clientFor(externalId: string): Poolse {
  const client = new Poolse({ apiUrl: testServer().apiUrl, getToken: () => mintToken(externalId) });
  clients.push(client);
  return client;
}

describe('<poolse-composer> with the local server', () => {
  it('uploads with progress, sends the attachment, and shows a refusal from the server', async () => {
    const alice = clientFor(uniqueId('alice'));
    const bob = uniqueId('bob');
    const conversation = await alice.conversations.create({
      type: 'group',
      name: 'Files',
      member_external_ids: [bob],
    });

    const provider =
      await fixture<PoolseProvider>(html`<poolse-provider .client=${alice} active-conversation-id=${conversation.id}>
      <poolse-composer></poolse-composer>
    </poolse-provider>`);
    const el = provider.querySelector('poolse-composer') as PoolseComposer;
    await waitUntil(() => provider.store?.getState().started, 'store started', { timeout: 10000 });

    const progress: number[] = [];
    el.addEventListener('poolse-upload-progress', (event) =>
      progress.push(event.detail.loaded / event.detail.total),
    );
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    el.addFiles([new File([bytes], 'data.bin', { type: 'application/octet-stream' })]);
    await waitUntil(
      () => part(el, 'attachment')?.getAttribute('data-status') === 'done',
      'uploaded',
      { timeout: 10000 },
    );
    expect(progress.at(-1)).to.equal(1);
    expect(part(el, 'progress')!.getAttribute('aria-valuenow')).to.equal('100');

    await typeInto(el, 'the data');
    press(el, 'Enter');
    await waitUntil(
      async () =>
        (await alice.conversations.one(conversation.id).messages.list()).data.length === 1,
      'message on the server',
      { timeout: 10000 },
    );
    const [message] = (await alice.conversations.one(conversation.id).messages.list()).data;
    expect(message.body).to.equal('the data');
    expect(
      message.attachments.map((a) => [a.original_filename, a.byte_size, a.status]),
    ).to.deep.equal([['data.bin', 300_000, 'ready']]);

    // Over the server's 25 MiB limit: refused with the server's message, nothing sent.
    const errors: string[] = [];
    el.addEventListener('poolse-upload-error', (event) => errors.push(event.detail.code));
    el.addFiles([
      new File([new Uint8Array(26 * 1024 * 1024)], 'huge.bin', {
        type: 'application/octet-stream',
      }),
    ]);
    await waitUntil(() => part(el, 'attachment-error'), 'refused', { timeout: 15000 });
    expect(errors).to.deep.equal(['attachment_too_large']);
    expect(part(el, 'attachment-error')!.textContent).to.match(/limit/i);
    expect(parts(el, 'attachment')).to.have.length(1);
    const after = (await alice.conversations.one(conversation.id).messages.list()).data;
    expect(after).to.have.length(1);
  });
});
