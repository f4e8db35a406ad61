import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const messageStyles = [
  baseStyles,
  css`
    :host {
      --_bubble-other-bg: var(--poolse-message-bubble-background, ${token('color-bubble-other')});
      --_bubble-other-text: var(--poolse-message-bubble-color, ${token('color-bubble-other-text')});
      --_bubble-own-bg: var(--poolse-message-own-bubble-background, ${token('color-bubble-own')});
      --_bubble-own-text: var(--poolse-message-own-bubble-color, ${token('color-bubble-own-text')});
      --_radius: var(--poolse-message-bubble-radius, ${token('radius-xl')});
      --_max-width: var(--poolse-message-max-width, min(78%, 640px));
      --_avatar: 32px;
      --_gutter: ${token('space-4')};
      display: block;
      position: relative;
      contain: layout style;
      padding: 1px var(--_gutter);
    }
    :host([group-start]) {
      padding-block-start: ${token('space-3')};
    }
    :host(:hover),
    :host(:focus-within) {
      background: var(--poolse-message-hover-background, transparent);
    }
    [part~='row'] {
      display: flex;
      align-items: flex-end;
      gap: ${token('space-2')};
      min-inline-size: 0;
    }
    :host([own]) [part~='row'] {
      flex-direction: row-reverse;
    }
    [part~='avatar'],
    .avatar-spacer {
      flex: none;
      inline-size: var(--_avatar);
      align-self: flex-start;
      margin-block-start: 20px;
    }
    :host([own]) [part~='avatar'],
    :host([own]) .avatar-spacer {
      display: none;
    }
    [part~='content'] {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 4px;
      min-inline-size: 0;
      max-inline-size: var(--_max-width);
    }
    :host([own]) [part~='content'] {
      align-items: flex-end;
    }
    [part~='header'] {
      display: flex;
      align-items: baseline;
      gap: ${token('space-2')};
      max-inline-size: 100%;
      padding-inline: 4px;
      font-size: ${token('font-size-sm')};
      color: ${token('color-text-muted')};
    }
    [part~='sender'] {
      min-inline-size: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-text')};
      unicode-bidi: isolate;
    }
    [part~='time'] {
      flex: none;
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-subtle')};
      font-variant-numeric: tabular-nums;
    }
    [part~='bubble'] {
      position: relative;
      max-inline-size: 100%;
      min-inline-size: 0;
      padding: 8px 12px;
      border-radius: var(--_radius);
      background: var(--_bubble-other-bg);
      color: var(--_bubble-other-text);
      overflow: hidden;
    }
    /* High contrast drops backgrounds: a bubble keeps its outline so messages stay apart. */
    @media (forced-colors: active) {
      [part~='bubble'] {
        border: 1px solid CanvasText;
      }
    }
    :host([continued]:not([own])) [part~='bubble'] {
      border-start-start-radius: 6px;
    }
    :host([continued][own]) [part~='bubble'] {
      border-start-end-radius: 6px;
    }
    :host([own]) [part~='bubble'] {
      background: var(--_bubble-own-bg);
      color: var(--_bubble-own-text);
    }
    [part~='body'] {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      word-break: break-word;
      unicode-bidi: isolate;
      max-inline-size: 100%;
    }
    [part~='body'] a,
    [part~='quote-body'] a {
      color: ${token('color-link')};
      text-decoration: underline;
      text-underline-offset: 2px;
      overflow-wrap: anywhere;
    }
    :host([own]) [part~='body'] a {
      color: inherit;
    }
    .mention {
      padding: 0 3px;
      border-radius: 4px;
      background: ${token('color-mention-bg')};
      color: ${token('color-mention-text')};
      font-weight: ${token('font-weight-medium')};
    }
    :host([own]) .mention {
      background: rgb(255 255 255 / 0.22);
      color: inherit;
    }
    [part~='edited'] {
      margin-inline-start: 6px;
      font-size: ${token('font-size-xs')};
      opacity: 0.75;
      white-space: nowrap;
    }
    [part~='tombstone'] {
      font-style: italic;
      color: ${token('color-text-muted')};
    }
    :host([deleted]) [part~='bubble'] {
      background: transparent;
      border: 1px dashed ${token('color-border-strong')};
    }
    :host([deleted][own]) [part~='bubble'] {
      color: ${token('color-text-muted')};
    }
    [part~='quote'] {
      display: block;
      margin: 0 0 6px;
      padding: 4px 8px;
      border-inline-start: 3px solid currentColor;
      border-radius: 6px;
      background: rgb(0 0 0 / 0.05);
      font-size: ${token('font-size-sm')};
      opacity: 0.92;
      min-inline-size: 0;
    }
    :host([own]) [part~='quote'] {
      background: rgb(255 255 255 / 0.16);
    }
    [part~='quote-sender'] {
      display: block;
      font-weight: ${token('font-weight-semibold')};
      unicode-bidi: isolate;
    }
    [part~='quote-body'] {
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
      overflow-wrap: anywhere;
      unicode-bidi: isolate;
    }
    [part~='attachments'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-2')};
      max-inline-size: 100%;
    }
    :host([own]) [part~='attachments'] {
      justify-content: flex-end;
    }
    [part~='image-button'] {
      display: block;
      padding: 0;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-lg')};
      background: ${token('color-surface-sunken')};
      overflow: hidden;
      cursor: zoom-in;
      max-inline-size: 100%;
    }
    [part~='image'] {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    [part~='file'] {
      display: flex;
      align-items: center;
      gap: ${token('space-3')};
      inline-size: 280px;
      max-inline-size: 100%;
      padding: ${token('space-2')} ${token('space-3')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-lg')};
      background: ${token('color-surface')};
      color: ${token('color-text')};
    }
    [part~='file-icon'] {
      flex: none;
      display: grid;
      place-items: center;
      inline-size: 36px;
      block-size: 36px;
      border-radius: ${token('radius-md')};
      background: ${token('color-accent-subtle')};
      color: ${token('color-accent-text')};
    }
    .file-text {
      flex: 1;
      min-inline-size: 0;
      display: flex;
      flex-direction: column;
    }
    [part~='file-name'] {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: ${token('font-weight-medium')};
      unicode-bidi: isolate;
    }
    [part~='file-size'] {
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
    }
    [part~='download-button'] {
      flex: none;
      display: grid;
      place-items: center;
      inline-size: 32px;
      block-size: 32px;
      padding: 0;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-full')};
      background: transparent;
      color: ${token('color-text-muted')};
      cursor: pointer;
    }
    [part~='download-button']:hover {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    [part~='download-button']:disabled {
      opacity: 0.5;
      cursor: default;
    }
    [part~='replies'] {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-block-size: 24px; /* WCAG 2.5.8 target size */
      padding: 2px 8px;
      border: 0;
      border-radius: ${token('radius-sm')};
      background: transparent;
      color: ${token('color-accent-text')};
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-semibold')};
      cursor: pointer;
    }
    [part~='replies']:hover {
      background: ${token('color-accent-subtle')};
    }
    [part~='status'] {
      display: inline-flex;
      align-items: center;
      gap: ${token('space-2')};
      padding-inline: 4px;
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-subtle')};
    }
    :host([status='pending']) [part~='bubble'],
    :host([status='pending']) [part~='attachments'] {
      opacity: 0.62;
    }
    :host([status='failed']) [part~='bubble'] {
      outline: 1px solid ${token('color-danger')};
      outline-offset: 1px;
    }
    :host([status='failed']) [part~='status'] {
      color: ${token('color-danger')};
    }
    [part~='retry-button'] {
      padding: 2px 10px;
      border: 1px solid currentColor;
      border-radius: ${token('radius-full')};
      background: transparent;
      color: ${token('color-danger')};
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-semibold')};
      cursor: pointer;
    }
    [part~='receipt'] {
      padding-inline: 4px;
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-subtle')};
      overflow-wrap: anywhere;
    }
    [part~='system'] {
      display: block;
      text-align: center;
      font-size: ${token('font-size-sm')};
      color: ${token('color-text-muted')};
      padding: ${token('space-1')} ${token('space-6')};
      overflow-wrap: anywhere;
    }
    [part~='actions'] {
      position: absolute;
      inset-block-start: -10px;
      inset-inline-end: calc(var(--_gutter) + 4px);
      z-index: 2;
      display: flex;
      gap: 2px;
      padding: 2px;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-md')};
      background: ${token('color-surface-raised')};
      box-shadow: ${token('shadow-sm')};
      opacity: 0;
      pointer-events: none;
      transition: opacity ${token('duration-fast')} ${token('easing')};
    }
    :host(:hover) [part~='actions'],
    :host(:focus-within) [part~='actions'],
    :host([menu-open]) [part~='actions'] {
      opacity: 1;
      pointer-events: auto;
    }
    [part~='action-button'] {
      display: grid;
      place-items: center;
      inline-size: 28px;
      block-size: 28px;
      padding: 0;
      border: 0;
      border-radius: ${token('radius-sm')};
      background: transparent;
      color: ${token('color-text-muted')};
      cursor: pointer;
    }
    [part~='action-button']:hover {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    [part~='menu'] {
      margin: 0;
      inset: auto;
      min-inline-size: 188px;
      padding: 4px;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-md')};
      background: ${token('color-surface-raised')};
      color: ${token('color-text')};
      box-shadow: ${token('shadow-md')};
      font-family: ${token('font-family')};
      font-size: ${token('font-size-md')};
    }
    [part~='menu-item'] {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      inline-size: 100%;
      padding: 7px 10px;
      border: 0;
      border-radius: ${token('radius-sm')};
      background: transparent;
      text-align: start;
      cursor: pointer;
    }
    [part~='menu-item']:hover,
    [part~='menu-item']:focus-visible {
      background: ${token('color-surface-hover')};
      outline-offset: -2px;
    }
    [part~='menu-item'][data-danger] {
      color: ${token('color-danger')};
    }
    [part~='menu-item'] svg {
      color: ${token('color-text-muted')};
    }
    [part~='menu-item'][data-danger] svg {
      color: inherit;
    }
    [part~='confirm'] {
      inline-size: min(400px, calc(100vw - 32px));
      padding: ${token('space-5')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-lg')};
      background: ${token('color-surface-raised')};
      color: ${token('color-text')};
      box-shadow: ${token('shadow-lg')};
      font-family: ${token('font-family')};
    }
    [part~='confirm']::backdrop {
      background: ${token('color-scrim')};
    }
    [part~='confirm'] h2 {
      margin: 0 0 ${token('space-2')};
      font-size: ${token('font-size-lg')};
    }
    [part~='confirm'] p {
      margin: 0 0 ${token('space-5')};
      color: ${token('color-text-muted')};
    }
    .confirm-buttons {
      display: flex;
      justify-content: flex-end;
      gap: ${token('space-2')};
    }
    [part~='confirm-cancel'],
    [part~='confirm-delete'] {
      padding: 7px 14px;
      border: 1px solid ${token('color-border-strong')};
      border-radius: ${token('radius-md')};
      background: transparent;
      cursor: pointer;
      font-weight: ${token('font-weight-medium')};
    }
    [part~='confirm-delete'] {
      border-color: ${token('color-danger')};
      background: ${token('color-danger')};
      /* The surface colour reads on the danger colour in both themes (white on red, ink on pink). */
      color: ${token('color-surface')};
    }
    svg {
      inline-size: 16px;
      block-size: 16px;
      flex: none;
    }
  `,
];
