import { css } from 'lit';
import { themeStyles } from '../shared/tokens.styles.js';

/**
 * The provider is a plain block that holds the theme tokens for everything
 * below it; the app sizes and lays it out (for example `display: flex` to put
 * the inbox beside the conversation).
 */
export const providerStyles = [
  themeStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      min-width: 0;
      min-height: 0;
      color: var(--poolse-color-text);
      background: transparent;
    }
    :host([hidden]) {
      display: none;
    }
  `,
];
