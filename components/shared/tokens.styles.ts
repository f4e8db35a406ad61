/**
 * Design tokens: the first tier of the styling contract.
 *
 * Tier 1, `--poolse-color-*`, `--poolse-space-*`, `--poolse-radius-*`,
 * `--poolse-font-*`, `--poolse-shadow-*`: semantic tokens, set here for light
 * and dark. Tier 2, `--poolse-<element>-*`: per-element knobs, documented on
 * each element. Tier 3, `--_*`: private to one element's shadow root.
 *
 * Custom properties inherit through shadow roots, so the provider sets the
 * semantic tokens once on itself (`themeStyles`) and every element below it
 * reads them. Elements never declare tier-1 tokens on their own host (that
 * would shadow what the app set on the provider); they read them through
 * `token()`, which carries the light value as a fallback so an element also
 * renders sensibly outside a provider.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Light defaults. Some derive from other tokens (most from the accent,
 * through `var()` and `color-mix()`), so that setting `--poolse-color-accent`
 * on the provider recolours own bubbles, badges, selection, links, mentions
 * and focus rings with it.
 */
export const lightTokens = {
  'color-bg': '#f6f7f9',
  'color-surface': '#ffffff',
  'color-surface-raised': '#ffffff',
  'color-surface-sunken': '#f1f3f5',
  'color-surface-hover': '#f1f3f6',
  'color-surface-active': '#e9edf3',
  'color-surface-selected':
    'color-mix(in srgb, var(--poolse-color-accent) 12%, var(--poolse-color-surface))',
  'color-border': '#e3e6eb',
  'color-border-strong': '#c9ced6',
  'color-text': '#16181d',
  'color-text-muted': '#5b6270',
  'color-text-subtle': '#626976',
  'color-text-on-accent': '#ffffff',
  'color-accent': '#3d5ce0',
  'color-accent-hover': 'color-mix(in srgb, var(--poolse-color-accent) 85%, #000)',
  'color-accent-subtle':
    'color-mix(in srgb, var(--poolse-color-accent) 12%, var(--poolse-color-surface))',
  'color-accent-text': 'color-mix(in srgb, var(--poolse-color-accent) 80%, #000)',
  'color-focus-ring': 'var(--poolse-color-accent)',
  'color-danger': '#c62a3a',
  'color-danger-subtle': '#fdecee',
  'color-success': '#1f9d55',
  'color-warning': '#b35c00',
  'color-warning-subtle': '#fff4e5',
  'color-badge': 'var(--poolse-color-accent)',
  'color-badge-text': '#ffffff',
  'color-mention-bg': 'var(--poolse-color-accent-subtle)',
  'color-mention-text': 'var(--poolse-color-accent-text)',
  'color-link': 'var(--poolse-color-accent-text)',
  'color-bubble-own': 'var(--poolse-color-accent)',
  'color-bubble-own-text': '#ffffff',
  'color-bubble-other': '#f0f2f5',
  'color-bubble-other-text': '#16181d',
  'color-skeleton': '#eceef2',
  'color-skeleton-shine': '#f6f7f9',
  'color-scrim': 'rgb(15 18 25 / 0.45)',
  'color-shadow': 'rgb(15 18 25 / 0.12)',

  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
  'space-5': '20px',
  'space-6': '24px',
  'space-8': '32px',

  'radius-sm': '6px',
  'radius-md': '10px',
  'radius-lg': '14px',
  'radius-xl': '18px',
  'radius-full': '999px',

  'font-family':
    "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
  'font-family-mono': "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
  'font-size-xs': '11px',
  'font-size-sm': '12.5px',
  'font-size-md': '14px',
  'font-size-lg': '16px',
  'font-size-xl': '18px',
  'font-weight-normal': '400',
  'font-weight-medium': '500',
  'font-weight-semibold': '600',
  'font-weight-bold': '700',
  'line-height': '1.45',

  'shadow-sm': '0 1px 2px rgb(15 18 25 / 0.06)',
  'shadow-md': '0 4px 12px rgb(15 18 25 / 0.08), 0 1px 3px rgb(15 18 25 / 0.06)',
  'shadow-lg': '0 16px 40px rgb(15 18 25 / 0.16), 0 2px 8px rgb(15 18 25 / 0.08)',

  'focus-ring-width': '2px',
  'duration-fast': '120ms',
  'duration-normal': '200ms',
  easing: 'cubic-bezier(0.2, 0, 0, 1)',
} as const;

export type TokenName = keyof typeof lightTokens;

