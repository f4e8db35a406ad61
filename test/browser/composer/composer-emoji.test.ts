import { expect, waitUntil } from '@open-wc/testing';
import { describe, it, part, press, setupComposer, typeInto } from './composer-fixture.js';

describe('<poolse-composer> emoji picker', () => {
  it('lazy-loads the picker with local data and inserts the chosen emoji at the caret', async () => {
    const { el, textarea } = await setupComposer();
    expect(customElements.get('poolse-emoji-picker'), 'not loaded before first use').to.equal(
      undefined,
    );
    const requested: string[] = [];
    const originalFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return originalFetch(input, init);
    };
    await typeInto(el, 'Hello world');
    textarea.setSelectionRange(5, 5);
    textarea.dispatchEvent(new Event('select'));

    const button = part<HTMLButtonElement>(el, 'emoji-button')!;
    expect(button.getAttribute('aria-label')).to.equal('Insert emoji');
    let picker: HTMLElementTagNameMap['poolse-emoji-picker'];
    try {
      button.click();
      await waitUntil(
        () => part(el, 'emoji-popover')?.querySelector('poolse-emoji-picker'),
        'popover open',
      );
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      picker = part(el, 'emoji-popover')!.querySelector('poolse-emoji-picker')!;
      await waitUntil(() => picker.shadowRoot?.querySelector('[part~="emoji"]'), 'emoji rendered', {
        timeout: 10000,
      });
    } finally {
      window.fetch = originalFetch;
    }
    const dataRequests = requested.filter((url) => url.includes('emoji-picker-element-data'));
    expect(dataRequests, 'the emoji data was fetched').to.have.length(1);
    expect(new URL(dataRequests[0]!).origin, 'data served by this origin, not a CDN').to.equal(
      location.origin,
    );
    expect(picker.shadowRoot!.activeElement?.getAttribute('part'), 'focus in the search').to.equal(
      'search-input',
    );
    await expect(el).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });
    const first = picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji"]')!;
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
