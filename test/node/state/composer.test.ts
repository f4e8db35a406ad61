/** The composer's rules and its uploads, headless in the store. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Attachment } from '../../../src/sdk/types.js';
import type { Uploader, UploadInput, UploadOptions } from '../../../src/state/index.js';
import { FakeApiError } from '../../support/fake-chat-client.js';
import { openedConversation, settle } from './harness.js';

/** An uploader the test finishes by hand. */
function manualUploader() {
  const calls: Array<{
    input: UploadInput;
    options: UploadOptions;
    resolve: (a: Attachment) => void;
    reject: (e: unknown) => void;
  }> = [];
  let count = 0;
  const upload: Uploader = (input, options) =>
    new Promise<Attachment>((resolve, reject) => {
      options.signal?.addEventListener('abort', () =>
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
      );
      calls.push({ input, options, resolve, reject });
    });
  const succeed = (i: number): Attachment => {
    count += 1;
    const at = new Date().toISOString();
    const attachment = {
      id: `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`,
      tenant_id: 't',
      message_id: null,
      sender_id: null,
      content_type: calls[i].input.contentType,
      byte_size: calls[i].input.byteSize,
      sha256: null,
      original_filename: calls[i].input.filename ?? null,
      status: 'pending',
      inserted_at: at,
      updated_at: at,
    } as Attachment;
    calls[i].resolve(attachment);
    return attachment;
  };
  return { upload, calls, succeed };
}

const file = (name: string, size = 4) =>
  new File([new Uint8Array(size)], name, { type: 'text/plain' });

