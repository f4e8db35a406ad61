import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const lightboxStyles = [
  baseStyles,
  css`
    :host {
      --_scrim: var(--poolse-lightbox-scrim, rgb(10 12 16 / 0.86));
      --_radius: var(--poolse-lightbox-radius, ${token('radius-md')});
      display: contents;
    }
    dialog {
      position: fixed;
      inset: 0;
      inline-size: 100vw;
      block-size: 100vh;
      max-inline-size: none;
      max-block-size: none;
      margin: 0;
      padding: 0;
      border: 0;
      background: transparent;
      color: #fff;
      overflow: hidden;
    }
    dialog::backdrop {
      background: var(--_scrim);
    }
    [part~='frame'] {
      display: grid;
      grid-template-rows: auto 1fr;
      block-size: 100%;
      padding: ${token('space-4')};
      gap: ${token('space-3')};
    }
    [part~='toolbar'] {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      min-inline-size: 0;
    }
    [part~='caption'] {
      flex: 1;
      min-inline-size: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: ${token('font-weight-medium')};
      unicode-bidi: isolate;
    }
    [part~='close-button'],
    [part~='download-button'] {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: ${token('space-1')};
      min-block-size: 36px;
      min-inline-size: 36px;
      padding: 0 ${token('space-3')};
      border: 1px solid rgb(255 255 255 / 0.25);
      border-radius: ${token('radius-full')};
      background: rgb(255 255 255 / 0.1);
      color: #fff;
      cursor: pointer;
      text-decoration: none;
      font-size: ${token('font-size-sm')};
    }
    [part~='close-button']:hover,
    [part~='download-button']:hover {
      background: rgb(255 255 255 / 0.2);
    }
    :focus-visible {
      outline-color: #fff;
    }
    [part~='stage'] {
      display: grid;
      place-items: center;
      min-block-size: 0;
    }
    [part~='image'] {
      max-inline-size: 100%;
      max-block-size: 100%;
      object-fit: contain;
      border-radius: var(--_radius);
      box-shadow: ${token('shadow-lg')};
    }
    svg {
      inline-size: 18px;
      block-size: 18px;
    }
  `,
];
