import { expect, waitUntil } from '@open-wc/testing';
import * as cdn from '../../../src/cdn.js';

describe('CDN bundle', () => {
  it('defines the core elements at once and the others when their tag first appears', async () => {
    expect(customElements.get('poolse-provider')).to.exist;
    expect(customElements.get('poolse-inbox')).to.exist;
    expect(customElements.get('poolse-thread'), 'not loaded before use').to.equal(undefined);

    const holder = document.createElement('div');
    holder.innerHTML = '<poolse-thread></poolse-thread>';
    document.body.append(holder);
    try {
      await waitUntil(
        () => customElements.get('poolse-thread') !== undefined,
        'poolse-thread is defined',
        {
          timeout: 10000,
        },
      );
      expect(holder.querySelector('poolse-thread')!.shadowRoot, 'the element upgraded').to.exist;
    } finally {
      holder.remove();
    }
  });

  it('loads an element on request, once', async () => {
    await Promise.all([cdn.loadElement('poolse-composer'), cdn.loadElement('POOLSE-COMPOSER')]);
    expect(customElements.get('poolse-composer')).to.exist;
    await cdn.loadElement('poolse-unknown'); // not ours: nothing to load, no error
  });

  it('exports the SDK client and the store for page scripts', () => {
    expect(cdn.Poolse).to.be.a('function');
    expect(cdn.createChatStore).to.be.a('function');
    expect(cdn.mountLauncher).to.be.a('function');
  });
});
