import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const threadStyles = [
  baseStyles,
  css`
    .thread-root {
      display: contents;
    }
    :host {
      --_bg: var(--poolse-thread-background, ${token('color-surface')});
      --_border: var(--poolse-thread-border-color, ${token('color-border')});
      display: flex;
      flex-direction: column;
      min-block-size: 0;
      block-size: 100%;
      background: var(--_bg);
      border-inline-start: 1px solid var(--_border);
    }
    [part~='header'] {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-3')};
      padding-inline-start: ${token('space-4')};
      border-block-end: 1px solid var(--_border);
      min-block-size: 56px;
    }
    [part~='title'] {
      flex: 1;
      margin: 0;
      font-size: ${token('font-size-lg')};
      font-weight: ${token('font-weight-semibold')};
    }
    [part~='close-button'] {
      display: grid;
      place-items: center;
      inline-size: 32px;
      block-size: 32px;
      padding: 0;
      border: 0;
      border-radius: ${token('radius-md')};
      background: transparent;
      color: ${token('color-text-muted')};
      cursor: pointer;
    }
    [part~='close-button']:hover {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    [part~='body'] {
      flex: 1;
      min-block-size: 0;
      overflow-y: auto;
      overflow-x: hidden;
      overscroll-behavior: contain;
      padding-block: ${token('space-2')};
    }
    [part~='root'] {
      padding-block-end: ${token('space-2')};
    }
    [part~='divider'] {
      display: flex;
      align-items: center;
      gap: ${token('space-3')};
      padding: ${token('space-2')} ${token('space-4')};
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-text-muted')};
    }
    [part~='divider']::after {
      content: '';
      flex: 1;
      block-size: 1px;
      background: var(--_border);
    }
    [part~='replies'] {
      display: flex;
      flex-direction: column;
    }
    [part~='empty'],
    [part~='status'] {
      padding: ${token('space-4')};
      color: ${token('color-text-muted')};
      font-size: ${token('font-size-sm')};
      text-align: center;
    }
    [part~='composer'] {
      flex: none;
      border-block-start: 1px solid var(--_border);
    }
    svg {
      inline-size: 18px;
      block-size: 18px;
    }
  `,
];
