/**
 * The elements size themselves in the containers apps put them in (a flex
 * row as in the README, a grid, a plain block, the launcher's panel), and
 * the accent set on the provider or the launcher reaches every surface that
 * follows it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements.js';
import '../../../components/launcher/launcher.js';
import type { PoolseLauncher } from '../../../components/launcher/launcher.js';
import { Poolse } from '../../../src/sdk/index.js';
import { mintToken, testServer, uniqueId } from '../support/server.js';

interface Chat {
  me: string;
  conversationId: string;
}

/** A group where `me` has sent one message and a friend two that `me` has not read. */
async function chat(): Promise<Chat> {
  const me = uniqueId('sizer');
  const friend = uniqueId('friend');
  const { apiUrl } = testServer();
  const mine = new Poolse({ apiUrl, getToken: () => mintToken(me) });
  const theirs = new Poolse({ apiUrl, getToken: () => mintToken(friend) });
  try {
    const conversation = await mine.conversations.create({
      type: 'group',
      name: 'Sizing',
      member_external_ids: [friend],
    });
    await mine.conversations.one(conversation.id).messages.send({ body: 'mine' });
    for (const body of ['theirs 1', 'theirs 2'])
      await theirs.conversations.one(conversation.id).messages.send({ body });
    return { me, conversationId: conversation.id };
  } finally {
    mine.destroy();
    theirs.destroy();
  }
}

/** The first element matching `selector` in `root` or any shadow root below it. */
function deepQuery(root: ParentNode, selector: string): HTMLElement | null {
  const found = root.querySelector<HTMLElement>(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot ? deepQuery(element.shadowRoot, selector) : null;
    if (inner) return inner;
  }
  return null;
}

async function deepFind(root: ParentNode, selector: string, what: string): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitUntil(() => (found = deepQuery(root, selector)) !== null, what, { timeout: 10000 });
  return found as unknown as HTMLElement;
}

function box(element: Element): DOMRect {
  return element.getBoundingClientRect();
}

async function provider(me: string, style: string, children: TemplateResult): Promise<HTMLElement> {
  return fixture<HTMLElement>(
    html`<poolse-provider
      api-url=${testServer().apiUrl}
      style=${style}
      .getToken=${() => mintToken(me)}
      >${children}</poolse-provider
    >`,
  );
}

const panes = html`<poolse-inbox></poolse-inbox><poolse-conversation></poolse-conversation>`;

/** Clicks the inbox row of the conversation and waits for its messages. */
async function openConversation(root: HTMLElement): Promise<void> {
  const row = await deepFind(root, '[part~="row"]', 'an inbox row');
  row.click();
  await deepFind(root, '[part~="bubble"]', 'a message bubble');
}

describe('sizing', () => {
  it('in the README flex row, both panes share the width and take the height', async () => {
    const { me } = await chat();
    const element = await provider(me, 'display:flex;height:600px;width:1000px', panes);
    await openConversation(element);
    const inbox = box(element.querySelector('poolse-inbox')!);
    const conversation = box(element.querySelector('poolse-conversation')!);
    expect(inbox.width).to.equal(320);
    expect(conversation.width).to.equal(680);
    expect(inbox.height).to.equal(600);
    expect(conversation.height).to.equal(600);
    const bubble = deepQuery(element, '[part~="bubble"]')!;
    expect(box(bubble).width).to.be.greaterThan(0);
    expect(box(bubble).right).to.be.at.most(conversation.right);
  });

  it('a narrow flex row gives the conversation the room the inbox yields', async () => {
    const { me } = await chat();
    const element = await provider(me, 'display:flex;height:500px;width:480px', panes);
    await openConversation(element);
    const inbox = box(element.querySelector('poolse-inbox')!);
    const conversation = box(element.querySelector('poolse-conversation')!);
    expect(inbox.width + conversation.width).to.equal(480);
    expect(conversation.width).to.be.greaterThan(150);
  });

  it('in a grid, each pane fills its track', async () => {
    const { me } = await chat();
    const element = await provider(
      me,
      'display:grid;grid-template-columns:260px 1fr;height:500px;width:900px',
      panes,
    );
    await openConversation(element);
    const inbox = box(element.querySelector('poolse-inbox')!);
    const conversation = box(element.querySelector('poolse-conversation')!);
    expect(inbox.width).to.equal(260);
    expect(conversation.width).to.equal(640);
    expect(conversation.height).to.equal(500);
  });

  it('in a plain block, a conversation fills the width and the height', async () => {
    const { me, conversationId } = await chat();
    const element = await provider(
      me,
      'height:450px;width:700px',
      html`<poolse-conversation conversation-id=${conversationId}></poolse-conversation>`,
    );
    await deepFind(element, '[part~="bubble"]', 'a message bubble');
    const conversation = box(element.querySelector('poolse-conversation')!);
    expect(conversation.width).to.equal(700);
    expect(conversation.height).to.equal(450);
  });

  it("in the launcher's panel, the inbox and the conversation fill it side by side", async () => {
    const { me } = await chat();
    const launcher = await fixture<PoolseLauncher>(
      html`<poolse-launcher
        api-url=${testServer().apiUrl}
        open
        .getToken=${() => mintToken(me)}
      ></poolse-launcher>`,
    );
    const root = launcher.shadowRoot!;
    await openConversation(root as unknown as HTMLElement);
    const inbox = box(root.querySelector('poolse-inbox')!);
    const conversation = box(root.querySelector('poolse-conversation')!);
    const panel = box(root.querySelector('[part="panel"]')!);
    expect(inbox.width).to.be.greaterThan(200);
    expect(conversation.width).to.be.greaterThan(300);
    expect(inbox.width + conversation.width).to.be.closeTo(panel.width - 2, 1);
  });
});

describe('accent', () => {
  const teal = 'rgb(15, 118, 110)';

  it('set on the provider, colours own bubbles and unread badges', async () => {
    const { me } = await chat();
    const element = await provider(
      me,
      'display:flex;height:600px;width:1000px;--poolse-color-accent:#0f766e',
      panes,
    );
    const badge = await deepFind(element, '[part~="badge"]', 'an unread badge');
    expect(getComputedStyle(badge).backgroundColor).to.equal(teal);
    await openConversation(element);
    const own = await deepFind(element, 'poolse-message[own]', 'my own message');
    const bubble = own.shadowRoot!.querySelector('[part~="bubble"]')!;
    expect(getComputedStyle(bubble).backgroundColor).to.equal(teal);
  });

  it("the launcher's accent colour styles the panel inside too", async () => {
    const { me } = await chat();
    const launcher = await fixture<PoolseLauncher>(
      html`<poolse-launcher
        api-url=${testServer().apiUrl}
        accent-color="#0f766e"
        open
        .getToken=${() => mintToken(me)}
      ></poolse-launcher>`,
    );
    const root = launcher.shadowRoot! as unknown as HTMLElement;
    const badge = await deepFind(
      root.querySelector('poolse-inbox')!.shadowRoot! as unknown as HTMLElement,
      '[part~="badge"]',
      'an unread badge in the panel',
    );
    expect(getComputedStyle(badge).backgroundColor).to.equal(teal);
    await openConversation(root);
    const own = await deepFind(root, 'poolse-message[own]', 'my own message in the panel');
    const bubble = own.shadowRoot!.querySelector('[part~="bubble"]')!;
    expect(getComputedStyle(bubble).backgroundColor).to.equal(teal);
    const bubbleButton = root.querySelector('[part="bubble"]')!;
    expect(getComputedStyle(bubbleButton).backgroundColor).to.equal(teal);
  });
});
