import { expect } from '@open-wc/testing';
import type { Conversation } from '../../../src/sdk/types.js';
import { describe, it } from '../shared/mocha.js';
import { part, renderInbox, rowNamed, rows, settle, shadow } from './chat-fixture.js';

const HOSTILE = {
  img: '<img src=x onerror="window.__pwned = true">',
  js: 'javascript:window.__pwned=true',
  rtl: '\u202Egnp.exe\u202C check this',
  long: 'W'.repeat(10_000),
};

describe('<poolse-inbox> hostile content', () => {
  it('renders hostile previews and names as inert text, contained in their rows', async () => {
    const ids: Record<string, string> = {};
    const { inbox, fake } = await renderInbox({
      setup: (f) => {
        for (const [key, text] of Object.entries(HOSTILE)) {
          ids[key] = f.addConversation({ name: `room ${key}`, members: ['bob', 'carol'] }).id;
          f.addMessage(ids[key], { from: 'bob', body: text });
        }
        // A group name that is markup.
        f.addConversation({ name: HOSTILE.img, members: ['bob', 'carol'] });
      },
    });
    // The server cuts previews to ~80 characters; a broken server might not.
    const full: Conversation = {
      ...fake.conversation(ids.long!),
      last_message_preview: HOSTILE.long,
    };
    fake.emitUser('conversation:updated', { conversation: full, by_user_id: null });
    await settle(
      inbox,
      () => part(rowNamed(inbox, 'room long'), 'preview')?.textContent?.length === 10_000,
      'full preview',
    );

    const root = shadow(inbox);
    // Nothing a user wrote became an element or a link.
    expect(root.querySelectorAll('img')).to.have.length(0);
    expect(root.querySelectorAll('a')).to.have.length(0);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    expect(part(rowNamed(inbox, 'room img'), 'preview')?.textContent).to.equal(HOSTILE.img);
    expect(part(rowNamed(inbox, 'room js'), 'preview')?.textContent).to.equal(HOSTILE.js);
    expect(rows(inbox).some((r) => part(r, 'name')?.textContent === HOSTILE.img)).to.equal(true);

    // Every row stays inside the inbox, and every piece inside its row.
    const inboxBox = inbox.getBoundingClientRect();
    const list = part(root, 'list')!;
    expect(list.scrollWidth).to.be.at.most(list.clientWidth + 1);
    for (const row of rows(inbox)) {
      const box = row.getBoundingClientRect();
      expect(box.right, 'row within inbox').to.be.at.most(inboxBox.right + 0.5);
      for (const name of ['name', 'preview', 'time']) {
        const piece = part(row, name)!.getBoundingClientRect();
        expect(piece.right, `${name} within row`).to.be.at.most(box.right + 0.5);
        expect(piece.left, `${name} within row`).to.be.at.least(box.left - 0.5);
      }
    }
    // The long word is cut with an ellipsis on one line, not wrapped into a tower.
    const longPreview = part(rowNamed(inbox, 'room long'), 'preview')!;
    expect(longPreview.getBoundingClientRect().height).to.be.below(30);
    expect(getComputedStyle(longPreview).textOverflow).to.equal('ellipsis');

    // The RTL override is isolated: the time still sits at the end of the row.
    const rtlRow = rowNamed(inbox, 'room rtl');
    const rtlPreview = part(rtlRow, 'preview')!;
    expect(getComputedStyle(rtlPreview).unicodeBidi).to.equal('isolate');
    const time = part(rtlRow, 'time')!.getBoundingClientRect();
    const name = part(rtlRow, 'name')!.getBoundingClientRect();
    expect(time.left).to.be.greaterThan(name.left);
  });
});

describe('<poolse-inbox> inside a hostile page', () => {
  it('keeps its layout whatever the page styles', async () => {
    const setup = (f: import('../../support/fake-chat-client.js').FakeChatClient) => {
      const id = f.addConversation({ name: 'Layout', members: ['bob', 'carol'] }).id;
      for (let i = 0; i < 3; i += 1) f.addMessage(id, { from: 'bob', body: 'a calm preview' });
    };
    const clean = await renderInbox({ setup });
    const measure = (row: HTMLElement) => ({
      height: Math.round(row.getBoundingClientRect().height),
      name: getComputedStyle(part(row, 'name')!).textTransform,
      spacing: getComputedStyle(part(row, 'preview')!).letterSpacing,
      badge: getComputedStyle(part(row, 'badge')!).display,
    });
    const before = measure(rows(clean.inbox)[0]!);

    const style = document.createElement('style');
    style.textContent = `
      body { text-transform: uppercase; letter-spacing: 6px; word-spacing: 20px; line-height: 4;
             text-align: right; white-space: pre; font-style: italic; text-indent: 40px; }
      poolse-inbox *, span, button, time { display: none !important; padding: 50px !important; color: red !important; }
      * { box-sizing: content-box !important; }
    `;
    document.head.append(style);
    try {
      const hostile = await renderInbox({ setup });
      const after = measure(rows(hostile.inbox)[0]!);
      expect(after).to.deep.equal(before);
      expect(after.name).to.equal('none');
      expect(after.spacing).to.equal('normal');
    } finally {
      style.remove();
    }
  });
});
