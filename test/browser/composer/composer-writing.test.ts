import { expect, waitUntil, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MessageCreateRequest } from '../../../src/sdk/types.js';
import { FakeApiError } from '../../support/fake-chat-client.js';
import { describe, it, part, parts, press, setupComposer, typeInto } from './composer-fixture.js';

function sentBodies(fake: {
  callsTo(method: 'messages.send'): Array<{ args: readonly unknown[] }>;
}): Array<MessageCreateRequest> {
  return fake.callsTo('messages.send').map((call) => call.args[0] as MessageCreateRequest);
}

describe('<poolse-composer> writing', () => {
  it('sends on Enter, breaks the line on Shift+Enter, and never sends on Enter during IME composition', async () => {
    const { el, fake, textarea } = await setupComposer();
    const send = part<HTMLButtonElement>(el, 'send-button')!;
    expect(send.disabled, 'send is disabled while the box is empty').to.equal(true);

    textarea.focus();
    await sendKeys({ type: 'こんにちは' });
    await el.updateComplete;
    expect(send.disabled).to.equal(false);

    // Enter that confirms an input-method candidate.
    const composing = press(el, 'Enter', { isComposing: true });
    expect(composing.defaultPrevented).to.equal(false);
    const legacyComposing = press(el, 'Enter', { keyCode: 229 });
    expect(legacyComposing.defaultPrevented).to.equal(false);
    await el.updateComplete;
    expect(fake.callsTo('messages.send')).to.have.length(0);

    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'second line' });
    await el.updateComplete;
    expect(textarea.value).to.equal('こんにちは\nsecond line');
    expect(fake.callsTo('messages.send')).to.have.length(0);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'one send');
    expect(sentBodies(fake)[0].body).to.equal('こんにちは\nsecond line');
    await el.updateComplete;
    expect(textarea.value).to.equal('');
    expect(send.disabled).to.equal(true);
  });

  it('does not send white space only', async () => {
    const { el, fake, textarea } = await setupComposer();
    textarea.focus();
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(fake.callsTo('messages.send')).to.have.length(0);
    expect(part<HTMLButtonElement>(el, 'send-button')!.disabled).to.equal(true);
  });

  it('grows with its text up to a maximum height, then scrolls', async () => {
    const { el, textarea } = await setupComposer();
    const oneLine = textarea.getBoundingClientRect().height;
    await typeInto(el, 'a\nb\nc');
    const threeLines = textarea.getBoundingClientRect().height;
    expect(threeLines).to.be.greaterThan(oneLine + 30);
    await typeInto(el, '\nline'.repeat(40));
    const capped = textarea.getBoundingClientRect().height;
    expect(capped).to.be.lessThan(400);
    expect(textarea.scrollHeight).to.be.greaterThan(textarea.clientHeight);
  });

  it('keeps each conversation draft when switching conversations', async () => {
    const { el, fake, store, conversation } = await setupComposer();
    const other = fake.addConversation({ name: 'Other', members: ['dave'] });

    const message = fake.postMessage(conversation.id, { from: 'bob', body: 'quote me' });
    await waitUntil(
      () => store.getState().timelines[conversation.id]?.byId[message.id],
      'message in timeline',
    );
    await typeInto(el, 'half-written thought');
    el.quote(message.id);
    await el.updateComplete;

    el.conversationId = other.id;
    await el.updateComplete;
    const textarea = () => el.shadowRoot!.querySelector('textarea')!;
    expect(textarea().value).to.equal('');
    expect(part(el, 'mode')).to.equal(null);
    await typeInto(el, 'for dave');

    el.conversationId = conversation.id;
    await el.updateComplete;
    expect(textarea().value).to.equal('half-written thought');
    expect(part(el, 'mode')!.textContent).to.contain('quote me');
    expect(store.getState().drafts[conversation.id]?.body).to.equal('half-written thought');
    expect(store.getState().drafts[other.id]?.body).to.equal('for dave');
  });

  it('suggests members on @ and chooses one by keyboard (ARIA combobox)', async () => {
    const { el, fake, textarea } = await setupComposer({
      members: ['bob', 'carol'],
      names: { bob: 'Bob Martin', carol: 'Carol Diaz' },
    });
    expect(textarea.getAttribute('aria-expanded')).to.equal('false');

    await typeInto(el, 'Hi @');
    await waitUntil(() => parts(el, 'suggestion').length === 2, 'two suggestions');
    await waitUntil(
      () => part(el, 'suggestion')!.textContent!.includes('Bob Martin'),
      'names resolved',
    );
    const listbox = part(el, 'suggestions')!;
    expect(listbox.getAttribute('role')).to.equal('listbox');
    expect(textarea.getAttribute('aria-expanded')).to.equal('true');
    expect(textarea.getAttribute('aria-controls')).to.equal(listbox.id);

    let options = parts(el, 'suggestion');
    expect(options.map((o) => o.querySelector('span')!.textContent)).to.deep.equal([
      'Bob Martin',
      'Carol Diaz',
    ]);
    expect(textarea.getAttribute('aria-activedescendant')).to.equal(options[0].id);

    press(el, 'ArrowDown');
    await el.updateComplete;
    options = parts(el, 'suggestion');
    expect(options[1].getAttribute('aria-selected')).to.equal('true');
    expect(textarea.getAttribute('aria-activedescendant')).to.equal(options[1].id);

    press(el, 'ArrowDown');
    await el.updateComplete;
    expect(parts(el, 'suggestion')[0].getAttribute('aria-selected'), 'wraps around').to.equal(
      'true',
    );
    press(el, 'ArrowUp');
    await el.updateComplete;

    const enter = press(el, 'Enter');
    expect(enter.defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(textarea.value).to.equal('Hi @Carol Diaz ');
    expect(part(el, 'suggestions')).to.equal(null);
    expect(textarea.getAttribute('aria-expanded')).to.equal('false');
    expect(fake.callsTo('messages.send'), 'choosing never sends').to.have.length(0);

    // Filtering, Tab to choose, Escape to close.
    await typeInto(el, 'and @bo');
    await waitUntil(() => parts(el, 'suggestion').length === 1, 'filtered to Bob');
    press(el, 'Escape');
    await el.updateComplete;
    expect(part(el, 'suggestions')).to.equal(null);
    await typeInto(el, 'b');
    await waitUntil(() => parts(el, 'suggestion').length === 1, 'typing on opens the list again');

    await typeInto(el, 'Hi @Carol Diaz and @b', false);
    await waitUntil(() => parts(el, 'suggestion').length === 1, 'Bob suggested');
    press(el, 'Tab');
    await el.updateComplete;
    expect(textarea.value).to.equal('Hi @Carol Diaz and @Bob Martin ');

    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    const sent = fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest;
    const bob = fake.provision('bob');
    const carol = fake.provision('carol');
    expect(sent.mentions).to.have.members([bob.id, carol.id]);
  });

  it('drops a mention whose name was deleted from the text', async () => {
    const { el, fake } = await setupComposer({ names: { bob: 'Bob Martin' } });
    await typeInto(el, '@bo');
    await waitUntil(
      () => part(el, 'suggestion')?.textContent?.includes('Bob Martin'),
      'Bob suggested',
    );
    press(el, 'Enter');
    await el.updateComplete;
    await typeInto(el, 'never mind', false);
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    expect(
      (fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest).mentions ?? [],
    ).to.deep.equal([]);
  });

  it('suggests emoji for :shortcodes', async () => {
    const { el, textarea } = await setupComposer();
    await typeInto(el, 'great :smi');
    await waitUntil(() => parts(el, 'suggestion').length > 0, 'shortcode suggestions', {
      timeout: 5000,
    });
    expect(parts(el, 'suggestion')[0].textContent).to.contain('😄');
    expect(parts(el, 'suggestion')[0].textContent).to.contain(':smile:');
    press(el, 'Enter');
    await el.updateComplete;
    expect(textarea.value).to.equal('great 😄');
  });

  it('quotes a message in a chip with a close button, and sends the quote', async () => {
    const { el, fake, store, conversation } = await setupComposer({ names: { bob: 'Bob Martin' } });
    const message = fake.postMessage(conversation.id, { from: 'bob', body: 'Lunch at noon?' });
    await waitUntil(
      () => store.getState().timelines[conversation.id]?.byId[message.id],
      'message loaded',
    );

    el.quote(message.id);
    await el.updateComplete;
    const chip = part(el, 'quote')!;
    expect(chip.textContent).to.contain('Lunch at noon?');
    await waitUntil(
      () => part(el, 'quote')!.textContent!.includes('Bob Martin'),
      'quoted sender named',
    );

    // Closing removes the quote.
    part<HTMLButtonElement>(el, 'mode-close')!.click();
    await el.updateComplete;
    expect(part(el, 'quote')).to.equal(null);

    el.quote(message.id);
    await el.updateComplete;
    // Escape also leaves quote mode.
    press(el, 'Escape');
    await el.updateComplete;
    expect(part(el, 'quote')).to.equal(null);

    el.quote(message.id);
    await typeInto(el, 'Yes!');
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    const sent = fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest;
    expect(sent.quoted_message_id).to.equal(message.id);
    expect(sent.body).to.equal('Yes!');
    await el.updateComplete;
    expect(part(el, 'quote'), 'quote mode ends with the send').to.equal(null);
  });

  it('edits the last own message with Up arrow, cancels with Escape, saves through the store', async () => {
    const { el, fake, store, conversation, textarea } = await setupComposer();
    fake.postMessage(conversation.id, { body: 'first of mine' });
    const mine = fake.postMessage(conversation.id, { body: 'typo hre' });
    fake.postMessage(conversation.id, { from: 'bob', body: 'not mine' });
    await waitUntil(
      () => store.getState().timelines[conversation.id]?.messageIds.length === 3,
      'messages loaded',
    );

    textarea.focus();
    const up = press(el, 'ArrowUp');
    expect(up.defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(textarea.value).to.equal('typo hre');
    expect(part(el, 'mode')!.getAttribute('data-mode')).to.equal('edit');
    expect(part(el, 'send-button')!.textContent).to.contain('Save');

    press(el, 'Escape');
    await el.updateComplete;
    expect(textarea.value).to.equal('');
    expect(part(el, 'mode')).to.equal(null);

    // Up arrow does nothing special once there is text.
    await typeInto(el, 'x');
    expect(press(el, 'ArrowUp').defaultPrevented).to.equal(false);
    await typeInto(el, '', false);

    press(el, 'ArrowUp');
    await el.updateComplete;
    await typeInto(el, 'typo here', false);
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('message.update').length === 1, 'edit saved');
    const call = fake.callsTo('message.update')[0];
    expect(call.target).to.equal(mine.id);
    expect(call.args[0]).to.deep.equal({ body: 'typo here' });
    expect(fake.callsTo('messages.send'), 'an edit is not a new message').to.have.length(0);
    await el.updateComplete;
    expect(textarea.value).to.equal('');
    expect(store.getState().timelines[conversation.id]?.byId[mine.id]?.body).to.equal('typo here');
  });

  it('says so when the server refuses an edit', async () => {
    const { el, fake, store, conversation } = await setupComposer();
    const mine = fake.postMessage(conversation.id, { body: 'original' });
    await waitUntil(() => store.getState().timelines[conversation.id]?.byId[mine.id], 'loaded');
    fake.failNext(
      'message.update',
      new FakeApiError(410, 'message_deleted', 'This message was deleted.'),
    );
    el.edit(mine.id);
    await el.updateComplete;
    await typeInto(el, 'changed', false);
    press(el, 'Enter');
    await waitUntil(
      () => part(el, 'notice')!.textContent === 'This message was deleted.',
      'refusal shown',
    );
    expect(part(el, 'notice')!.getAttribute('role')).to.equal('alert');
    expect(
      store.getState().timelines[conversation.id]?.byId[mine.id]?.body,
      'rolled back',
    ).to.equal('original');
  });

  it('restores the text that was in the box before an edit', async () => {
    const { el, fake, store, conversation, textarea } = await setupComposer();
    const mine = fake.postMessage(conversation.id, { body: 'old' });
    await waitUntil(() => store.getState().timelines[conversation.id]?.byId[mine.id], 'loaded');
    await typeInto(el, 'unsent words');
    el.edit(mine.id);
    await el.updateComplete;
    expect(textarea.value).to.equal('old');
    part<HTMLButtonElement>(el, 'mode-close')!.click();
    await el.updateComplete;
    expect(textarea.value).to.equal('unsent words');
  });

  it('replies in a thread when given thread-root-id, with a draft of its own', async () => {
    const { el, fake, store, conversation } = await setupComposer();
    const root = fake.postMessage(conversation.id, { from: 'bob', body: 'root' });
    await waitUntil(() => store.getState().timelines[conversation.id]?.byId[root.id], 'loaded');
    await typeInto(el, 'main draft');

    el.threadRootId = root.id;
    await el.updateComplete;
    const textarea = el.shadowRoot!.querySelector('textarea')!;
    expect(textarea.value).to.equal('');
    expect(textarea.placeholder).to.equal('Reply in thread…');
    await typeInto(el, 'in the thread');
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    expect((fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest).reply_to_id).to.equal(
      root.id,
    );
    expect(store.getState().drafts[conversation.id]?.body).to.equal('main draft');
  });

  it('sends typing pings through the store, at most one per ~2 s', async () => {
    const { el, fake, conversation } = await setupComposer();
    for (const ch of 'hello there') await typeInto(el, ch);
    expect(fake.typingPings(conversation.id)).to.equal(1);
  });

  it('fires a cancelable poolse-message-send whose draft the host can veto or transform', async () => {
    const { el, fake, textarea } = await setupComposer();
    await typeInto(el, 'secret');
    const vetoed = oneEvent(el, 'poolse-message-send');
    el.addEventListener('poolse-message-send', (event) => event.preventDefault(), { once: true });
    press(el, 'Enter');
    const vetoEvent = await vetoed;
    expect(vetoEvent.cancelable).to.equal(true);
    expect(vetoEvent.composed).to.equal(true);
    expect(vetoEvent.detail.draft.body).to.equal('secret');
    await el.updateComplete;
    expect(fake.callsTo('messages.send')).to.have.length(0);
    expect(textarea.value, 'a vetoed draft stays in the box').to.equal('secret');

    el.addEventListener(
      'poolse-message-send',
      (event) => {
        event.detail.draft = {
          ...event.detail.draft,
          body: `${event.detail.draft.body ?? ''} (signed)`,
        };
      },
      { once: true },
    );
    press(el, 'Enter');
    await waitUntil(() => fake.callsTo('messages.send').length === 1, 'sent');
    expect((fake.callsTo('messages.send')[0].args[0] as MessageCreateRequest).body).to.equal(
      'secret (signed)',
    );
  });
});
