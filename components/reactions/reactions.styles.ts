import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const reactionsStyles = [
  baseStyles,
  css`
    :host {
      --_chip-bg: var(--poolse-reactions-chip-background, ${token('color-surface-sunken')});
      --_chip-border: var(--poolse-reactions-chip-border-color, ${token('color-border')});
      --_chip-own-bg: var(--poolse-reactions-own-background, ${token('color-accent-subtle')});
      --_chip-own-border: var(--poolse-reactions-own-border-color, ${token('color-accent')});
      --_chip-own-text: var(--poolse-reactions-own-color, ${token('color-accent-text')});
      display: block;
      position: relative;
      font-size: ${token('font-size-sm')};
    }
    [part~='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-1')};
    }
    button {
      cursor: pointer;
    }
    [part~='reaction'] {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      block-size: 26px;
      padding: 0 8px;
      border: 1px solid var(--_chip-border);
      border-radius: ${token('radius-full')};
      background: var(--_chip-bg);
      color: ${token('color-text-muted')};
      line-height: 1;
      transition: background ${token('duration-fast')} ${token('easing')}, border-color ${token('duration-fast')};
    }
    [part~='reaction']:hover {
      border-color: ${token('color-border-strong')};
    }
    [part~='reaction'][aria-pressed='true'] {
      background: var(--_chip-own-bg);
      border-color: var(--_chip-own-border);
      color: var(--_chip-own-text);
    }
    /* High contrast drops backgrounds: a reaction of one's own stays marked in system colours. */
    @media (forced-colors: active) {
      [part~='reaction'][aria-pressed='true'],
      [part~='quick-emoji'][aria-pressed='true'] {
        forced-color-adjust: none;
        background: Highlight;
        border-color: Highlight;
        color: HighlightText;
      }
    }
    [part~='emoji'] {
      font-size: 15px;
    }
    [part~='count'] {
      font-variant-numeric: tabular-nums;
      font-weight: ${token('font-weight-medium')};
    }
    [part~='add-button'] {
      display: inline-grid;
      place-items: center;
      block-size: 26px;
      inline-size: 30px;
      padding: 0;
      border: 1px dashed ${token('color-border-strong')};
      border-radius: ${token('radius-full')};
      background: transparent;
      color: ${token('color-text-muted')};
    }
    :host(:not([has-reactions])) [part~='add-button'] {
      display: none;
    }
    :host([picker-open]) [part~='add-button'] {
      display: inline-grid;
    }
    [part~='add-button']:hover {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    [part~='picker'] {
      /* The popover's UA styles centre it (inset: 0; margin: auto); this one sits by its button. */
      margin: 0;
      inset: auto;
      position: absolute;
      z-index: 20;
      inset-block-end: calc(100% + 6px);
      inset-inline-start: 0;
      display: flex;
      flex-direction: column;
      gap: ${token('space-2')};
      padding: ${token('space-2')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-lg')};
      background: ${token('color-surface-raised')};
      box-shadow: ${token('shadow-md')};
    }
    [part~='quick-list'] {
      display: flex;
      gap: 2px;
    }
    [part~='quick-emoji'],
    [part~='more-button'] {
      display: inline-grid;
      place-items: center;
      inline-size: 34px;
      block-size: 34px;
      padding: 0;
      border: 0;
      border-radius: ${token('radius-md')};
      background: transparent;
      font-size: 19px;
      line-height: 1;
    }
    [part~='quick-emoji']:hover,
    [part~='more-button']:hover {
      background: ${token('color-surface-hover')};
    }
    [part~='quick-emoji'][aria-pressed='true'] {
      background: ${token('color-accent-subtle')};
    }
    [part~='more-button'] {
      color: ${token('color-text-muted')};
    }
    svg {
      inline-size: 16px;
      block-size: 16px;
    }
  `,
];
