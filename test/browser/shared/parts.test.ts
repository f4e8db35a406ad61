import { expect, fixture, html } from '@open-wc/testing';
import { readFile } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../../components/provider/provider.js';
import '../../../components/inbox/inbox.js';
import '../../../components/conversation/conversation.js';
import '../../../components/message/message.js';
import '../../../components/emoji-picker/emoji-picker.js';
import '../../../components/lightbox/lightbox.js';
import type { PoolseProvider } from '../../../components/provider/provider.js';
import type { PoolseConversation } from '../../../components/conversation/conversation.js';
import { MESSAGE_PARTS } from '../../../components/message/message-element.js';
import { TIMELINE_PARTS } from '../../../components/timeline/timeline-element.js';
import { THREAD_PARTS } from '../../../components/thread/thread-element.js';
import type { Poolse } from '../../../src/sdk/index.js';
import { FakeChatClient } from '../../support/fake-chat-client.js';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import { makeAttachment, makeMessage, settle, until } from '../conversation/support.js';

/** The `@csspart` names documented on `<poolse-name>`, read from its source's JSDoc. */
async function documentedParts(tag: string): Promise<string[]> {
  const name = tag.replace(/^poolse-/, '');
  const source = await readFile({ path: `../../../components/${name}/${name}-element.ts` });
  if (!source) throw new Error(`no source for <${tag}>`);
  return [...source.matchAll(/@csspart ([\w-]+)/g)].map((match) => match[1]!);
}

/** Every part each poolse element renders in its own shadow root, through nested shadow roots. */
function renderedParts(root: Element | ShadowRoot, seen = new Map<string, Set<string>>()) {
  for (const element of root.querySelectorAll('*')) {
    if (!element.localName.startsWith('poolse-') || !element.shadowRoot) continue;
    const parts = seen.get(element.localName) ?? new Set<string>();
    for (const part of element.shadowRoot.querySelectorAll('[part]'))
      for (const name of part.getAttribute('part')!.split(/\s+/)) if (name) parts.add(name);
    seen.set(element.localName, parts);
    renderedParts(element.shadowRoot, seen);
  }
  return seen;
}

function merge(into: Map<string, Set<string>>, from: Map<string, Set<string>>) {
  for (const [tag, parts] of from) {
    const all = into.get(tag) ?? new Set<string>();
    for (const part of parts) all.add(part);
    into.set(tag, all);
  }
}

describe('parts match their @csspart docs', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('every part an element renders is documented on it', async () => {
    const client = new FakeChatClient({ externalId: 'me', displayName: 'Me' });
    const conversation = client.addConversation({ members: ['alice', 'bob'], name: 'Team' });
    const quoted = client.addMessage(conversation.id, { from: 'alice', body: 'see https://example.com' });
    const root = client.addMessage(conversation.id, {
      from: 'bob',
      body: 'hi @me and @alice',
      mentions: ['me', 'alice'],
      quotedMessageId: quoted.id,
    });
    client.patchMessage(root.id, (m) => ({ ...m, reactions: { '👍': [m.sender_id ?? 'bob'] }, reply_count: 1 }));
    client.addMessage(conversation.id, { from: 'alice', body: 'a reply', replyToId: root.id });
    client.addMessage(conversation.id, { body: 'mine' });
    const provider = await fixture<PoolseProvider>(html`<poolse-provider
      .client=${client as unknown as Poolse}
      active-conversation-id=${conversation.id}
      style="display:flex;width:1000px;height:640px"
      ><poolse-inbox></poolse-inbox><poolse-conversation style="flex:1"></poolse-conversation
      ><poolse-emoji-picker></poolse-emoji-picker
      ><poolse-lightbox src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="x" open></poolse-lightbox
    ></poolse-provider>`);
    const el = provider.querySelector<PoolseConversation>('poolse-conversation')!;
    await until(() => {
      const state = provider.store?.getState();
      return !!state?.timelines[conversation.id]?.loaded && !!state.inbox.byId[conversation.id];
    }, 'the conversation');
    await settle(el);
    el.threadRootId = root.id;
    await settle(el);
    const seen = renderedParts(document.body);

    // A message with attachments, and one whose menu is open.
    const attachments = await fixture(html`<div>
      <poolse-message
        .message=${makeMessage({
          body: 'files',
          attachments: [
            makeAttachment({ content_type: 'image/png', original_filename: 'cat.png' }),
            makeAttachment({ original_filename: 'report.pdf', byte_size: 1536 }),
          ],
        })}
      ></poolse-message>
    </div>`);
    const withMenu = attachments.querySelector('poolse-message')!;
    await withMenu.openMenu();
    merge(seen, renderedParts(attachments));

    const undocumented: Record<string, string[]> = {};
    for (const [tag, parts] of seen) {
      const documented = new Set(await documentedParts(tag));
      const missing = [...parts].filter((part) => !documented.has(part));
      if (missing.length) undocumented[tag] = missing;
    }
    expect(undocumented, 'rendered parts without a @csspart').to.deep.equal({});
    // Enough was on screen for this to mean something.
    expect([...seen.keys()]).to.include.members([
      'poolse-inbox',
      'poolse-conversation',
      'poolse-timeline',
      'poolse-message',
      'poolse-reactions',
      'poolse-thread',
      'poolse-composer',
      'poolse-avatar',
      'poolse-emoji-picker',
      'poolse-lightbox',
    ]);
    expect([...(seen.get('poolse-message') ?? [])]).to.include.members(['mention-self', 'menu', 'file']);
  });

  it('the part lists containers forward are exactly the documented ones', async () => {
    expect([...MESSAGE_PARTS].sort()).to.deep.equal((await documentedParts('poolse-message')).sort());
    expect([...TIMELINE_PARTS].sort()).to.deep.equal((await documentedParts('poolse-timeline')).sort());
    expect([...THREAD_PARTS].sort()).to.deep.equal((await documentedParts('poolse-thread')).sort());
  });
});
