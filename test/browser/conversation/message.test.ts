import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../components/message/message.js';
import type { PoolseMessage } from '../../../components/message/message.js';
import type { Message } from '../../../src/sdk/types.js';
import type { ChatStore, Profile } from '../../../src/state/types.js';
import { describe, it } from './mocha.js';
import { makeAttachment, makeMessage, partOf, until } from './support.js';

const alice: Profile = {
  externalId: 'alice',
  displayName: 'Alice Martin',
  avatarUrl: null,
  resolved: true,
};

async function render(
  message: Message,
  props: Partial<PoolseMessage> = {},
): Promise<PoolseMessage> {
  const el = await fixture<PoolseMessage>(html`<poolse-message
    style="display:block;width:480px"
    .message=${message}
    .profile=${alice}
    .ownUserId=${'user-me'}
    .ownExternalId=${'me'}
  ></poolse-message>`);
  Object.assign(el, props);
  await el.updateComplete;
  return el;
}

/** A store double that records the actions it is asked for. */
function recordingStore(extra: Record<string, unknown> = {}): {
  store: ChatStore;
  calls: Array<[string, unknown[]]>;
} {
  const calls: Array<[string, unknown[]]> = [];
  const record =
    (name: string, result: unknown = undefined) =>
    (...args: unknown[]) => {
      calls.push([name, args]);
      return result;
    };
  const setDraft = record('setDraft');
  const store = {
    getState: () => ({ drafts: {} }),
    setDraft,
    // The store's draft actions write the conversation's draft; the double records that write.
    quoteInDraft: (key: string, messageId: string) =>
      setDraft(key, { body: '', quotedMessageId: messageId, editingMessageId: null }),
    startEdit: (key: string, messageId: string) =>
      setDraft(key, { body: '', editingMessageId: messageId }),
    retry: record('retry'),
    delete: record('delete', Promise.resolve()),
    toggleReaction: record('toggleReaction', Promise.resolve()),
    ...extra,
  } as unknown as ChatStore;
  return { store, calls };
}

