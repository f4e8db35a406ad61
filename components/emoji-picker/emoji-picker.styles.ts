import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

/**
 * The picker's look. Everything comes from the poolse tokens, so it follows
 * the provider's light or dark theme; nothing is set inline (the strict CSP
 * allows only these constructable stylesheets).
 */
export const emojiPickerStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      --_width: var(--poolse-emoji-picker-width, 340px);
      --_height: var(--poolse-emoji-picker-height, 380px);
      --_cell: var(--poolse-emoji-picker-cell-size, 38px);
      --_emoji-size: var(--poolse-emoji-picker-emoji-size, 24px);
      width: var(--_width);
      max-width: 100%;
      height: var(--_height);
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
    :host([theme='light']) {
      color-scheme: light;
    }
    .picker {
      display: flex;
      flex-direction: column;
      height: 100%;
      overflow: hidden;
      background: ${token('color-surface-raised')};
      border-radius: ${token('radius-lg')};
    }

    .search {
      position: relative;
      padding: ${token('space-3')} ${token('space-3')} ${token('space-2')};
    }
    .search svg {
      position: absolute;
      inset-inline-start: calc(${token('space-3')} + 10px);
      top: 50%;
      translate: 0 calc(-50% + 2px);
      width: 16px;
      height: 16px;
      color: ${token('color-text-subtle')};
      pointer-events: none;
    }
    .search input {
      width: 100%;
      height: 34px;
      padding-block: 0;
      padding-inline: 34px ${token('space-3')};
      font: inherit;
      font-size: ${token('font-size-md')};
      color: ${token('color-text')};
      background: ${token('color-surface-sunken')};
      border: 1px solid transparent;
      border-radius: ${token('radius-md')};
      transition: border-color ${token('duration-fast')} ${token('easing')},
        background ${token('duration-fast')} ${token('easing')};
    }
    .search input::placeholder {
      color: ${token('color-text-subtle')};
    }
    .search input:hover {
      border-color: ${token('color-border')};
    }
    .search input:focus {
      outline: none;
      background: ${token('color-surface')};
      border-color: ${token('color-focus-ring')};
      box-shadow: 0 0 0 3px ${token('color-accent-subtle')};
    }
    .search input::-webkit-search-cancel-button {
      cursor: pointer;
    }

    .tabs {
      display: flex;
      gap: 2px;
      padding: 0 ${token('space-2')} ${token('space-1')};
      border-bottom: 1px solid ${token('color-border')};
    }
    .tab {
      flex: 1 1 0;
      min-width: 0;
      height: 34px;
      display: grid;
      place-items: center;
      padding: 0;
      font-size: 18px;
      line-height: 1;
      background: none;
      border: 0;
      border-radius: ${token('radius-sm')};
      cursor: pointer;
      position: relative;
      filter: grayscale(0.7);
      opacity: 0.7;
      transition: background ${token('duration-fast')} ${token('easing')},
        opacity ${token('duration-fast')} ${token('easing')};
    }
    .tab:hover {
      background: ${token('color-surface-hover')};
      filter: none;
      opacity: 1;
    }
    .tab:focus-visible {
      outline-offset: -2px;
    }
    .tab[aria-selected='true'] {
      filter: none;
      opacity: 1;
    }
    .tab[aria-selected='true']::after {
      content: '';
      position: absolute;
      inset-inline: 6px;
      bottom: -5px;
      height: 2px;
      border-radius: 2px;
      background: ${token('color-accent')};
    }

    .panel {
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
      padding: ${token('space-1')} ${token('space-2')} ${token('space-2')};
      scrollbar-width: thin;
    }
    .category-label {
      position: sticky;
      top: 0;
      z-index: 1;
      margin: 0;
      padding: ${token('space-2')} ${token('space-1')} ${token('space-1')};
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-semibold')};
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: ${token('color-text-muted')};
      background: ${token('color-surface-raised')};
    }
    .row {
      display: grid;
      grid-template-columns: repeat(8, minmax(0, 1fr));
    }
    .cell {
      display: grid;
      place-items: center;
    }
    .emoji {
      width: var(--_cell);
      height: var(--_cell);
      display: grid;
      place-items: center;
      padding: 0;
      font-size: var(--_emoji-size);
      line-height: 1;
      font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', 'Twemoji Mozilla',
        sans-serif;
      background: none;
      border: 0;
      border-radius: ${token('radius-md')};
      cursor: pointer;
      transition: background ${token('duration-fast')} ${token('easing')},
        transform ${token('duration-fast')} ${token('easing')};
    }
    .emoji:hover {
      background: ${token('color-surface-hover')};
    }
    .emoji:active {
      background: ${token('color-surface-active')};
      transform: scale(0.92);
    }
    .emoji:focus-visible {
      outline-offset: -2px;
      background: ${token('color-surface-selected')};
    }

    .state {
      height: 100%;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: ${token('space-2')};
      padding: ${token('space-6')};
      text-align: center;
      color: ${token('color-text-muted')};
      font-size: ${token('font-size-sm')};
    }
    .state-icon {
      font-size: 32px;
      line-height: 1;
      filter: grayscale(1);
      opacity: 0.6;
    }
    .state-title {
      margin: 0;
      font-size: ${token('font-size-md')};
      font-weight: ${token('font-weight-medium')};
      color: ${token('color-text')};
    }
    .state p {
      margin: 0;
    }
    .spinner {
      width: 22px;
      height: 22px;
      border-radius: 50%;
      border: 2px solid ${token('color-border')};
      border-top-color: ${token('color-accent')};
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        rotate: 1turn;
      }
    }
    .retry {
      margin-top: ${token('space-1')};
      padding: 6px ${token('space-3')};
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-medium')};
      color: ${token('color-text-on-accent')};
      background: ${token('color-accent')};
      border: 0;
      border-radius: ${token('radius-sm')};
      cursor: pointer;
    }
    .retry:hover {
      background: ${token('color-accent-hover')};
    }

    .preview {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      min-height: 44px;
      padding: ${token('space-2')} ${token('space-3')};
      border-top: 1px solid ${token('color-border')};
      background: ${token('color-surface-sunken')};
    }
    .preview-emoji {
      font-size: 24px;
      line-height: 1;
    }
    .preview-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      line-height: 1.25;
    }
    .preview-name {
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-medium')};
      color: ${token('color-text')};
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .preview-name::first-letter {
      text-transform: uppercase;
    }
    .preview-code {
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
];
