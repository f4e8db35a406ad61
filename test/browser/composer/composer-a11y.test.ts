import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeApiError } from '../../support/fake-chat-client.js';
import { describe, it, part, parts, setupComposer, typeInto } from './composer-fixture.js';

for (const theme of ['light', 'dark'] as const) {
  describe(`<poolse-composer> accessibility (${theme})`, () => {
    it('passes axe with chips, a failed upload, a quote and the open mention list', async () => {
      const { el, uploads, fake, store, conversation } = await setupComposer({
        theme,
        names: { bob: 'Bob Martin' },
      });
      const message = fake.postMessage(conversation.id, { from: 'bob', body: 'Quoted words' });
      await waitUntil(
        () => store.getState().timelines[conversation.id]?.byId[message.id],
        'loaded',
      );
      el.quote(message.id);
      el.addFiles([
        new File([new Uint8Array(10)], 'photo.png', { type: 'image/png' }),
        new File([new Uint8Array(10)], 'too-big.bin', { type: 'application/octet-stream' }),
      ]);
      uploads.calls[1]?.reject(new FakeApiError(413, 'attachment_too_large', 'Too large.'));
      await typeInto(el, 'Hello @');
      await waitUntil(() => parts(el, 'suggestion').length > 0, 'suggestions open');
      await waitUntil(() => part(el, 'attachment-error'), 'error shown');
      // The text area is the ARIA 1.2 combobox (aria-expanded/-controls/-activedescendant), as
      // the mention pattern needs; axe's best-practice table allows no role on <textarea>, so
      // only that minor rule is set aside. Every other rule applies.
      await expect(el).to.be.accessible({ ignoredRules: ['aria-allowed-role'] });
    });

    it('labels every control and shows a visible focus ring', async () => {
      const { el, textarea } = await setupComposer({ theme });
      for (const button of el.shadowRoot!.querySelectorAll('button')) {
        const name = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '';
        expect(name, button.outerHTML).to.not.equal('');
      }
      expect(textarea.getAttribute('aria-label')).to.equal('Message');

      // The text area's ring is drawn on the frame around it.
      const idle = getComputedStyle(part(el, 'frame')!).boxShadow;
      textarea.focus();
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'frame')!).boxShadow).to.not.equal(idle);

      // Tab from the text area reaches the attach button with a visible outline.
      await sendKeys({ press: 'Tab' });
      const attach = part<HTMLButtonElement>(el, 'attach-button')!;
      expect(el.shadowRoot!.activeElement).to.equal(attach);
      const style = getComputedStyle(attach);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });
  });
}