describe('the composer, headless', () => {
  it('quotes, replies and edits as store actions; cancelling an edit brings the draft back', async () => {
    const { store, client, conversationId } = await openedConversation(2);
    const [first, second] = client.mainFeed(conversationId);
    const mine = client.postMessage(conversationId, { body: 'my words' });
    await settle();
    store.updateDraft(conversationId, { body: 'half written' });
    store.quoteInDraft(conversationId, first.id);
    assert.deepEqual(store.getState().drafts[conversationId], {
      body: 'half written',
      quotedMessageId: first.id,
      editingMessageId: null,
    });
    store.replyInDraft(conversationId, second.id);
    assert.equal(store.getState().drafts[conversationId].replyToId, second.id);

    assert.equal(store.startEdit(conversationId, mine.id), true);
    const editing = store.getState().drafts[conversationId];
    assert.equal(editing.body, 'my words');
    assert.equal(editing.editingMessageId, mine.id);
    assert.equal(editing.quotedMessageId, undefined, 'an edit has no quote');
    store.cancelEdit(conversationId);
    const back = store.getState().drafts[conversationId];
    assert.equal(back.body, 'half written');
    assert.equal(back.quotedMessageId, first.id);
    assert.equal(back.editingMessageId, null);

    assert.equal(store.startEdit(conversationId, 'no-such-message'), false);
    store.destroy();
  });

  it('clears an emptied draft, and saves an edit (skipping an unchanged text)', async () => {
    const { store, client, conversationId } = await openedConversation(0);
    store.updateDraft(conversationId, { body: 'x' });
    store.updateDraft(conversationId, { body: '' });
    assert.equal(conversationId in store.getState().drafts, false);

    const mine = client.postMessage(conversationId, { body: 'before' });
    await settle();
    store.startEdit(conversationId, mine.id);
    await store.saveEdit(conversationId);
    assert.equal(client.callsTo('message.update').length, 0, 'unchanged text is not sent');
    store.startEdit(conversationId, mine.id);
    store.updateDraft(conversationId, { body: '  after  ' });
    await store.saveEdit(conversationId);
    assert.deepEqual(client.callsTo('message.update')[0].args[0], { body: 'after' });
    assert.equal(conversationId in store.getState().drafts, false, 'the box is empty again');

    client.failNext('message.update', new FakeApiError(403, 'forbidden'));
    store.startEdit(conversationId, mine.id);
    store.updateDraft(conversationId, { body: 'refused' });
    await assert.rejects(store.saveEdit(conversationId));
    const tl = store.getState().timelines[conversationId];
    assert.equal(tl.byId[mine.id].body, 'after', 'rolled back');
    store.destroy();
  });

  it('builds the send: trimmed text, thread, quote, and only mentions whose name is still there', async () => {
    const { store, client, conversationId } = await openedConversation(1, {
      client: { userResolver: (id) => ({ displayName: id === 'bob' ? 'Bob B' : id }) },
    });
    const [root] = client.mainFeed(conversationId);
    await settle();
    const bobId = Object.values(store.getState().members[conversationId]).find(
      (m) => m.external_id === 'bob',
    )!.user_id;
    store.resolveUser('bob');
    await settle();
    const target = { conversationId, threadRootId: root.id };
    assert.equal(store.prepareSend(target), null, 'an empty draft sends nothing');
    store.updateDraft(root.id, { body: '  hi @Bob B  ', mentions: [bobId] });
    assert.deepEqual(store.prepareSend(target), {
      body: 'hi @Bob B',
      attachmentIds: [],
      quotedMessageId: null,
      replyToId: root.id,
      mentions: [bobId],
    });
    store.updateDraft(root.id, { body: 'hi there' });
    assert.deepEqual(store.prepareSend(target)?.mentions, [], 'the name was deleted');
    const id = store.sendPrepared(target, store.prepareSend(target)!);
    assert.equal(store.getState().outbox[id].threadRootId, root.id);
    assert.equal(root.id in store.getState().drafts, false);
    store.destroy();
  });

  it('uploads through the store: progress, the draft mirrors finished ids, cancel, errors and retry', async () => {
    const { store, conversationId } = await openedConversation(0);
    const uploads = manualUploader();
    const { added, overLimit } = store.addUploads(
      conversationId,
      [file('a.txt'), file('b.txt')],
      { uploader: uploads.upload },
    );
    assert.equal(added.length, 2);
    assert.equal(overLimit.length, 0);
    const before = store.getState().uploads[conversationId];
    uploads.calls[0].options.onProgress?.({ loaded: 2, total: 4 });
    const after = store.getState().uploads[conversationId];
    assert.notEqual(after, before, 'replaced, never mutated');
    assert.equal(after[0].loaded, 2);
    assert.equal(before[0].loaded, 0);
    assert.equal(store.uploadSummary(conversationId).busy, true);

    const a = uploads.succeed(0);
    await settle();
    assert.deepEqual(store.getState().drafts[conversationId]?.attachmentIds, [a.id]);
    uploads.calls[1].reject(new FakeApiError(413, 'attachment_too_large', 'Too big'));
    await settle();
    const failed = store.getState().uploads[conversationId][1];
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'attachment_too_large', message: 'Too big' });
    assert.equal(store.uploadSummary(conversationId).hasFailures, true);

    store.retryUpload(conversationId, failed.key);
    assert.equal(uploads.calls.length, 3, 'retried');
    const signal = uploads.calls[2].options.signal!;
    store.cancelUpload(conversationId, failed.key);
    assert.equal(signal.aborted, true);
    assert.equal(store.getState().uploads[conversationId].length, 1);

    store.updateDraft(conversationId, { body: 'with a file' });
    const target = { conversationId };
    const draft = store.prepareSend(target)!;
    assert.deepEqual(draft.attachmentIds, [a.id]);
    store.sendPrepared(target, draft);
    assert.equal(conversationId in store.getState().uploads, false, 'the files went with the send');
    store.destroy();
  });

  it("uploads with the store's own client by default, and says so when it cannot", async () => {
    const { store, client, conversationId } = await openedConversation(0);
    store.addUploads(conversationId, [file('x.txt')]);
    await settle();
    const item = store.getState().uploads[conversationId][0];
    assert.equal(item.status, 'failed');
    assert.match(item.error!.message, /No uploader/);
    const uploads = manualUploader();
    Object.assign(client, { attachments: { upload: uploads.upload } });
    store.retryUpload(conversationId, item.key);
    assert.equal(uploads.calls.length, 1, "the client's attachments.upload was used");
    store.destroy();
  });
});

describe('profiles', () => {
  it('ensureProfiles asks for each person once, however many elements show them', async () => {
    const { store, client } = await openedConversation(0, {
      client: { userResolver: (id) => ({ displayName: id.toUpperCase() }) },
    });
    store.ensureProfiles(['bob', 'carol', null, undefined, 'bob']);
    store.ensureProfiles(['bob', 'carol']);
    await settle();
    assert.equal(client.callsTo('users.get').length, 2);
    assert.equal(store.getState().profiles.bob.displayName, 'BOB');
    store.destroy();
  });
});
