import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import { POOLSE_ELEMENTS_VERSION, define } from '../../../components/shared/define.js';

describe('define()', () => {
  it('registers a tag once and skips a second definition silently', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    define('poolse-test-define-a', First);
    define('poolse-test-define-a', Second);
    expect(customElements.get('poolse-test-define-a')).to.equal(First);
  });

  it('warns when another version already owns the tag', () => {
    class Old extends HTMLElement {}
    Object.defineProperty(Old, '__poolseElementsVersion', { value: '0.0.1' });
    customElements.define('poolse-test-define-b', Old);
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      define('poolse-test-define-b', class extends HTMLElement {});
    } finally {
      console.warn = original;
    }
    expect(customElements.get('poolse-test-define-b')).to.equal(Old);
    expect(String(warnings[0]?.[0])).to.contain('0.0.1').and.contain(POOLSE_ELEMENTS_VERSION);
  });
});
