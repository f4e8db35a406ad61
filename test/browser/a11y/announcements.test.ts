/**
 * What a screen reader hears without moving: new messages from others,
 * someone typing, the reader's own sends landing or failing, and upload
 * milestones, all polite, none repeated, and not one per message when
 * many arrive together.
 */
import { expect } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { PoolseTimeline } from '../../../components/timeline/timeline.js';
import { uploadMilestones } from '../../../components/composer/upload-milestones.js';
import type { UploadItem } from '../../../src/state/upload-queue.js';
import { translate } from '../../../components/shared/localize/registry.js';
import '../../../components/composer/composer.strings.js';
import { FakeApiError } from '../../support/fake-chat-client.js';
import { openConversation, partOf, settle, timelineOf, until } from '../conversation/support.js';
import { afterEach, beforeEach, describe, it } from '../conversation/mocha.js';

/** The live region of the timeline: polite, inside the log. */
function announcer(timeline: PoolseTimeline): HTMLElement {
  const region = timeline.shadowRoot!.querySelector<HTMLElement>('[part~="announcer"]')!;
  expect(region.closest('[aria-live]')?.getAttribute('aria-live')).to.equal('polite');
  return region;
}

describe('announcements', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('reads a new message from someone else once, and only the last of a burst', async () => {
    const { el, client, conversation } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { from: 'alice', body: 'earlier' });
    });
    const region = announcer(timelineOf(el));
    expect(region.textContent?.trim()).to.equal('');
    client.postMessage(conversation.id, { from: 'alice', body: 'are you there?' });
    await until(() => region.textContent?.includes('are you there?') === true, 'the announcement');
    expect(region.textContent?.trim()).to.equal('New message from alice: are you there?');
    for (const body of ['one', 'two', 'three'])
      client.postMessage(conversation.id, { from: 'alice', body });
    await until(() => region.textContent?.includes('three') === true, 'the burst');
    // One sentence for the burst: the region holds the latest, not a queue of three.
    expect(region.textContent?.trim()).to.equal('New message from alice: three');
  });

  it('says when someone is typing, in a polite status', async () => {
    const { el, client, conversation, store } = await openConversation();
    const typing = partOf(el, 'typing')!;
    expect(typing.getAttribute('role')).to.equal('status');
    const alice = client.provision('alice');
    client.emit(conversation.id, 'typing:start', { user_id: alice.id });
    await until(() => (store.getState().typing[conversation.id] ?? []).length > 0, 'typing state');
    await el.updateComplete;
    expect(typing.textContent?.trim()).to.equal('alice is typing…');
  });

  it('says "Sent" when an own message lands and "Not sent." when one fails', async () => {
    const { el, store, conversation, client } = await openConversation();
    const timeline = timelineOf(el);
    const region = announcer(timeline);
    store.send(conversation.id, { body: 'hello' });
    await until(() => region.textContent?.trim() === 'Sent', 'the sent announcement');
    client.failNext('messages.send', new FakeApiError(422, 'validation_failed'));
    store.send(conversation.id, { body: 'this one fails' });
    await until(() => region.textContent?.trim() === 'Not sent.', 'the failed announcement');
    await settle(el);
  });

  it('announces upload milestones, never the progress in between', () => {
    const file = {
      name: 'plan.pdf',
      size: 100,
      type: 'application/pdf',
    } as unknown as UploadItem['file'];
    const item = (status: UploadItem['status'], loaded: number): UploadItem => ({
      key: 'k1',
      file,
      name: 'plan.pdf',
      size: 100,
      contentType: 'application/pdf',
      status,
      loaded,
      total: 100,
      attachment: null,
      error: null,
    });
    const t = (key: Parameters<typeof translate>[0], params?: Parameters<typeof translate>[1]) =>
      translate(key, params);
    expect(uploadMilestones([], [item('uploading', 0)], t)).to.equal('Uploading plan.pdf');
    expect(uploadMilestones([item('uploading', 0)], [item('uploading', 60)], t)).to.equal('');
    expect(uploadMilestones([item('uploading', 60)], [item('done', 100)], t)).to.equal(
      'plan.pdf uploaded',
    );
    expect(uploadMilestones([item('uploading', 60)], [item('failed', 60)], t)).to.equal(
      'Could not upload plan.pdf',
    );
    expect(uploadMilestones([item('uploading', 60)], [], t)).to.equal('');
  });
});
