import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const composerStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      position: relative;
      container-type: inline-size;
      --_bg: var(--poolse-composer-background, ${token('color-surface')});
      --_border: var(--poolse-composer-border-color, ${token('color-border-strong')});
      --_radius: var(--poolse-composer-radius, ${token('radius-lg')});
      --_max-height: var(--poolse-composer-max-height, 12.5em);
      --_padding: var(--poolse-composer-padding, ${token('space-3')});
      --_accent: ${token('color-accent')};
      padding: var(--_padding);
    }

    .frame {
      position: relative;
      display: flex;
      flex-direction: column;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: ${token('shadow-sm')};
      transition:
        border-color ${token('duration-fast')} ${token('easing')},
        box-shadow ${token('duration-fast')} ${token('easing')};
    }
    .frame:focus-within {
      border-color: ${token('color-focus-ring')};
      box-shadow:
        0 0 0 3px color-mix(in srgb, ${token('color-focus-ring')} 22%, transparent),
        ${token('shadow-sm')};
    }
    :host([dragging]) .frame {
      border-style: dashed;
      border-color: var(--_accent);
      background: ${token('color-accent-subtle')};
    }
    :host([disabled]) .frame {
      opacity: 0.6;
    }

    /* Mode banner: thread, quote, edit */
    .mode {
      display: flex;
      align-items: flex-start;
      gap: ${token('space-2')};
      margin: ${token('space-2')} ${token('space-2')} 0;
      padding: ${token('space-2')};
      padding-inline-start: ${token('space-3')};
      border-radius: ${token('radius-md')};
      background: ${token('color-surface-sunken')};
      border-inline-start: 3px solid var(--_accent);
      font-size: ${token('font-size-sm')};
      color: ${token('color-text-muted')};
    }
    .mode[data-mode='edit'] {
      border-inline-start-color: ${token('color-warning')};
    }
    .mode-text {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .mode-title {
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-text')};
    }
    .mode-excerpt {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      unicode-bidi: plaintext;
    }

    /* Attachment chips */
    .attachments {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-2')};
      margin: 0;
      padding: ${token('space-2')} ${token('space-2')} 0;
      list-style: none;
    }
    .chip {
      position: relative;
      display: grid;
      grid-template-columns: 40px minmax(0, 1fr) auto;
      align-items: center;
      column-gap: ${token('space-2')};
      width: 240px;
      max-width: 100%;
      padding: ${token('space-2')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-md')};
      background: ${token('color-surface-raised')};
    }
    .chip[data-status='failed'] {
      border-color: ${token('color-danger')};
      background: ${token('color-danger-subtle')};
    }
    .thumb {
      width: 40px;
      height: 40px;
      border-radius: ${token('radius-sm')};
      object-fit: cover;
      background: ${token('color-surface-sunken')};
      display: grid;
      place-items: center;
      color: ${token('color-text-muted')};
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-semibold')};
      text-transform: uppercase;
      overflow: hidden;
    }
    .chip-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      gap: 2px;
    }
    .chip-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-medium')};
    }
    .chip-meta {
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
      overflow-wrap: anywhere;
    }
    .chip-error {
      font-size: ${token('font-size-xs')};
      color: ${token('color-danger')};
      overflow-wrap: anywhere;
    }
    .chip-actions {
      display: flex;
      gap: 2px;
    }
    .progress {
      grid-column: 1 / -1;
      height: 4px;
      margin-top: ${token('space-2')};
      border-radius: ${token('radius-full')};
      background: ${token('color-surface-active')};
      overflow: hidden;
    }
    .progress-bar {
      height: 100%;
      width: calc(var(--_progress, 0) * 100%);
      background: var(--_accent);
      border-radius: inherit;
      transition: width ${token('duration-normal')} linear;
    }
    .chip[data-status='done'] .progress-bar {
      background: ${token('color-success')};
    }

    /* Text area */
    .input-row {
      display: flex;
      align-items: flex-end;
    }
    textarea {
      flex: 1;
      display: block;
      width: 100%;
      min-height: calc(1em * ${token('line-height')} + 2 * ${token('space-3')});
      max-height: var(--_max-height);
      margin: 0;
      padding: ${token('space-3')} ${token('space-3')} ${token('space-1')};
      border: none;
      outline: none;
      resize: none;
      overflow-y: auto;
      background: transparent;
      color: ${token('color-text')};
      font: inherit;
      font-size: ${token('font-size-md')};
      line-height: ${token('line-height')};
      unicode-bidi: plaintext;
    }
    textarea::placeholder {
      color: ${token('color-text-subtle')};
    }
    /* The frame carries the focus ring for the text area. */
    textarea:focus-visible {
      outline: none;
    }

    .toolbar {
      display: flex;
      align-items: center;
      gap: ${token('space-1')};
      padding: ${token('space-1')} ${token('space-2')} ${token('space-2')};
    }
    .spacer {
      flex: 1;
    }
    .hint {
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-subtle')};
      margin-inline-end: ${token('space-2')};
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    @container (max-width: 420px) {
      .hint {
        display: none;
      }
    }

    .icon-button {
      display: inline-grid;
      place-items: center;
      width: 32px;
      height: 32px;
      padding: 0;
      border: none;
      border-radius: ${token('radius-sm')};
      background: transparent;
      color: ${token('color-text-muted')};
      cursor: pointer;
      transition:
        background ${token('duration-fast')} ${token('easing')},
        color ${token('duration-fast')} ${token('easing')};
    }
    .icon-button:hover:not(:disabled),
    .icon-button[aria-expanded='true'] {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    .icon-button:disabled {
      cursor: default;
      opacity: 0.45;
    }
    .icon-button.small {
      width: 24px;
      height: 24px;
    }
    svg {
      width: 18px;
      height: 18px;
      flex: none;
    }
    .small svg {
      width: 14px;
      height: 14px;
    }

    .send {
      display: inline-flex;
      align-items: center;
      gap: ${token('space-1')};
      height: 32px;
      padding: 0 ${token('space-3')};
      border: none;
      border-radius: ${token('radius-sm')};
      background: var(--poolse-composer-send-background, var(--_accent));
      color: ${token('color-text-on-accent')};
      font-weight: ${token('font-weight-semibold')};
      font-size: ${token('font-size-sm')};
      cursor: pointer;
    }
    .send:hover:not(:disabled) {
      background: ${token('color-accent-hover')};
    }
    .send:disabled {
      cursor: default;
      background: ${token('color-surface-active')};
      color: ${token('color-text-muted')};
    }
    .send[aria-busy='true'] {
      background: ${token('color-accent-subtle')};
      color: ${token('color-accent-text')};
    }

    /* Suggestions (mentions, shortcodes) */
    .suggestions {
      position: absolute;
      inset-inline-start: ${token('space-2')};
      bottom: calc(100% + ${token('space-1')});
      z-index: 2;
      min-width: 220px;
      max-width: min(360px, calc(100% - 2 * ${token('space-2')}));
      max-height: 240px;
      overflow-y: auto;
      margin: 0;
      padding: ${token('space-1')};
      list-style: none;
      background: ${token('color-surface-raised')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-md')};
      box-shadow: ${token('shadow-lg')};
    }
    .option {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: 6px ${token('space-2')};
      border-radius: ${token('radius-sm')};
      cursor: pointer;
      font-size: ${token('font-size-md')};
    }
    .option[aria-selected='true'] {
      background: ${token('color-accent-subtle')};
      color: ${token('color-accent-text')};
    }
    .option-emoji {
      width: 24px;
      text-align: center;
      font-size: 18px;
    }
    .option-secondary {
      margin-inline-start: auto;
      color: ${token('color-text-muted')};
      font-size: ${token('font-size-xs')};
    }
    .option[aria-selected='true'] .option-secondary {
      color: inherit;
    }

    /* Emoji popover */
    .emoji-popover {
      position: absolute;
      inset-inline-end: 0;
      bottom: calc(100% + ${token('space-1')});
      z-index: 3;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-lg')};
      box-shadow: ${token('shadow-lg')};
      background: ${token('color-surface-raised')};
      overflow: hidden;
    }

    .drop-hint {
      position: absolute;
      inset: 0;
      z-index: 1;
      display: grid;
      place-items: center;
      border-radius: inherit;
      background: color-mix(in srgb, ${token('color-accent-subtle')} 88%, transparent);
      color: ${token('color-accent-text')};
      font-weight: ${token('font-weight-semibold')};
      pointer-events: none;
    }

    .notice {
      margin: ${token('space-1')} ${token('space-1')} 0;
      font-size: ${token('font-size-xs')};
      color: ${token('color-danger')};
    }
    .notice:empty {
      display: none;
    }
  `,
];
