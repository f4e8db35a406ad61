import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../components/emoji-picker/emoji-picker.js';
import type {
  EmojiSelectDetail,
  PoolseEmojiPicker,
} from '../../../components/emoji-picker/emoji-picker.js';
import { searchShortcodes } from '../../../components/emoji-picker/shortcodes.js';
import { darkTokens, lightTokens } from '../../../components/shared/tokens.styles.js';

type TestFn = () => void | Promise<void>;
// Mocha's globals, typed here because the project has no @types/mocha.
const mocha = globalThis as unknown as {
  describe(name: string, body: () => void): void;
  it(name: string, body: TestFn): void;
};
const { describe, it } = mocha;

/** A themed box around the picker, as the provider gives it the tokens. */
async function renderPicker(
  theme: 'light' | 'dark' = 'light',
): Promise<{ el: PoolseEmojiPicker; picked: string[] }> {
  // The tokens are there before the picker renders, as under a provider.
  const host = document.createElement('div');
  for (const [name, value] of Object.entries({
    ...lightTokens,
    ...(theme === 'dark' ? darkTokens : {}),
  }))
    host.style.setProperty(`--poolse-${name}`, value);
  const picker = document.createElement('poolse-emoji-picker');
  picker.theme = theme;
  host.append(picker);
  await fixture(html`${host}`);
  const el = host.querySelector('poolse-emoji-picker')!;
  const picked: string[] = [];
  el.addEventListener('poolse-emoji-select', (event: CustomEvent<EmojiSelectDetail>) => {
    picked.push(event.detail.emoji);
  });
  await waitUntil(() => emojiButtons(el).length > 0, 'emoji rendered', { timeout: 10000 });
  return { el, picked };
}

function root(el: PoolseEmojiPicker): ShadowRoot {
  return el.shadowRoot!;
}

function emojiButtons(el: PoolseEmojiPicker): HTMLButtonElement[] {
  return [...root(el).querySelectorAll<HTMLButtonElement>('[part~="emoji"]')];
}

function names(el: PoolseEmojiPicker): string[] {
  return emojiButtons(el).map((b) => b.getAttribute('aria-label') ?? '');
}

