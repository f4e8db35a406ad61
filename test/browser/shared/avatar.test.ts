import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import '../../../components/avatar/avatar.js';
import type { PoolseAvatar } from '../../../components/avatar/avatar.js';
import {
  AVATAR_PALETTE,
  avatarColor,
  initialsOf,
} from '../../../components/avatar/avatar-color.js';

const part = (el: PoolseAvatar, name: string) =>
  el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

describe('<poolse-avatar>', () => {
  it('shows initials on a colour derived from the seed', async () => {
    const el = await fixture<PoolseAvatar>(
      html`<poolse-avatar name="Ada Lovelace" seed="ada"></poolse-avatar>`,
    );
    expect(part(el, 'initials')?.textContent).to.equal('AL');
    const bg = getComputedStyle(part(el, 'base')!).backgroundColor;
    const other = await fixture<PoolseAvatar>(
      html`<poolse-avatar name="Ada Lovelace" seed="ada"></poolse-avatar>`,
    );
    expect(getComputedStyle(part(other, 'base')!).backgroundColor).to.equal(bg);
    expect(part(el, 'base')?.getAttribute('aria-label')).to.equal('Ada Lovelace');
    await expect(el).to.be.accessible();
  });

  it('derives initials by grapheme and ignores bidi controls', () => {
    expect(initialsOf('bob')).to.equal('B');
    expect(initialsOf('émile zola')).to.equal('ÉZ');
    expect(initialsOf('  ')).to.equal('?');
    expect(initialsOf('\u202Eevil')).to.equal('E');
    expect(initialsOf('👩‍🚀 Sally')).to.equal('👩‍🚀S');
    expect(AVATAR_PALETTE).to.include(avatarColor('anything'));
  });

  it('shows the image, and falls back to initials when it fails to load', async () => {
    const ok =
      'data:image/svg+xml,' +
      encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    const el = await fixture<PoolseAvatar>(
      html`<poolse-avatar name="Bob" .src=${ok}></poolse-avatar>`,
    );
    expect(part(el, 'image') !== null).to.equal(true);
    expect(part(el, 'initials') !== null).to.equal(false);
    el.src = 'data:image/png;base64,AAAA'; // not a decodable image
    await waitUntil(() => part(el, 'initials') !== null, 'falls back to initials', {
      timeout: 5000,
    });
    expect(part(el, 'initials')?.textContent).to.equal('B');
  });

  it('shows a presence dot only when asked', async () => {
    const el = await fixture<PoolseAvatar>(html`<poolse-avatar name="Cy"></poolse-avatar>`);
    expect(part(el, 'presence') !== null).to.equal(false);
    el.presence = 'online';
    await el.updateComplete;
    expect(part(el, 'presence')?.dataset.state).to.equal('online');
  });

  it('is hidden from assistive technology when decorative', async () => {
    const el = await fixture<PoolseAvatar>(
      html`<poolse-avatar decorative name="Dee"></poolse-avatar>`,
    );
    expect(part(el, 'base')?.getAttribute('aria-hidden')).to.equal('true');
    expect(part(el, 'base')?.hasAttribute('role')).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
