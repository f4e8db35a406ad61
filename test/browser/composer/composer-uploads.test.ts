import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { MessageCreateRequest } from '../../../src/sdk/types.js';
import { FakeApiError } from '../../support/fake-chat-client.js';
import { describe, it, part, parts, press, setupComposer, typeInto } from './composer-fixture.js';

function file(name: string, type: string, size = 1000): File {
  return new File([new Uint8Array(size)], name, { type });
}

function progressOf(chip: Element): string | null {
  return chip.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? null;
}

describe('<poolse-composer> attachments', () => {
  it('shows a chip per file with name, size, thumbnail and a progress bar fed by onProgress', async () => {
    const { el, uploads } = await setupComposer();
    el.addFiles([
      file('beach.png', 'image/png', 2048),
      file('report.pdf', 'application/pdf', 5000),
    ]);
    await el.updateComplete;

    const chips = parts(el, 'attachment');
    expect(chips).to.have.length(2);
    expect(chips[0].querySelector('[part~="attachment-name"]')!.textContent).to.equal('beach.png');
    expect(chips[0].textContent).to.contain('2 kB');
    const thumb = chips[0].querySelector('img[part~="attachment-thumbnail"]') as HTMLImageElement;
    expect(thumb.src).to.match(/^blob:/);
    expect(chips[1].querySelector('img'), 'no image thumbnail for a PDF').to.equal(null);
    expect(chips[1].querySelector('[part~="attachment-thumbnail"]')!.textContent!.trim()).to.equal(
      'pdf',
    );

    const bar = chips[0].querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuemin')).to.equal('0');
    expect(bar.getAttribute('aria-valuemax')).to.equal('100');
    expect(bar.getAttribute('aria-valuenow')).to.equal('0');
    expect(bar.getAttribute('aria-label')).to.equal('Uploading beach.png');

    expect(uploads.calls).to.have.length(2);
    expect(uploads.calls[0].input).to.include({
      contentType: 'image/png',
      byteSize: 2048,
      filename: 'beach.png',
    });

    const progressEvent = oneEvent(el, 'poolse-upload-progress');
    uploads.calls[0].options.onProgress!({ loaded: 1024, total: 2048 });
    const { detail } = await progressEvent;
    expect(detail).to.include({ name: 'beach.png', loaded: 1024, total: 2048 });
    await el.updateComplete;
    expect(progressOf(parts(el, 'attachment')[0])).to.equal('50');

    uploads.succeed(0);
    await waitUntil(
      () => parts(el, 'attachment')[0].getAttribute('data-status') === 'done',
      'first upload done',
    );
    expect(progressOf(parts(el, 'attachment')[0])).to.equal('100');
  });

  it('revokes the thumbnail URL when the file leaves the composer', async () => {
    const { el, uploads } = await setupComposer();
    el.addFiles([file('a.png', 'image/png')]);
    await el.updateComplete;
    const src = (part(el, 'attachment-thumbnail') as HTMLImageElement).src;
    uploads.succeed(0);
    await waitUntil(() => part(el, 'attachment')?.getAttribute('data-status') === 'done', 'done');
    part<HTMLButtonElement>(el, 'attachment-cancel')!.click();
    await el.updateComplete;
    expect(parts(el, 'attachment')).to.have.length(0);
    const stillThere = await fetch(src).then(
      () => true,
      () => false,
    );
    expect(stillThere, 'the object URL no longer resolves').to.equal(false);
  });

  it('cancel aborts the upload and removes the chip', async () => {
    const { el, uploads } = await setupComposer();
    el.addFiles([file('big.mov', 'video/quicktime', 10_000)]);
    await el.updateComplete;
    const signal = uploads.calls[0].options.signal!;
    expect(signal.aborted).to.equal(false);

    const cancel = part<HTMLButtonElement>(el, 'attachment-cancel')!;
    expect(cancel.getAttribute('aria-label')).to.equal('Cancel upload of big.mov');
    cancel.click();
    await el.updateComplete;
    expect(signal.aborted).to.equal(true);
    expect(parts(el, 'attachment')).to.have.length(0);
    expect(part(el, 'notice')!.textContent, 'a cancel is not an error').to.equal('');
  });

  it("shows the server's refusal on the chip, fires poolse-upload-error, and retries", async () => {
    const { el, uploads, fake } = await setupComposer();
    el.addFiles([file('huge.zip', 'application/zip', 4000)]);
    await el.updateComplete;

    const errorEvent = oneEvent(el, 'poolse-upload-error');
    uploads.calls[0].reject(
      new FakeApiError(413, 'attachment_too_large', 'Attachments are limited to 25 MiB.'),
    );
    const { detail } = await errorEvent;
    expect(detail).to.include({
      name: 'huge.zip',
      code: 'attachment_too_large',
      message: 'Attachments are limited to 25 MiB.',
    });
    await el.updateComplete;

    const chip = part(el, 'attachment')!;
    expect(chip.getAttribute('data-status')).to.equal('failed');
    expect(part(el, 'attachment-error')!.textContent).to.equal(
      'Attachments are limited to 25 MiB.',
    );
    expect(chip.querySelector('[role="progressbar"]')).to.equal(null);

    // Nothing is sent while a file failed.
    await typeInto(el, 'here it is');
    press(el, 'Enter');
    await el.updateComplete;
    expect(fake.callsTo('messages.send')).to.have.length(0);

    part<HTMLButtonElement>(el, 'attachment-retry')!.click();
    await el.updateComplete;
    expect(uploads.calls).to.have.length(2);
    expect(part(el, 'attachment')!.getAttribute('data-status')).to.equal('uploading');
    uploads.succeed(1);
    await waitUntil(
      () => part(el, 'attachment')!.getAttribute('data-status') === 'done',
      'retried upload done',
    );
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent after retry');
  });

  it('sends attachment_ids with the message once uploads finish, by itself if Send was pressed meanwhile', async () => {
    const { el, uploads, fake } = await setupComposer();
    el.addFiles([file('one.png', 'image/png'), file('two.txt', 'text/plain')]);
    await typeInto(el, 'two files');
    const first = uploads.succeed(0);

    press(el, 'Enter');
    await el.updateComplete;
    const send = part<HTMLButtonElement>(el, 'send-button')!;
    expect(send.textContent).to.contain('Uploading…');
    expect(send.getAttribute('aria-busy')).to.equal('true');
    expect(fake.callsTo('messages.send')).to.have.length(0);

    const second = uploads.succeed(1);
    await waitUntil(
      () => fake.callsTo('messages.send').length === 1,
      'sent when the uploads finished',
    );
    const sent = fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest;
    expect(sent.attachment_ids).to.deep.equal([first.id, second.id]);
    expect(sent.body).to.equal('two files');
    await el.updateComplete;
    expect(parts(el, 'attachment')).to.have.length(0);
  });

  it("records each image's pixel size in the message so readers reserve its box", async () => {
    const { el, uploads, fake } = await setupComposer();
    const canvas = document.createElement('canvas');
    canvas.width = 30;
    canvas.height = 20;
    const png = await new Promise<Blob>((resolve) =>
      canvas.toBlob((b) => resolve(b!), 'image/png'),
    );
    el.addFiles([
      new File([png], 'tiny.png', { type: 'image/png' }),
      file('notes.txt', 'text/plain'),
    ]);
    const image = uploads.succeed(0);
    uploads.succeed(1);
    await waitUntil(
      () => parts(el, 'attachment').every((chip) => chip.getAttribute('data-status') === 'done'),
      'both uploaded',
    );
    // Decoding runs beside the upload; give it a moment before sending.
    await new Promise((resolve) => setTimeout(resolve, 100));
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    const sent = fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest;
    expect(sent.custom_data).to.deep.equal({
      attachment_dimensions: { [image.id]: { width: 30, height: 20 } },
    });
  });

  it('sends attachments without text', async () => {
    const { el, uploads, fake } = await setupComposer();
    el.addFiles([file('only.png', 'image/png')]);
    const done = uploads.succeed(0);
    await waitUntil(() => part(el, 'attachment')?.getAttribute('data-status') === 'done', 'done');
    expect(part<HTMLButtonElement>(el, 'send-button')!.disabled).to.equal(false);
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    const sent = fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest;
    expect(sent.attachment_ids).to.deep.equal([done.id]);
    expect(sent.body ?? null).to.equal(null);
  });

  it("keeps each conversation's files with it when switching conversations", async () => {
    const { el, uploads, fake, conversation } = await setupComposer();
    const other = fake.addConversation({ members: ['dave'] });
    el.addFiles([file('for-team.png', 'image/png')]);
    await el.updateComplete;
    el.conversationId = other.id;
    await el.updateComplete;
    expect(parts(el, 'attachment')).to.have.length(0);
    uploads.succeed(0);
    el.conversationId = conversation.id;
    await el.updateComplete;
    const chips = parts(el, 'attachment');
    expect(
      chips.map((c) => c.querySelector('[part~="attachment-name"]')!.textContent),
    ).to.deep.equal(['for-team.png']);
    await waitUntil(() => chips[0].getAttribute('data-status') === 'done', 'finished while away');
  });

  it('takes at most 10 files per message and says so', async () => {
    const { el, uploads } = await setupComposer();
    const errors: string[] = [];
    el.addEventListener('poolse-upload-error', (event) => errors.push(event.detail.code));
    el.addFiles(Array.from({ length: 12 }, (_, i) => file(`f${i}.txt`, 'text/plain')));
    await el.updateComplete;
    expect(parts(el, 'attachment')).to.have.length(10);
    expect(uploads.calls).to.have.length(10);
    expect(part(el, 'notice')!.textContent).to.contain('at most 10 files');
    expect(errors).to.deep.equal(['too_many_files', 'too_many_files']);
  });

  it('adds pasted images and dropped files', async () => {
    const { el, textarea } = await setupComposer();
    const paste = new DataTransfer();
    paste.items.add(file('screenshot.png', 'image/png'));
    const pasteEvent = new ClipboardEvent('paste', {
      clipboardData: paste,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    textarea.dispatchEvent(pasteEvent);
    await el.updateComplete;
    expect(pasteEvent.defaultPrevented).to.equal(true);
    expect(
      parts(el, 'attachment').map((c) => c.querySelector('[part~="attachment-name"]')!.textContent),
    ).to.deep.equal(['screenshot.png']);

    const drop = new DataTransfer();
    drop.items.add(file('notes.txt', 'text/plain'));
    el.dispatchEvent(
      new DragEvent('dragenter', {
        dataTransfer: drop,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await el.updateComplete;
    expect(el.hasAttribute('dragging')).to.equal(true);
    expect(part(el, 'drop-hint')!.textContent).to.equal('Drop files to attach');
    el.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: drop,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await el.updateComplete;
    expect(el.hasAttribute('dragging')).to.equal(false);
    expect(part(el, 'drop-hint')).to.equal(null);
    expect(parts(el, 'attachment')).to.have.length(2);
  });
});
