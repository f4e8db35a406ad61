import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import { linkify, safeHref, type TextPart } from '../../../components/shared/linkify.js';

const links = (parts: TextPart[]) => parts.filter((p) => p.kind === 'link');
const joined = (parts: TextPart[]) => parts.map((p) => p.text).join('');

describe('linkify', () => {
  it('links http and https URLs and keeps the surrounding text', () => {
    const parts = linkify('see https://example.com/a?b=1 and http://foo.test/x');
    expect(links(parts)).to.deep.equal([
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'link', text: 'http://foo.test/x', href: 'http://foo.test/x' },
    ]);
    expect(joined(parts)).to.equal('see https://example.com/a?b=1 and http://foo.test/x');
  });

  it('leaves sentence punctuation out of a link but keeps balanced parentheses', () => {
    expect(linkify('Go to https://example.com/page.')[1]).to.deep.equal({
      kind: 'link',
      text: 'https://example.com/page',
      href: 'https://example.com/page',
    });
    const wiki = linkify('(https://en.wikipedia.org/wiki/Foo_(bar))');
    expect(links(wiki)[0]?.text).to.equal('https://en.wikipedia.org/wiki/Foo_(bar)');
    expect(joined(wiki)).to.equal('(https://en.wikipedia.org/wiki/Foo_(bar))');
  });

  it('turns www. addresses into https links', () => {
    expect(links(linkify('visit www.example.org, please'))).to.deep.equal([
      { kind: 'link', text: 'www.example.org', href: 'https://www.example.org/' },
    ]);
  });

  it('links e-mail addresses and mailto: as mailto links', () => {
    expect(links(linkify('write ada@example.com or mailto:bob@example.org!'))).to.deep.equal([
      { kind: 'link', text: 'ada@example.com', href: 'mailto:ada@example.com' },
      { kind: 'link', text: 'mailto:bob@example.org', href: 'mailto:bob@example.org' },
    ]);
  });

  it('never links other schemes', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/file',
    ]) {
      const parts = linkify(hostile);
      expect(links(parts), hostile).to.have.length(0);
      expect(joined(parts)).to.equal(hostile);
    }
    expect(safeHref('javascript:alert(1)')).to.equal(undefined);
    expect(safeHref('https://')).to.equal(undefined);
  });

  it('keeps HTML as text (no part is markup)', () => {
    const body = '<img src=x onerror="alert(1)"> <b>bold</b>';
    const parts = linkify(body);
    expect(parts).to.deep.equal([{ kind: 'text', text: body }]);
  });

  it('ends links at bidi controls and strips them from hrefs', () => {
    const parts = linkify('x\u202Ehttps://evil.example\u202Cmore');
    const [link] = links(parts);
    expect(link).to.deep.equal({
      kind: 'link',
      text: 'https://evil.example',
      href: 'https://evil.example/',
    });
    expect(safeHref('https://exa\u202Emple.com')).to.equal('https://example.com/');
  });

  it('finds @mentions at word starts only', () => {
    const parts = linkify('hi @alice and @bob.smith. not mail@host');
    expect(parts.filter((p) => p.kind === 'mention')).to.deep.equal([
      { kind: 'mention', text: '@alice', handle: 'alice' },
      { kind: 'mention', text: '@bob.smith', handle: 'bob.smith' },
    ]);
    expect(joined(parts)).to.equal('hi @alice and @bob.smith. not mail@host');
  });

  it('highlights only the mentions the app recognises', () => {
    const parts = linkify('@alice @nobody', { isMention: (h) => h === 'alice' });
    expect(parts).to.deep.equal([
      { kind: 'mention', text: '@alice', handle: 'alice' },
      { kind: 'text', text: ' @nobody' },
    ]);
  });

  it('handles empty, null and very long input', () => {
    expect(linkify('')).to.deep.equal([]);
    expect(linkify(null)).to.deep.equal([]);
    const word = 'a'.repeat(10_000);
    expect(linkify(word)).to.deep.equal([{ kind: 'text', text: word }]);
  });
});
