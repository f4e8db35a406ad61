import { expect } from '@open-wc/testing';
import { PoolseInbox, defineElements, elements } from '../../../src/classes.js';

describe('@poolse/elements/classes', () => {
  it('defines no tag on import, and every tag when asked', () => {
    const tags = Object.keys(elements);
    expect(tags).to.include.members([
      'poolse-provider',
      'poolse-inbox',
      'poolse-conversation',
      'poolse-composer',
    ]);
    for (const tag of tags)
      expect(customElements.get(tag), `${tag} before defineElements()`).to.equal(undefined);

    defineElements();
    for (const tag of tags)
      expect(customElements.get(tag), `${tag} after defineElements()`).to.exist;
    expect(customElements.get('poolse-inbox')).to.equal(PoolseInbox);
    defineElements(); // a second call skips what is defined
  });
});
