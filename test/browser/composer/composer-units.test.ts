import { expect } from '@open-wc/testing';
import {
  activeToken,
  nameMatches,
  replaceRange,
} from '../../../components/composer/text-tokens.js';
import { TypingThrottle } from '../../../src/state/typing-throttle.js';
import {
  UploadQueue,
  uploadErrorFrom,
  type UploadItem,
} from '../../../src/state/upload-queue.js';
import { rankShortcodes } from '../../../components/emoji-picker/shortcodes.js';
import { uploaderFrom } from '../../../src/state/uploader.js';
import { describe, it } from './composer-fixture.js';
import { ManualUploader } from './manual-uploader.js';

describe('composer text tokens', () => {
  it('finds the @mention or :shortcode being typed at the caret', () => {
    expect(activeToken('hi @ali', 7)).to.deep.equal({
      trigger: '@',
      start: 3,
      end: 7,
      query: 'ali',
    });
    expect(activeToken('@', 1)).to.deep.equal({ trigger: '@', start: 0, end: 1, query: '' });
    expect(activeToken('so :smi', 7)).to.deep.equal({
      trigger: ':',
      start: 3,
      end: 7,
      query: 'smi',
    });
    expect(activeToken('(@Zoë', 5)?.query).to.equal('Zoë');
  });

  it('ignores e-mail addresses, times, finished words and one-letter shortcodes', () => {
    expect(activeToken('mail bob@example.com', 20)).to.equal(null);
    expect(activeToken('at 10:30', 8)).to.equal(null);
    expect(activeToken('hi @ali and', 11)).to.equal(null);
    expect(activeToken('so :s', 5)).to.equal(null);
    expect(activeToken('hello', 5)).to.equal(null);
  });

  it('replaces a range and puts the caret after the insert', () => {
    expect(replaceRange('hi @al!', 3, 6, '@Alice ')).to.deep.equal({
      text: 'hi @Alice !',
      caret: 10,
    });
  });

  it('matches names by any word, without case or accents', () => {
    expect(nameMatches('Zoë Saldaña', 'sal')).to.equal(true);
    expect(nameMatches('Zoë Saldaña', 'zoe')).to.equal(true);
    expect(nameMatches('Zoë Saldaña', 'ana')).to.equal(false);
    expect(nameMatches('anyone', '')).to.equal(true);
  });
});

describe('typing throttle', () => {
  it('forwards at most one ping per interval, and again after a reset', () => {
    let now = 0;
    let pings = 0;
    const throttle = new TypingThrottle(
      () => (pings += 1),
      2000,
      () => now,
    );
    throttle.ping();
    now = 500;
    throttle.ping();
    now = 1999;
    throttle.ping();
    expect(pings).to.equal(1);
    now = 2000;
    throttle.ping();
    expect(pings).to.equal(2);
    throttle.reset();
    throttle.ping();
    expect(pings).to.equal(3);
  });
});

describe('shortcode ranking', () => {
  it('puts the shortest matching shortcode first', () => {
    const data = [
      { emoji: '😃', shortcodes: ['grinning_face_with_big_eyes', 'smiley'] },
      { emoji: '😄', shortcodes: ['grinning_face_with_closed_eyes', 'smile'] },
      { emoji: '😸', shortcodes: ['smile_cat'] },
      { emoji: '🐱', shortcodes: ['cat'] },
    ];
    expect(rankShortcodes(data, 'smi', 2)).to.deep.equal([
      { emoji: '😄', shortcode: 'smile' },
      { emoji: '😃', shortcode: 'smiley' },
    ]);
    expect(rankShortcodes(data, 'zzz', 5)).to.deep.equal([]);
  });
});

describe('upload queue', () => {
  const file = (name: string, size = 10) =>
    new File([new Uint8Array(size)], name, { type: 'text/plain' });

  it('replaces items on every change and reports the finished ids in order', async () => {
    const uploads = new ManualUploader();
    const snapshots: Array<readonly UploadItem[]> = [];
    const queue = new UploadQueue({
      upload: uploads.upload,
      onChange: (items) => snapshots.push(items),
    });
    queue.add([file('a'), file('b')]);
    expect(queue.busy).to.equal(true);
    const before = queue.items[0];
    uploads.calls[0].options.onProgress!({ loaded: 5, total: 10 });
    expect(queue.items[0]).to.not.equal(before, 'a new object, never mutated');
    expect(before.loaded).to.equal(0);
    expect(queue.items[0].loaded).to.equal(5);
    const b = uploads.succeed(1);
    const a = uploads.succeed(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(queue.busy).to.equal(false);
    expect(queue.attachmentIds).to.deep.equal([a.id, b.id]);
    expect(queue.progress).to.equal(1);
    expect(snapshots.length).to.be.greaterThan(3);
  });

  it('keeps the server error code and message, and a fallback for odd errors', () => {
    expect(
      uploadErrorFrom(Object.assign(new Error('Too big'), { code: 'attachment_too_large' })),
    ).to.deep.equal({
      code: 'attachment_too_large',
      message: 'Too big',
    });
    expect(uploadErrorFrom(null)).to.deep.equal({
      code: 'upload_failed',
      message: 'Upload failed',
    });
  });

  it('finds the upload method of an SDK-shaped client only', () => {
    expect(uploaderFrom(null)).to.equal(null);
    expect(uploaderFrom({ attachments: {} })).to.equal(null);
    const uploads = new ManualUploader();
    const upload = uploaderFrom({ attachments: { upload: uploads.upload } });
    expect(upload).to.be.a('function');
    void upload!({ body: new Blob(['x']), contentType: 'text/plain', byteSize: 1 }, {});
    expect(uploads.calls).to.have.length(1);
  });
});
