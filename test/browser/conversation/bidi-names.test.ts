/**
 * Names with bidi overrides, as an attacker would set them, checked by the
 * order the characters appear on screen in Chromium: a file named
 * `invoice<RLO>fdp.exe` must not read "invoiceexe.pdf", and a sender name
 * ending in an override must not reorder the time shown after it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../components/message/message.js';
import type { PoolseMessage } from '../../../components/message/message.js';
import type { Profile } from '../../../src/state/types.js';
import { describe, it } from './mocha.js';
import { makeAttachment, makeMessage, partOf } from './support.js';

/** The element's text as it reads on screen, left to right (one line). */
function onScreen(element: Element): string {
  const glyphs: { x: number; text: string }[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i += 1) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (rect.width > 0) glyphs.push({ x: rect.left + rect.width / 2, text: text[i] as string });
    }
  }
  return glyphs
    .sort((a, b) => a.x - b.x)
    .map((g) => g.text)
    .join('');
}

const mallory: Profile = {
  externalId: 'mallory',
  displayName: 'Mallory \u202E',
  avatarUrl: null,
  resolved: true,
};

async function render(props: Partial<PoolseMessage>): Promise<PoolseMessage> {
  const el = await fixture<PoolseMessage>(html`<poolse-message
    style="display:block;width:600px"
    .ownUserId=${'user-me'}
    .ownExternalId=${'me'}
  ></poolse-message>`);
  Object.assign(el, props);
  await el.updateComplete;
  return el;
}

describe('bidi overrides in names, on screen', () => {
  it('shows a file named invoice<RLO>fdp.exe in its real order', async () => {
    const el = await render({
      message: makeMessage({
        body: null,
        sender_external_id: 'mallory',
        attachments: [
          makeAttachment({
            original_filename: 'invoice\u202Efdp.exe',
            content_type: 'application/octet-stream',
          }),
        ],
      }),
      profile: mallory,
    });
    const name = partOf(el, 'file-name')!;
    expect(onScreen(name)).to.equal('invoicefdp.exe');
    expect(onScreen(name)).to.not.contain('exe.pdf');
  });

  it("keeps a sender name's override from reordering the time after it", async () => {
    const el = await render({
      message: makeMessage({ body: 'hello', sender_external_id: 'mallory' }),
      profile: mallory,
    });
    const sender = partOf(el, 'sender')!;
    const time = partOf(el, 'time')!;
    expect(onScreen(sender)).to.equal('Mallory');
    const timeText = (time.textContent ?? '').replace(/\s/g, '');
    expect(onScreen(time).replace(/\s/g, '')).to.equal(timeText);
    expect(time.getBoundingClientRect().left).to.be.greaterThan(
      sender.getBoundingClientRect().right - 1,
    );
    // Isolated: the name is its own bidi island.
    expect(getComputedStyle(sender).unicodeBidi).to.equal('isolate');
  });

  it('shows a quoted sender with an override in order, isolated from the quote', async () => {
    const quoted = {
      ...makeMessage({ id: 'q1', body: '12:00 meeting', sender_external_id: 'mallory' }),
      quoted_message: null,
    };
    const el = await render({
      message: makeMessage({ body: 'ok', quoted_message_id: 'q1', quoted_message: quoted }),
      profile: null,
      quotedProfile: { ...mallory, displayName: 'Bob\u202E (admin)' },
    });
    const sender = partOf(el, 'quote-sender')!;
    expect(onScreen(sender)).to.equal('Bob (admin)');
    expect(onScreen(partOf(el, 'quote-body')!)).to.equal('12:00 meeting');
  });
});
