import { expect, waitUntil } from '@open-wc/testing';
import { describe, it, press, setupComposer, typeInto } from './composer-fixture.js';

describe('<poolse-composer> typing pings', () => {
  it('pings once while typing, and again at once for the next message after a send', async () => {
    const { el, fake, conversation } = await setupComposer();
    await typeInto(el, 'h');
    await typeInto(el, 'i');
    expect(fake.typingPings(conversation.id), 'throttled while typing').to.equal(1);
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    await el.updateComplete;
    await typeInto(el, 'n');
    expect(fake.typingPings(conversation.id), 'the first key stroke after a send pings').to.equal(2);
  });
});