async function search(el: PoolseEmojiPicker, text: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('[part~="search-input"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

function selectedTab(el: PoolseEmojiPicker): HTMLElement | null {
  return root(el).querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
}

describe('<poolse-emoji-picker>', () => {
  it('shows the smileys first, each emoji named by its annotation', async () => {
    const { el } = await renderPicker();
    const tabs = [...root(el).querySelectorAll('[role="tablist"] [role="tab"]')];
    expect(tabs.map((tab) => tab.getAttribute('aria-label'))).to.deep.equal([
      'Smileys & emotion',
      'People & body',
      'Animals & nature',
      'Food & drink',
      'Travel & places',
      'Activities',
      'Objects',
      'Symbols',
      'Flags',
    ]);
    expect(selectedTab(el)?.getAttribute('aria-label')).to.equal('Smileys & emotion');
    const first = emojiButtons(el)[0]!;
    expect(first.textContent!.trim()).to.equal('😀');
    expect(first.getAttribute('aria-label')).to.equal('grinning face');
    expect(root(el).querySelector('[role="grid"]')).to.not.equal(null);
  });

  it('filters by name, shortcode and tag, case-insensitively, and says when nothing matches', async () => {
    const { el } = await renderPicker();
    await search(el, 'Thumbs Up');
    expect(names(el)).to.include('thumbs up');
    expect(names(el)).to.not.include('grinning face');
    await search(el, 'tada'); // a shortcode of 🎉
    expect(emojiButtons(el).map((b) => b.textContent!.trim())).to.include('🎉');
    await search(el, 'CHEERFUL'); // a tag of 😀
    expect(names(el)).to.include('grinning face');
    expect(selectedTab(el), 'no category while searching').to.equal(null);
    await search(el, 'zzqqxx');
    expect(emojiButtons(el)).to.have.length(0);
    expect(root(el).querySelector('[part~="empty"]')!.textContent).to.contain('No emoji found');
  });

  it('switches category with the tabs (click and arrow keys)', async () => {
    const { el } = await renderPicker();
    root(el).querySelector<HTMLButtonElement>('[role="tab"][aria-label="Flags"]')!.click();
    await el.updateComplete;
    expect(selectedTab(el)?.getAttribute('aria-label')).to.equal('Flags');
    expect(emojiButtons(el)[0]!.getAttribute('aria-label')).to.equal('chequered flag');
    expect(names(el)).to.not.include('grinning face');

    selectedTab(el)!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(selectedTab(el)?.getAttribute('aria-label')).to.equal('Symbols');
    expect(root(el).activeElement).to.equal(selectedTab(el));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(selectedTab(el)?.getAttribute('aria-label')).to.equal('Smileys & emotion');
  });

  it('moves through the grid with the keyboard and picks with Enter', async () => {
    const { el, picked } = await renderPicker();
    await el.focus();
    expect(root(el).activeElement?.getAttribute('part')).to.equal('search-input');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(root(el).activeElement?.getAttribute('aria-label')).to.equal('grinning face');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const buttons = emojiButtons(el);
    expect(root(el).activeElement).to.equal(buttons[9]);
    await sendKeys({ press: 'End' });
    expect(root(el).activeElement).to.equal(buttons[15]);
    await sendKeys({ press: 'Home' });
    expect(root(el).activeElement).to.equal(buttons[8]);
    // Only the current emoji is in the tab order, so Tab leaves the grid.
    expect(buttons.filter((b) => b.tabIndex === 0)).to.deep.equal([buttons[8]]);
    await sendKeys({ press: 'Enter' });
    expect(picked).to.deep.equal([buttons[8]!.textContent!.trim()]);
  });

  it('picks the first result with Enter in the search field, and fires a composed event', async () => {
    const { el } = await renderPicker();
    let event: CustomEvent<EmojiSelectDetail> | null = null;
    document.addEventListener(
      'poolse-emoji-select',
      (e) => {
        event = e;
      },
      { once: true },
    );
    await el.focus();
    await sendKeys({ type: 'unicorn' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    expect(event).to.not.equal(null);
    expect(event!.detail.emoji).to.equal('🦄');
    expect(event!.bubbles && event!.composed).to.equal(true);
  });

  it('shows its labels in French with locale="fr"', async () => {
    const { el } = await renderPicker();
    el.locale = 'fr';
    // The French table loads on first use.
    await waitUntil(
      () => root(el).querySelector('[part~="search-input"]')!.getAttribute('aria-label') !== 'Search emoji',
      'the French table',
    );
    expect(root(el).querySelector('[part~="search-input"]')!.getAttribute('aria-label')).to.equal(
      'Rechercher un émoji',
    );
    expect(selectedTab(el)?.getAttribute('aria-label')).to.equal('Smileys et émotions');
  });

  it('shares one fetch of the data with the :shortcode suggestions', async () => {
    await renderPicker();
    const requested: string[] = [];
    const originalFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return originalFetch(input, init);
    };
    try {
      const matches = await searchShortcodes('unicorn');
      expect(matches[0]).to.deep.equal({ emoji: '🦄', shortcode: 'unicorn' });
    } finally {
      window.fetch = originalFetch;
    }
    expect(requested, 'no second request').to.deep.equal([]);
  });

  it('sets no style attribute anywhere (strict CSP)', async () => {
    const { el } = await renderPicker();
    await search(el, 'heart');
    emojiButtons(el)[0]!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    await el.updateComplete;
    expect(root(el).querySelectorAll('[style]')).to.have.length(0);
    expect(root(el).querySelectorAll('style')).to.have.length(0);
    expect(el.hasAttribute('style')).to.equal(false);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { el } = await renderPicker(theme);
      await expect(el).to.be.accessible();
      await search(el, 'zzqqxx');
      await expect(el).to.be.accessible();
    }
  });
});
