import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { cssProps } from '../../../components/shared/css-props.js';

describe('cssProps', () => {
  it('sets, updates and removes CSS properties through CSSOM', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const paint = (props: Record<string, string | null>) =>
      render(html`<span style=${cssProps(props)}></span>`, host);

    paint({ '--_color': 'red', 'inline-size': '40%' });
    const span = host.querySelector('span')!;
    expect(span.style.getPropertyValue('--_color')).to.equal('red');
    expect(span.style.getPropertyValue('inline-size')).to.equal('40%');

    paint({ '--_color': 'blue', 'inline-size': null });
    expect(span.style.getPropertyValue('--_color')).to.equal('blue');
    expect(span.style.getPropertyValue('inline-size')).to.equal('');
  });

  it('refuses any place but a style attribute', () => {
    const host = document.createElement('div');
    expect(() => render(html`<span title=${cssProps({ color: 'red' })}></span>`, host)).to.throw(
      /style attribute/,
    );
  });
});
