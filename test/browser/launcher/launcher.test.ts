import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Poolse } from '../../../src/sdk/index.js';
import { mountLauncher } from '../../../src/embed.js';
import '../../../components/launcher/launcher.js';
import type { PoolseLauncher } from '../../../components/launcher/launcher.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';

/** A direct chat where `from` has sent `count` messages `to` has not read. */
async function unreadChat(from: string, to: string, count: number): Promise<void> {
  const sender = new Poolse({ apiUrl: testServer().apiUrl, getToken: () => mintToken(from) });
  try {
    const conversation = await sender.conversations.create({
      type: 'direct',
      member_external_ids: [to],
    });
    const handle = sender.conversations.one(conversation.id);
    for (let i = 0; i < count; i += 1) await handle.messages.send({ body: `hello ${i}` });
  } finally {
    sender.destroy();
  }
}

function shadow(launcher: PoolseLauncher): ShadowRoot {
  if (!launcher.shadowRoot) throw new Error('no shadow root');
  return launcher.shadowRoot;
}

describe('<poolse-launcher>', () => {
  let user: string;

  beforeEach(() => {
    user = uniqueId('visitor');
  });

  async function launcher(): Promise<PoolseLauncher> {
    const el = await fixture<PoolseLauncher>(
      html`<poolse-launcher
        api-url=${testServer().apiUrl}
        .getToken=${() => mintToken(user)}
      ></poolse-launcher>`,
    );
    return el;
  }

  it('shows a bubble with the unread count, and opens and closes the panel', async () => {
    await unreadChat(uniqueId('agent'), user, 3);
    const el = await launcher();
    const bubble = shadow(el).querySelector<HTMLButtonElement>('[part="bubble"]')!;
    await waitUntil(
      () => shadow(el).querySelector('[part="badge"]')?.textContent?.trim() === '3',
      'badge shows 3',
      {
        timeout: 8000,
      },
    );
    expect(bubble.getAttribute('aria-label')).to.equal('Open chat, 3 unread messages');
    expect(bubble.getAttribute('aria-expanded')).to.equal('false');
    const panel = shadow(el).querySelector<HTMLElement>('[part="panel"]')!;
    expect(panel.hidden).to.be.true;

    bubble.click();
    await el.updateComplete;
    expect(el.open).to.be.true;
    expect(panel.hidden).to.be.false;
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(bubble.getAttribute('aria-expanded')).to.equal('true');
    // The inbox inside the panel lists the conversation.
    const inbox = shadow(el).querySelector('poolse-inbox')!;
    await waitUntil(
      () => (inbox.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0) > 0,
      'inbox rows',
      {
        timeout: 8000,
      },
    );

    panel.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await el.updateComplete;
    expect(el.open).to.be.false;
    expect(panel.hidden).to.be.true;
  });

  it('fires poolse-launcher-toggle when the user opens it', async () => {
    const el = await launcher();
    const events: boolean[] = [];
    el.addEventListener('poolse-launcher-toggle', (e) => events.push(e.detail.open));
    shadow(el).querySelector<HTMLButtonElement>('[part="bubble"]')!.click();
    shadow(el).querySelector<HTMLButtonElement>('[part="bubble"]')!.click();
    expect(events).to.deep.equal([true, false]);
    // Setting the property is the app's doing, not the user's: no event.
    el.open = true;
    await el.updateComplete;
    expect(events).to.have.length(2);
  });

  it('keeps its layout on a page that resets every element', async () => {
    const reset = document.createElement('style');
    reset.textContent =
      '* { all: unset !important; } poolse-launcher { position: static !important; display: none !important; }';
    document.head.append(reset);
    try {
      const el = await launcher();
      const style = getComputedStyle(el);
      expect(style.position).to.equal('fixed');
      expect(style.display).to.equal('block');
      const bubble = shadow(el).querySelector<HTMLElement>('[part="bubble"]')!;
      const box = bubble.getBoundingClientRect();
      expect(box.width).to.be.closeTo(56, 1);
      expect(box.height).to.be.closeTo(56, 1);
      // Bottom-right corner, 20px in.
      expect(window.innerWidth - box.right).to.be.closeTo(20, 2);
      expect(window.innerHeight - box.bottom).to.be.closeTo(20, 2);
    } finally {
      reset.remove();
    }
  });

  it('is accessible, closed and open', async () => {
    const el = await launcher();
    await expect(el).to.be.accessible();
    el.open = true;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('embed snippet (mountLauncher)', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('poolse-launcher[data-poolse-embed]')) el.remove();
  });

  it('configures the launcher from the script tag data-* attributes, once', async () => {
    const script = document.createElement('script');
    script.dataset.apiUrl = testServer().apiUrl;
    script.dataset.tokenUrl = `${testServer().apiUrl}/demo/token`;
    script.dataset.position = 'bottom-left';
    script.dataset.theme = 'dark';
    script.dataset.accentColor = 'rgb(200, 30, 90)';
    script.dataset.title = 'Support';
    const launcher = mountLauncher(script);
    expect(mountLauncher(script)).to.equal(launcher);
    await launcher.updateComplete;
    expect(launcher.isConnected).to.be.true;
    expect(launcher.apiUrl).to.equal(testServer().apiUrl);
    expect(launcher.position).to.equal('bottom-left');
    expect(launcher.theme).to.equal('dark');
    expect(launcher.panelTitle).to.equal('Support');
    const bubble = launcher.shadowRoot!.querySelector<HTMLElement>('[part="bubble"]')!;
    expect(getComputedStyle(bubble).backgroundColor).to.equal('rgb(200, 30, 90)');
    expect(bubble.getBoundingClientRect().left).to.be.closeTo(20, 2);
  });
});