describe('<poolse-message> rendering', () => {
  it('shows the sender, the time and the text', async () => {
    const el = await render(makeMessage({ body: 'Hello there' }));
    expect(partOf(el, 'sender')?.textContent).to.equal('Alice Martin');
    expect(partOf(el, 'time')?.textContent?.trim()).to.not.equal('');
    expect(partOf(el, 'body')?.textContent).to.contain('Hello there');
    expect(el.shadowRoot!.querySelector('poolse-avatar')).to.exist;
  });

  it('links http(s) URLs safely and highlights mentions, marking the reader', async () => {
    const el = await render(
      makeMessage({ body: 'see https://example.com/a?b=1 and ask @bob or @me' }),
    );
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="link"]')!;
    expect(link.href).to.equal('https://example.com/a?b=1');
    expect(link.rel).to.equal('noopener noreferrer nofollow');
    expect(link.target).to.equal('_blank');
    const mentions = [...el.shadowRoot!.querySelectorAll('.mention')].map((m) => [
      m.textContent,
      m.getAttribute('part'),
    ]);
    expect(mentions).to.deep.equal([
      ['@bob', 'mention'],
      ['@me', 'mention mention-self'],
    ]);
  });

  it('marks edited messages', async () => {
    const el = await render(makeMessage({ edited_at: new Date().toISOString() }));
    expect(partOf(el, 'edited')?.textContent).to.equal('(edited)');
  });

  it('shows a tombstone for a deleted message, without actions or reactions', async () => {
    const el = await render(
      makeMessage({ body: null, deleted_at: new Date().toISOString(), reactions: { '👍': ['x'] } }),
    );
    expect(partOf(el, 'tombstone')?.textContent).to.equal('This message was deleted.');
    expect(partOf(el, 'body')).to.equal(null);
    expect(el.shadowRoot!.querySelector('poolse-reactions')).to.equal(null);
    expect(partOf(el, 'actions')).to.equal(null);
  });

  it('previews the quoted message', async () => {
    const quoted = makeMessage({ body: 'the original words', sender_external_id: 'bob' });
    const el = await render(
      makeMessage({ body: 'my answer', quoted_message: { ...quoted, quoted_message: null } }),
      {
        quotedProfile: { externalId: 'bob', displayName: 'Bob', avatarUrl: null, resolved: true },
      },
    );
    expect(partOf(el, 'quote-sender')?.textContent).to.equal('Bob');
    expect(partOf(el, 'quote-body')?.textContent).to.contain('the original words');
    expect(partOf(el, 'body')?.textContent).to.contain('my answer');
  });

  it('shows "N replies" and asks to open the thread', async () => {
    const message = makeMessage({ reply_count: 3 });
    const el = await render(message);
    const button = partOf(el, 'replies')!;
    expect(button.textContent).to.contain('3 replies');
    let opened: string | null = null;
    el.addEventListener('poolse-thread-open', (e) => (opened = e.detail.rootId));
    button.click();
    expect(opened).to.equal(message.id);
  });

  it('shows reactions with counts and presses the reader’s own', async () => {
    const el = await render(
      makeMessage({ reactions: { '👍': ['user-me', 'user-bob'], '🎉': ['user-bob'] } }),
    );
    const reactions = el.shadowRoot!.querySelector('poolse-reactions')!;
    await reactions.updateComplete;
    const chips = [
      ...reactions.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="reaction"]'),
    ];
    expect(
      chips.map((c) => [c.textContent?.replace(/\s+/g, ''), c.getAttribute('aria-pressed')]),
    ).to.deep.equal([
      ['👍2', 'true'],
      ['🎉1', 'false'],
    ]);
  });

  it('reserves the box of an image thumbnail before it loads', async () => {
    const image = makeAttachment({ content_type: 'image/png', original_filename: 'cat.png' });
    const el = await render(
      makeMessage({
        body: null,
        attachments: [image],
        custom_data: { attachment_dimensions: { [image.id]: { width: 1600, height: 800 } } },
      }),
    );
    const button = partOf(el, 'image-button')!;
    const rect = button.getBoundingClientRect();
    expect(Math.round(rect.width)).to.equal(320);
    expect(Math.round(rect.height)).to.equal(160);
    expect(button.getAttribute('aria-label')).to.equal('Open image cat.png');
  });

  it('keeps a fixed aspect box for an image without recorded dimensions', async () => {
    const el = await render(
      makeMessage({ body: null, attachments: [makeAttachment({ content_type: 'image/jpeg' })] }),
    );
    const rect = partOf(el, 'image-button')!.getBoundingClientRect();
    expect([Math.round(rect.width), Math.round(rect.height)]).to.deep.equal([320, 240]);
  });

  it('shows other files as a card with name, size and a download button', async () => {
    const el = await render(
      makeMessage({
        body: null,
        attachments: [makeAttachment({ original_filename: 'report.pdf', byte_size: 1536 })],
      }),
    );
    expect(partOf(el, 'file-name')?.textContent).to.equal('report.pdf');
    expect(partOf(el, 'file-size')?.textContent).to.match(/1\.5\s*kB/i);
    expect(partOf(el, 'download-button')?.getAttribute('aria-label')).to.equal(
      'Download report.pdf',
    );
  });

  it('downloads through the store’s attachment URL', async () => {
    const attachment = makeAttachment();
    const asked: string[] = [];
    const { store } = recordingStore({
      attachmentUrl: (id: string) => {
        asked.push(id);
        return Promise.resolve('https://files.example/report.pdf');
      },
    });
    const el = await render(makeMessage({ body: null, attachments: [attachment] }), { store });
    const clicks: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this.href);
    };
    try {
      partOf(el, 'download-button')!.click();
      await until(() => clicks.length > 0, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(asked).to.deep.equal([attachment.id]);
    expect(clicks).to.deep.equal(['https://files.example/report.pdf']);
  });

  it('shows a pending send subtly, without actions', async () => {
    // Written just now: a send that has waited a while reads as queued instead.
    const justNow = new Date().toISOString();
    const el = await render(
      makeMessage({
        sender_id: 'user-me',
        sender_external_id: 'me',
        sequence: 0,
        inserted_at: justNow,
      }),
      { status: 'pending' },
    );
    expect(el.hasAttribute('own')).to.equal(true);
    expect(partOf(el, 'status')?.textContent).to.contain('Sending…');
    expect(getComputedStyle(partOf(el, 'bubble')!).opacity).to.equal('0.62');
    expect(el.shadowRoot!.querySelector('poolse-reactions')).to.equal(null);
  });

  it('says a send that has waited a while is queued for the network', async () => {
    const longAgo = new Date(Date.now() - 60_000).toISOString();
    const el = await render(
      makeMessage({
        sender_id: 'user-me',
        sender_external_id: 'me',
        sequence: 0,
        inserted_at: longAgo,
      }),
      { status: 'pending' },
    );
    expect(partOf(el, 'status')?.textContent).to.contain('Queued');
    expect(partOf(el, 'status')?.textContent).not.to.contain('Sending…');
  });

  it('offers Retry on a failed send and calls the store', async () => {
    const { store, calls } = recordingStore();
    const message = makeMessage({ sender_id: 'user-me', sender_external_id: 'me', sequence: 0 });
    const el = await render(message, { status: 'failed', store });
    expect(partOf(el, 'status')?.textContent).to.contain('Not sent.');
    partOf(el, 'retry-button')!.click();
    expect(calls).to.deep.equal([['retry', [message.id]]]);
  });

  it('used alone, sends its actions to the provider’s store', async () => {
    const { store, calls } = recordingStore();
    const message = makeMessage({ sender_id: 'user-me', sequence: 0 });
    const root = await fixture(html`<test-chat-root .store=${store}
      ><poolse-message .message=${message} status="failed" .ownUserId=${'user-me'}></poolse-message
    ></test-chat-root>`);
    const el = root.firstElementChild as PoolseMessage;
    await el.updateComplete;
    partOf(el, 'retry-button')!.click();
    expect(calls).to.deep.equal([['retry', [message.id]]]);
  });

  it('shows who has seen the message', async () => {
    const el = await render(makeMessage({ sender_id: 'user-me' }), { seenBy: ['Alice', 'Bob'] });
    expect(partOf(el, 'receipt')?.textContent).to.equal('Seen by Alice, Bob');
    el.seenBy = ['A', 'B', 'C', 'D', 'E'];
    await el.updateComplete;
    expect(partOf(el, 'receipt')?.textContent).to.equal('Seen by A, B, C and 2 more');
  });

  it('opens an image in a lazily loaded lightbox: a modal dialog that Escape closes, returning focus', async () => {
    const image = makeAttachment({ content_type: 'image/png', original_filename: 'cat.png' });
    const pixel = URL.createObjectURL(
      new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
    );
    const { store } = recordingStore({ attachmentUrl: () => Promise.resolve(pixel) });
    const el = await render(makeMessage({ body: null, attachments: [image] }), { store });
    await until(() => !!el.shadowRoot!.querySelector('[part~="image"]'), 'the thumbnail');
    expect(el.shadowRoot!.querySelector<HTMLImageElement>('[part~="image"]')!.src).to.equal(pixel);
    const button = partOf(el, 'image-button')!;
    button.focus();
    button.click();
    await until(
      () =>
        !!el
          .shadowRoot!.querySelector('poolse-lightbox')
          ?.shadowRoot?.querySelector('dialog[open]'),
      'the lightbox',
    );
    const lightbox = el.shadowRoot!.querySelector('poolse-lightbox')!;
    const dialog = lightbox.shadowRoot!.querySelector('dialog')!;
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-label')).to.equal('Image viewer');
    expect(lightbox.shadowRoot!.activeElement?.getAttribute('part')).to.equal('close-button');
    expect(lightbox.shadowRoot!.querySelector<HTMLImageElement>('[part~="image"]')!.alt).to.equal(
      'cat.png',
    );
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('poolse-lightbox'), 'the lightbox to close');
    expect(el.shadowRoot!.activeElement).to.equal(button);
  });

  it('closes the menu with Escape and gives focus back to its button', async () => {
    const el = await render(makeMessage({ body: 'menu' }), { store: recordingStore().store });
    const trigger = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-menu-trigger]')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!el.shadowRoot!.querySelector('[role="menu"]'), 'the menu');
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.getAttribute('role')).to.equal('menuitem');
    await sendKeys({ press: 'ArrowDown' });
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset['action']).to.equal('quote');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="menu"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(trigger);
  });

  it('runs a menu action chosen with the keyboard', async () => {
    const { store, calls } = recordingStore();
    const message = makeMessage({ body: 'quote me by keyboard' });
    const el = await render(message, { store });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-menu-trigger]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!el.shadowRoot!.querySelector('[role="menu"]'), 'the menu');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(calls).to.have.length(1);
    expect(calls[0]![0]).to.equal('setDraft');
    expect((calls[0]![1][1] as { quotedMessageId: string }).quotedMessageId).to.equal(message.id);
  });

  it('lets a listener cancel an action', async () => {
    const { store, calls } = recordingStore();
    const el = await render(makeMessage({ sender_id: 'user-me' }), { status: 'failed', store });
    el.addEventListener('poolse-message-action', (e) => {
      expect(e.detail.action).to.equal('retry');
      e.preventDefault();
    });
    partOf(el, 'retry-button')!.click();
    expect(calls).to.deep.equal([]);
  });

  it('offers a quick set of reactions and loads the full picker only on "more", with local data', async () => {
    const { store, calls } = recordingStore();
    const el = await render(makeMessage(), { store });
    const reactions = el.shadowRoot!.querySelector('poolse-reactions')!;
    await reactions.openPicker();
    const quick = [...reactions.shadowRoot!.querySelectorAll('[part~="quick-emoji"]')].map((b) =>
      b.textContent?.trim(),
    );
    expect(quick).to.have.length(8);
    expect(reactions.shadowRoot!.querySelector('poolse-emoji-picker')).to.equal(null);
    expect(customElements.get('poolse-emoji-picker'), 'not loaded before first use').to.equal(
      undefined,
    );
    const requested: string[] = [];
    const originalFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(input instanceof Request ? input.url : input));
      return originalFetch(input, init);
    };
    try {
      reactions.shadowRoot!.querySelector<HTMLButtonElement>('[part~="more-button"]')!.click();
      await until(
        () => !!reactions.shadowRoot!.querySelector('poolse-emoji-picker'),
        'the full picker',
        8000,
      );
      const picker = reactions.shadowRoot!.querySelector('poolse-emoji-picker')!;
      await until(
        () => !!picker.shadowRoot?.querySelector('[part~="emoji"]'),
        'the emoji grid',
        8000,
      );
      await until(
        () => requested.some((url) => url.includes('emoji-picker-element-data')),
        'the emoji data',
        8000,
      );
    } finally {
      window.fetch = originalFetch;
    }
    for (const url of requested.filter((u) => u.includes('emoji')))
      expect(new URL(url).origin).to.equal(location.origin);
    const picker = reactions.shadowRoot!.querySelector('poolse-emoji-picker')!;
    const grid = [...picker.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="emoji"]')];
    expect(grid.length, 'a grid of emoji').to.be.greaterThan(8);
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('[part~="search-input"]')!;
    search.value = 'unicorn';
    search.dispatchEvent(new Event('input'));
    await picker.updateComplete;
    const button = picker.shadowRoot!.querySelector<HTMLButtonElement>(
      '[part~="emoji"][aria-label="unicorn"]',
    )!;
    button.click();
    expect(calls).to.deep.equal([['toggleReaction', [el.message!.id, '🦄']]]);
  });

  it('is accessible in light and dark', async () => {
    const message = makeMessage({
      body: 'Hi @me, see https://example.com',
      reactions: { '👍': ['user-me'] },
      reply_count: 2,
      attachments: [makeAttachment()],
    });
    for (const theme of ['light', 'dark']) {
      const root = await fixture(html`<test-chat-root theme=${theme}
        ><poolse-message .message=${message} .profile=${alice} .ownUserId=${'user-me'} .ownExternalId=${'me'}></poolse-message
      ></test-chat-root>`);
      const el = root.firstElementChild as PoolseMessage;
      await el.updateComplete;
      await expect(root).to.be.accessible();
      // With its menu open, and with the delete confirmation up.
      await el.openMenu();
      await expect(root).to.be.accessible();
      el.perform('delete');
      await el.updateComplete;
      await until(() => !!el.shadowRoot!.querySelector('dialog[open]'), 'the confirmation');
      await expect(root).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm-cancel"]')!.click();
    }
  });
});
