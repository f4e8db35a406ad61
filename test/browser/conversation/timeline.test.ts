import { expect } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import {
  messageByBody,
  messages,
  openConversation,
  partOf,
  scroller,
  settle,
  timelineOf,
  until,
} from './support.js';

function distanceFromBottom(el: PoolseConversation): number {
  const s = scroller(el);
  return s.scrollHeight - s.scrollTop - s.clientHeight;
}

function jumpButton(el: PoolseConversation): HTMLButtonElement | null {
  return timelineOf(el).shadowRoot!.querySelector<HTMLButtonElement>('[part~="jump-button"]');
}

async function frames(n = 3): Promise<void> {
  for (let i = 0; i < n; i += 1) await new Promise((r) => requestAnimationFrame(r));
}

/** Scrolls like a reader would: a wheel turn, then the scroll. */
async function scrollTo(el: PoolseConversation, top: number): Promise<void> {
  const s = scroller(el);
  s.dispatchEvent(new WheelEvent('wheel', { deltaY: top - s.scrollTop, bubbles: true }));
  s.scrollTop = top;
  s.dispatchEvent(new Event('scroll'));
  await frames(2);
}

describe('<poolse-conversation> timeline', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('opens at the bottom and stays there as messages arrive', async () => {
    const { el, client, conversation } = await openConversation((c, conv) => {
      for (let i = 0; i < 40; i += 1) c.addMessage(conv.id, { body: `old ${i}` });
    });
    expect(distanceFromBottom(el)).to.be.below(48);
    for (let i = 0; i < 3; i += 1)
      client.postMessage(conversation.id, { from: 'alice', body: `live ${i}` });
    await until(() => messages(el).some((m) => m.message?.body === 'live 2'), 'the live message');
    await settle(el);
    await frames(4);
    expect(distanceFromBottom(el)).to.be.below(48);
    expect(jumpButton(el)).to.equal(null);
  });

  it('stays at the bottom when a message near it grows (an edit, a late image)', async () => {
    const { el, client, conversation } = await openConversation((c, conv) => {
      for (let i = 0; i < 30; i += 1) c.addMessage(conv.id, { from: 'alice', body: `line ${i}` });
      c.addMessage(conv.id, { body: 'short' });
    });
    expect(distanceFromBottom(el)).to.be.below(48);
    const last = client.mainFeed(conversation.id).at(-1)!;
    const grown = client.patchMessage(last.id, (m) => ({
      ...m,
      body: 'now a much longer message '.repeat(40),
      edited_at: new Date().toISOString(),
      updated_at: new Date(Date.now() + 1000).toISOString(),
    }));
    client.emit(conversation.id, 'message:updated', grown);
    await until(() => !!messages(el).find((m) => m.message?.edited_at), 'the edit');
    await settle(el);
    await frames(4);
    expect(distanceFromBottom(el)).to.be.below(48);
  });

  it('keeps the unread divider where it was when the conversation opened', async () => {
    const { el, client, conversation } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { body: 'mine' });
      c.addMessage(conv.id, { from: 'alice', body: 'unread one' });
    });
    await until(() => client.callsTo('messages.markRead').length > 0, 'markRead');
    client.postMessage(conversation.id, { from: 'alice', body: 'live one' });
    await until(() => messages(el).some((m) => m.message?.body === 'live one'), 'the live message');
    await settle(el);
    const order = timelineOf(el)
      .shadowRoot!.querySelector('lit-virtualizer')!
      .querySelectorAll(':scope > [data-key]');
    const labels = [...order].map(
      (r) =>
        (r as HTMLElement & { message?: { body: string } }).message?.body ?? r.getAttribute('part'),
    );
    expect(labels).to.deep.equal(['day', 'mine', 'unread', 'unread one', 'live one']);
  });

  it('announces new messages from others through a polite live region, not the list', async () => {
    const { el, client, conversation } = await openConversation((c, conv) => {
      c.addMessage(conv.id, { body: 'hello' });
    });
    const timeline = timelineOf(el);
    const log = timeline.shadowRoot!.querySelector('[part~="scroller"]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    expect(
      timeline.shadowRoot!.querySelector('lit-virtualizer')!.getAttribute('aria-live'),
    ).to.equal('off');
    client.postMessage(conversation.id, { from: 'alice', body: 'are you there?' });
    const announcer = timeline.shadowRoot!.querySelector('[part~="announcer"]')!;
    await until(
      () => announcer.textContent === 'New message from alice: are you there?',
      `announcement, got "${announcer.textContent}"`,
    );
    expect(announcer.classList.contains('visually-hidden')).to.equal(true);
  });

  it('keeps the reader’s place when an older page is prepended, then offers the latest with a count', async () => {
    const { el, client, conversation, store } = await openConversation(
      (c, conv) => {
        for (let i = 0; i < 160; i += 1)
          c.addMessage(conv.id, { from: i % 3 ? 'alice' : 'me', body: `message ${i}` });
        // The reader's own last word: nothing unread, so the view opens at the bottom.
        c.addMessage(conv.id, { body: 'caught up' });
      },
      { pageSize: 50 },
    );
    expect(store.getState().timelines[conversation.id]!.messageIds).to.have.length(50);
    const gate = client.holdNext('messages.list');
    await scrollTo(el, 0);
    await gate.reached;
    // What the reader sees before the page lands.
    const top = scroller(el).getBoundingClientRect().top;
    const anchor = messages(el).find((m) => m.getBoundingClientRect().bottom > top + 1)!;
    const body = anchor.message!.body!;
    const before = anchor.getBoundingClientRect().top - top;
    gate.release();
    await until(
      () => store.getState().timelines[conversation.id]!.messageIds.length === 100,
      'the older page',
    );
    await settle(el);
    await frames(6);
    const after =
      messageByBody(el, body).getBoundingClientRect().top -
      scroller(el).getBoundingClientRect().top;
    expect(Math.abs(after - before)).to.be.below(2);

    // Scrolled up, new messages only raise the count on the jump button.
    expect(jumpButton(el)).to.exist;
    client.postMessage(conversation.id, { from: 'alice', body: 'new 1' });
    client.postMessage(conversation.id, { from: 'alice', body: 'new 2' });
    await until(
      () => jumpButton(el)?.querySelector('[part~="jump-count"]')?.textContent === '2',
      'the count',
    );
    expect(
      jumpButton(el)!.querySelector('[part~="jump-count"]')!.getAttribute('aria-label'),
    ).to.equal('2 new messages');
    const stillThere =
      messageByBody(el, body).getBoundingClientRect().top -
      scroller(el).getBoundingClientRect().top;
    expect(Math.abs(stillThere - before)).to.be.below(2);
    jumpButton(el)!.click();
    await settle(el);
    await frames(6);
    expect(distanceFromBottom(el)).to.be.below(48);
    expect(messages(el).some((m) => m.message?.body === 'new 2')).to.equal(true);
  });

  it('loads older pages as the reader nears the top', async () => {
    const { el, client, conversation, store } = await openConversation(
      (c, conv) => {
        for (let i = 0; i < 120; i += 1)
          c.addMessage(conv.id, { from: i % 2 ? 'alice' : 'me', body: `m${i}` });
        c.addMessage(conv.id, { body: 'caught up' });
      },
      { pageSize: 50 },
    );
    const listsBefore = client.callsTo('messages.list').length;
    await scrollTo(el, 0);
    await until(() => client.callsTo('messages.list').length > listsBefore, 'loadOlder');
    const query = client.callsTo('messages.list').at(-1)!.args[0] as { before?: number };
    expect(query.before).to.equal(72);
    await until(
      () => store.getState().timelines[conversation.id]!.messageIds.length === 100,
      'the page',
    );
  });

  it('keeps DOM nodes bounded in a long conversation (virtualized)', async () => {
    const { el, store, conversation } = await openConversation(
      (c, conv) => {
        for (let i = 0; i < 2000; i += 1)
          c.addMessage(conv.id, { from: i % 2 ? 'alice' : 'me', body: `line ${i}` });
      },
      { pageSize: 200 },
    );
    for (let i = 0; i < 9; i += 1) await store.loadOlder(conversation.id);
    expect(store.getState().timelines[conversation.id]!.messageIds).to.have.length(2000);
    await settle(el);
    const rendered = messages(el).length;
    expect(rendered).to.be.above(3);
    expect(rendered).to.be.below(120);
    await scrollTo(el, scroller(el).scrollHeight / 2);
    await settle(el);
    expect(messages(el).length).to.be.below(120);
    const nodes = timelineOf(el).shadowRoot!.querySelectorAll('*').length;
    expect(nodes).to.be.below(400);
  });

  it('renders hostile bodies as inert text, contained in the box', async () => {
    const hostile = [
      '<img src=x onerror="window.__poolsePwned = 1">',
      '<script>window.__poolsePwned = 2</script>',
      'click javascript:window.__poolsePwned=3 and [x](javascript:alert(1))',
      'admin\u202Egnp.exe\u202C says hi',
      'x'.repeat(10_000),
    ];
    const { el } = await openConversation(
      (c, conv) => {
        hostile.forEach((body, i) =>
          c.addMessage(conv.id, { from: i % 2 ? 'bob' : 'alice', body }),
        );
      },
      { members: ['alice', 'bob'], name: 'Hostile' },
    );
    const rendered = messages(el);
    expect(rendered.map((m) => m.message?.body)).to.deep.equal(hostile);
    for (const message of rendered) {
      const body = message.shadowRoot!.querySelector('[part~="body"]')!;
      expect(body.querySelectorAll('img, script, iframe, object').length).to.equal(0);
      for (const a of body.querySelectorAll('a')) expect(a.protocol).to.match(/^(https?|mailto):$/);
      expect(getComputedStyle(body).unicodeBidi).to.equal('isolate');
      const bubble = message.shadowRoot!.querySelector('[part~="bubble"]')!.getBoundingClientRect();
      const box = message.getBoundingClientRect();
      expect(bubble.right).to.be.at.most(box.right + 0.5);
      expect(bubble.left).to.be.at.least(box.left - 0.5);
    }
    expect(rendered[0]!.shadowRoot!.querySelector('[part~="body"]')!.textContent).to.contain(
      '<img src=x',
    );
    expect((window as unknown as { __poolsePwned?: number }).__poolsePwned).to.equal(undefined);
    const s = scroller(el);
    expect(s.scrollWidth).to.be.at.most(s.clientWidth);
    // The override stays inside the body: the sender's name reads as written.
    expect(rendered[3]!.shadowRoot!.querySelector('[part~="sender"]')?.textContent).to.equal('bob');
  });
});

