/** One typing throttle, in the store: a sent message lets the next key stroke ping at once. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openedConversation, settle } from './harness.js';

describe('typing pings around a send', () => {
  it('pings again on the first key stroke after a send, inside the throttle interval', async () => {
    let now = 1000;
    const { store, client, conversationId } = await openedConversation(0, {
      store: { now: () => now, typingThrottleMs: 2000 },
    });
    store.sendTyping(conversationId);
    assert.equal(client.typingPings(conversationId), 1);
    now += 300;
    store.send(conversationId, { body: 'hi' });
    // The server stopped "typing…" with the message; the user types the next one at once.
    now += 300;
    store.sendTyping(conversationId);
    assert.equal(client.typingPings(conversationId), 2, 'the ping after a send goes through');
    now += 300;
    store.sendTyping(conversationId);
    assert.equal(client.typingPings(conversationId), 2, 'and the throttle holds again after it');
    await settle();
    store.destroy();
  });

  it('sends through the composer path (prepareSend + sendPrepared) reset the throttle too', async () => {
    let now = 1000;
    const { store, client, conversationId } = await openedConversation(0, {
      store: { now: () => now, typingThrottleMs: 2000 },
    });
    store.updateDraft(conversationId, { body: 'hello' });
    store.sendTyping(conversationId);
    const target = { conversationId };
    store.sendPrepared(target, store.prepareSend(target)!);
    now += 100;
    store.sendTyping(conversationId);
    assert.equal(client.typingPings(conversationId), 2);
    await settle();
    store.destroy();
  });
});
