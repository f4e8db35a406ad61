import { expect, fixture, html } from '@open-wc/testing';
import { renderRichText } from '../../../components/shared/rich-text.js';
import { describe, it } from './mocha.js';

describe('renderRichText', () => {
  it('renders links as safe anchors and mentions as spans, everything else as text', async () => {
    const body =
      'hi @bob, see https://example.com/x?y=1 <img src=x onerror="window.__rt=1"> javascript:alert(1)';
    const el = await fixture<HTMLDivElement>(
      html`<div>${renderRichText(body, { isSelf: (h) => h === 'bob' })}</div>`,
    );
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/x?y=1']);
    expect(links[0]?.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
    expect(links[0]?.getAttribute('target')).to.equal('_blank');
    const mention = el.querySelector('[part~="mention"]');
    expect(mention?.textContent).to.equal('@bob');
    expect(mention?.getAttribute('part')).to.equal('mention mention-self');
    expect(el.querySelectorAll('img')).to.have.length(0);
    expect(el.textContent).to.equal(body);
    expect((window as { __rt?: number }).__rt).to.equal(undefined);
  });
});