describe('<poolse-conversation> against hostile page CSS', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('keeps its type, colours and layout whatever the page styles', async () => {
    const style = document.createElement('style');
    style.textContent = `
      * { font-size: 40px !important; line-height: 3 !important; color: red !important; letter-spacing: 9px !important;
          white-space: nowrap !important; text-transform: uppercase !important; box-sizing: content-box !important; }
      p, span, button, li { display: none !important; }
      poolse-conversation { font: italic 40px serif; text-align: right; word-spacing: 30px; }`;
    document.head.append(style);
    try {
      const { el } = await openConversation((c, conv) => {
        c.addMessage(conv.id, { from: 'alice', body: 'still readable' });
      });
      const message = messageByBody(el, 'still readable');
      const body = message.shadowRoot!.querySelector('[part~="body"]')!;
      const computed = getComputedStyle(body);
      expect(computed.fontSize).to.equal('14px');
      expect(computed.color).to.not.equal('rgb(255, 0, 0)');
      expect(computed.letterSpacing).to.equal('normal');
      expect(computed.textTransform).to.equal('none');
      expect(computed.fontStyle).to.equal('normal');
      expect(body.getBoundingClientRect().height).to.be.above(0);
      const title = getComputedStyle(partOf(el, 'title')!);
      expect(title.fontSize).to.equal('16px');
      expect(title.letterSpacing).to.equal('normal');
      expect(title.textTransform).to.equal('none');
      expect(title.fontStyle).to.equal('normal');
      expect(getComputedStyle(partOf(el, 'typing')!).textAlign).to.equal('start');
    } finally {
      style.remove();
    }
  });

  it('lets the page restyle messages through ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = `
      poolse-conversation::part(bubble) { background: rgb(1, 2, 3); }
      poolse-conversation::part(sender) { color: rgb(4, 5, 6); }
      poolse-conversation::part(day) { color: rgb(7, 8, 9); }`;
    document.head.append(style);
    try {
      const { el } = await openConversation((c, conv) => {
        c.addMessage(conv.id, { from: 'alice', body: 'styled from outside' });
      });
      const message = messageByBody(el, 'styled from outside');
      expect(
        getComputedStyle(message.shadowRoot!.querySelector('[part~="bubble"]')!).backgroundColor,
      ).to.equal('rgb(1, 2, 3)');
      expect(
        getComputedStyle(message.shadowRoot!.querySelector('[part~="sender"]')!).color,
      ).to.equal('rgb(4, 5, 6)');
      const day = timelineOf(el).shadowRoot!.querySelector('[part~="day"]')!;
      expect(getComputedStyle(day).color).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });
});
