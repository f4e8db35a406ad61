import { expect, waitUntil } from '@open-wc/testing';
import { describe, it, part, press, setupComposer, typeInto } from './composer-fixture.js';

describe('<poolse-composer> emoji picker', () => {
  it('lazy-loads the picker with local data and inserts the chosen emoji at the caret', async () => {
    const { el, textarea } = await setupComposer();
    expect(customElements.get('emoji-picker'), 'not loaded before first use').to.equal(undefined);
    await typeInto(el, 'Hello world');
    textarea.setSelectionRange(5, 5);
    textarea.dispatchEvent(new Event('select'));

    const button = part<HTMLButtonElement>(el, 'emoji-button')!;
    expect(button.getAttribute('aria-label')).to.equal('Insert emoji');
    button.click();
    await waitUntil(
      () => part(el, 'emoji-popover')?.querySelector('poolse-emoji-picker'),
      'popover open',
    );
    expect(button.getAttribute('aria-expanded')).to.equal('true');

    const wrapper = part(el, 'emoji-popover')!.querySelector('poolse-emoji-picker')!;
    await waitUntil(() => wrapper.shadowRoot?.querySelector('emoji-picker'), 'picker loaded', {
      timeout: 10000,
    });
    const picker = wrapper.shadowRoot!.querySelector('emoji-picker')!;
    expect(new URL(picker.dataSource).origin, 'data served by this origin, not a CDN').to.equal(
      location.origin,
    );
    await waitUntil(
      () => picker.shadowRoot?.querySelector('button.emoji[id^="emo-"]'),
      'emoji rendered',
      { timeout: 10000 },
    );
    await expect(el).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });
    const first = picker.shadowRoot!.querySelector<HTMLButtonElement>('button.emoji[id^="emo-"]')!;
    const unicode = first.textContent!.trim();
    first.click();

    await waitUntil(() => textarea.value !== 'Hello world', 'emoji inserted', { timeout: 5000 });
    expect(textarea.value).to.equal(`Hello${unicode} world`);
    await el.updateComplete;
    expect(part(el, 'emoji-popover'), 'closes after a pick').to.equal(null);
  });

  it('closes on Escape and gives focus back to the button', async () => {
    const { el } = await setupComposer();
    const button = part<HTMLButtonElement>(el, 'emoji-button')!;
    button.click();
    await waitUntil(() => part(el, 'emoji-popover'), 'open');
    part(el, 'emoji-popover')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await el.updateComplete;
    expect(part(el, 'emoji-popover')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    // The text area's own Escape handling is untouched by the closed picker.
    expect(press(el, 'Escape').defaultPrevented).to.equal(false);
  });
});