/** Dark overrides; anything not listed (space, radius, fonts) is shared. */
export const darkTokens: Partial<Record<TokenName, string>> = {
  'color-bg': '#0f1115',
  'color-surface': '#16181d',
  'color-surface-raised': '#1e2128',
  'color-surface-sunken': '#111317',
  'color-surface-hover': '#1f232b',
  'color-surface-active': '#262b35',
  'color-surface-selected':
    'color-mix(in srgb, var(--poolse-color-accent) 25%, var(--poolse-color-surface))',
  'color-border': '#2a2e37',
  'color-border-strong': '#3a404c',
  'color-text': '#eceef2',
  'color-text-muted': '#a4abb8',
  'color-text-subtle': '#9199a7',
  'color-text-on-accent': '#ffffff',
  'color-accent': '#4a66e0',
  'color-accent-hover': 'color-mix(in srgb, var(--poolse-color-accent) 85%, #fff)',
  'color-accent-subtle':
    'color-mix(in srgb, var(--poolse-color-accent) 25%, var(--poolse-color-surface))',
  'color-accent-text': 'color-mix(in srgb, var(--poolse-color-accent) 45%, #fff)',
  'color-focus-ring': 'color-mix(in srgb, var(--poolse-color-accent) 70%, #fff)',
  'color-danger': '#f0707c',
  'color-danger-subtle': '#3a1b20',
  'color-success': '#3fcf7f',
  'color-warning': '#f0a64a',
  'color-warning-subtle': '#3a2a12',
  'color-badge-text': '#ffffff',
  'color-mention-bg':
    'color-mix(in srgb, var(--poolse-color-accent) 35%, var(--poolse-color-surface))',
  'color-mention-text': 'color-mix(in srgb, var(--poolse-color-accent) 30%, #fff)',
  'color-bubble-own-text': '#ffffff',
  'color-bubble-other': '#23272f',
  'color-bubble-other-text': '#eceef2',
  'color-skeleton': '#22262e',
  'color-skeleton-shine': '#2b3039',
  'color-scrim': 'rgb(0 0 0 / 0.6)',
  'color-shadow': 'rgb(0 0 0 / 0.4)',
  'shadow-sm': '0 1px 2px rgb(0 0 0 / 0.4)',
  'shadow-md': '0 4px 12px rgb(0 0 0 / 0.4), 0 1px 3px rgb(0 0 0 / 0.3)',
  'shadow-lg': '0 16px 40px rgb(0 0 0 / 0.55), 0 2px 8px rgb(0 0 0 / 0.35)',
};

function declarations(map: Partial<Record<TokenName, string>>): CSSResult {
  return unsafeCSS(
    Object.entries(map)
      .map(([name, value]) => `--poolse-${name}: ${value};`)
      .join('\n'),
  );
}

/**
 * `var(--poolse-<name>, <light value>)`, for use inside `css` templates:
 * `color: ${token('color-text')};`.
 */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(tokenReference(name));
}

/**
 * `var(--poolse-<name>, <light value>)` as text. Derived tokens name others
 * (the own bubble is `var(--poolse-color-accent)`), so their fallback carries
 * those references with fallbacks of their own: outside a provider, an accent
 * set anywhere above still reaches every surface derived from it.
 */
function tokenReference(name: TokenName): string {
  const fallback = lightTokens[name].replace(/var\(--poolse-([a-z0-9-]+)\)/g, (_, inner: string) =>
    tokenReference(inner as TokenName),
  );
  return `var(--poolse-${name}, ${fallback})`;
}

/**
 * The theme, for the provider's shadow root (or any host that owns a theme
 * attribute): light by default, dark with `theme="dark"`, and the OS choice
 * with `theme="auto"`.
 */
export const themeStyles = css`
  :host {
    ${declarations(lightTokens)}
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${declarations(darkTokens)}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${declarations(darkTokens)}
      color-scheme: dark;
    }
  }
`;

/**
 * For a provider rendered inside another themed element (the launcher's
 * panel): every token inherits from the outer element, so the theme and
 * accent set there, or on it by the page, style the whole panel instead of
 * being reset to the defaults by the inner provider.
 */
export const inheritedTheme = unsafeCSS(
  [
    ...Object.keys(lightTokens).map((name) => `--poolse-${name}: inherit;`),
    'color-scheme: inherit;',
  ].join('\n'),
);

/**
 * Resets every element shares: box sizing, inherited type, `hidden` that
 * beats display rules, one focus ring, a visually hidden helper, and no
 * motion for readers who asked for less.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: ${token('font-family')};
    font-size: ${token('font-size-md')};
    line-height: ${token('line-height')};
    color: ${token('color-text')};
    -webkit-font-smoothing: antialiased;
    /*
     * Inherited text properties cross the shadow boundary, so a page rule
     * like "body { text-transform: uppercase; letter-spacing: 2px }" would
     * restyle the chat. Reset them to defaults on every host.
     */
    font-style: normal;
    font-weight: ${token('font-weight-normal')};
    font-variant: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    word-break: normal;
    cursor: auto;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
  }
  /* Icons that point somewhere (send, back) point the other way in right-to-left text. */
  .flip-rtl:dir(rtl) {
    transform: scaleX(-1);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
`;
