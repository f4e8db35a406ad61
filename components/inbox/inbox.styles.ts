import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const inboxStyles = [
  baseStyles,
  css`
    :host {
      --_bg: var(--poolse-inbox-background, ${token('color-surface')});
      --_row-padding: var(--poolse-inbox-row-padding, 10px 10px);
      --_row-radius: var(--poolse-inbox-row-radius, ${token('radius-md')});
      --_row-hover: var(--poolse-inbox-row-hover-background, ${token('color-surface-hover')});
      --_row-selected: var(
        --poolse-inbox-row-selected-background,
        ${token('color-surface-selected')}
      );
      --_name-color: var(--poolse-inbox-name-color, ${token('color-text')});
      --_preview-color: var(--poolse-inbox-preview-color, ${token('color-text-subtle')});
      --_time-color: var(--poolse-inbox-time-color, ${token('color-text-subtle')});
      --_badge-bg: var(--poolse-inbox-badge-background, ${token('color-badge')});
      --_badge-color: var(--poolse-inbox-badge-color, ${token('color-badge-text')});
      --_typing-color: var(--poolse-inbox-typing-color, ${token('color-accent-text')});
      --_avatar-size: var(--poolse-inbox-avatar-size, 40px);
      display: flex;
      flex-direction: column;
      position: relative;
      /* Beside the conversation in a flex row, a fixed column that gives way when space runs out. */
      flex: 0 1 var(--poolse-inbox-width, 320px);
      min-inline-size: 0;
      block-size: 100%;
      overflow: hidden;
      background: var(--_bg);
      contain: layout paint;
    }

    /* Header ------------------------------------------------------------- */
    [part~='header'] {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-4')} ${token('space-4')} ${token('space-3')};
      flex: none;
    }
    [part~='header-content'] {
      flex: 1;
      min-inline-size: 0;
    }
    [part~='title'] {
      margin: 0;
      font-size: ${token('font-size-xl')};
      font-weight: ${token('font-weight-bold')};
      letter-spacing: -0.01em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .icon-button {
      display: inline-grid;
      place-items: center;
      inline-size: 34px;
      block-size: 34px;
      padding: 0;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-md')};
      background: ${token('color-surface')};
      color: ${token('color-text-muted')};
      cursor: pointer;
      flex: none;
      transition:
        background ${token('duration-fast')} ${token('easing')},
        color ${token('duration-fast')} ${token('easing')};
    }
    .icon-button:hover {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    .icon-button svg {
      inline-size: 18px;
      block-size: 18px;
    }

    /* List --------------------------------------------------------------- */
    [part~='list'] {
      flex: 1;
      min-block-size: 0;
      overflow-y: auto;
      overflow-x: hidden;
      overscroll-behavior: contain;
      padding: 0 ${token('space-2')} ${token('space-2')};
      margin: 0;
      outline: none;
    }
    [part~='row'] {
      display: grid;
      grid-template-columns: var(--_avatar-size) minmax(0, 1fr);
      align-items: center;
      column-gap: ${token('space-3')};
      padding: var(--_row-padding);
      border-radius: var(--_row-radius);
      cursor: pointer;
      position: relative;
      min-inline-size: 0;
      overflow: hidden;
      user-select: none;
      transition: background ${token('duration-fast')} ${token('easing')};
    }
    [part~='row'] + [part~='row'] {
      margin-block-start: 2px;
    }
    [part~='row']:hover {
      background: var(--_row-hover);
    }
    [part~='row'][aria-selected='true'] {
      background: var(--_row-selected);
    }
    /* High contrast drops backgrounds: the selected row keeps a system-coloured frame. */
    @media (forced-colors: active) {
      [part~='row'][aria-selected='true'] {
        outline: 2px solid Highlight;
        outline-offset: -2px;
      }
    }
    [part~='row']:focus-visible {
      outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
      outline-offset: -2px;
    }
    [part~='avatar'] {
      --poolse-avatar-size: var(--_avatar-size);
      --poolse-avatar-presence-ring-color: var(--_bg);
    }
    [part~='row'][aria-selected='true'] [part~='avatar'] {
      --poolse-avatar-presence-ring-color: var(--_row-selected);
    }
    .row-main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-rows: auto auto;
      column-gap: ${token('space-2')};
      row-gap: 2px;
      min-inline-size: 0;
    }
    [part~='name'],
    [part~='preview'] {
      text-align: match-parent;
      min-inline-size: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      unicode-bidi: isolate;
      overflow-wrap: normal;
    }
    [part~='name'] {
      /* dir=auto reads the name in its own direction; the line still starts where the UI's does. */
      text-align: match-parent;
      font-weight: ${token('font-weight-medium')};
      color: var(--_name-color);
      font-size: ${token('font-size-md')};
    }
    [part~='time'] {
      font-size: ${token('font-size-xs')};
      color: var(--_time-color);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      justify-self: end;
    }
    [part~='preview'] {
      font-size: ${token('font-size-sm')};
      color: var(--_preview-color);
    }
    [part~='row'][data-unread] [part~='name'] {
      font-weight: ${token('font-weight-bold')};
    }
    [part~='row'][data-unread] [part~='preview'] {
      color: ${token('color-text')};
    }
    [part~='row'] [part~='preview'][data-kind='typing'] {
      color: var(--_typing-color);
      font-style: italic;
    }
    [part~='row'][data-unread] [part~='time'] {
      color: ${token('color-accent-text')};
      font-weight: ${token('font-weight-semibold')};
    }
    [part~='badge'] {
      justify-self: end;
      min-inline-size: 20px;
      block-size: 20px;
      padding: 0 6px;
      border-radius: ${token('radius-full')};
      background: var(--_badge-bg);
      color: var(--_badge-color);
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-bold')};
      line-height: 20px;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }

    /* Skeleton ----------------------------------------------------------- */
    [part~='skeleton'] {
      padding: 0 ${token('space-2')};
    }
    .skeleton-row {
      display: grid;
      grid-template-columns: var(--_avatar-size) 1fr;
      gap: ${token('space-3')};
      align-items: center;
      padding: var(--_row-padding);
    }
    .skeleton-block {
      background: linear-gradient(
        90deg,
        ${token('color-skeleton')} 0%,
        ${token('color-skeleton-shine')} 50%,
        ${token('color-skeleton')} 100%
      );
      background-size: 200% 100%;
      animation: poolse-shimmer 1.4s ease-in-out infinite;
      border-radius: ${token('radius-sm')};
    }
    .skeleton-avatar {
      inline-size: var(--_avatar-size);
      block-size: var(--_avatar-size);
      border-radius: 50%;
    }
    .skeleton-lines {
      display: grid;
      gap: 8px;
    }
    .skeleton-line {
      block-size: 11px;
    }
    @keyframes poolse-shimmer {
      from {
        background-position: 100% 0;
      }
      to {
        background-position: -100% 0;
      }
    }

    /* Empty and error states ------------------------------------------- */
    [part~='empty'],
    [part~='error'] {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: ${token('space-2')};
      padding: ${token('space-8')} ${token('space-6')};
      text-align: center;
      color: ${token('color-text-muted')};
    }
    .state-icon {
      display: grid;
      place-items: center;
      inline-size: 48px;
      block-size: 48px;
      border-radius: 50%;
      background: ${token('color-accent-subtle')};
      color: ${token('color-accent-text')};
      margin-block-end: ${token('space-2')};
    }
    [part~='error'] .state-icon {
      background: ${token('color-danger-subtle')};
      color: ${token('color-danger')};
    }
    .state-icon svg {
      inline-size: 24px;
      block-size: 24px;
    }
    .state-title {
      margin: 0;
      font-size: ${token('font-size-md')};
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-text')};
    }
    .state-body {
      margin: 0;
      font-size: ${token('font-size-sm')};
      max-inline-size: 28ch;
    }

    /* Buttons and fields ----------------------------------------------- */
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: ${token('space-2')};
      min-block-size: 34px;
      padding: 0 ${token('space-4')};
      border-radius: ${token('radius-md')};
      border: 1px solid ${token('color-border')};
      background: ${token('color-surface')};
      color: ${token('color-text')};
      font-weight: ${token('font-weight-medium')};
      font-size: ${token('font-size-md')};
      cursor: pointer;
      transition: background ${token('duration-fast')} ${token('easing')};
    }
    .button:hover {
      background: ${token('color-surface-hover')};
    }
    .button.primary {
      background: ${token('color-accent')};
      border-color: transparent;
      color: ${token('color-text-on-accent')};
    }
    .button.primary:hover {
      background: ${token('color-accent-hover')};
    }
    .button:disabled {
      opacity: 0.6;
      cursor: default;
    }

    [part~='new-dialog'] {
      inline-size: min(420px, calc(100vw - 32px));
      max-block-size: calc(100dvh - 32px);
      padding: 0;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-lg')};
      background: ${token('color-surface-raised')};
      color: ${token('color-text')};
      box-shadow: ${token('shadow-lg')};
      overflow: auto;
    }
    [part~='new-dialog']::backdrop {
      background: ${token('color-scrim')};
    }
    form {
      display: grid;
      gap: ${token('space-4')};
      padding: ${token('space-5')};
    }
    .dialog-title {
      margin: 0;
      font-size: ${token('font-size-lg')};
      font-weight: ${token('font-weight-semibold')};
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-inline-size: 0;
    }
    legend,
    label {
      display: block;
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-medium')};
      color: ${token('color-text-muted')};
      margin-block-end: 6px;
      padding: 0;
    }
    [part~='type-switch'] {
      display: grid;
      grid-template-columns: 1fr 1fr;
      padding: 3px;
      gap: 3px;
      border-radius: ${token('radius-md')};
      background: ${token('color-surface-sunken')};
      border: 1px solid ${token('color-border')};
    }
    [part~='type-switch'] label {
      margin: 0;
      position: relative;
      display: grid;
      place-items: center;
      min-block-size: 30px;
      border-radius: ${token('radius-sm')};
      color: ${token('color-text-muted')};
      font-size: ${token('font-size-md')};
      cursor: pointer;
    }
    [part~='type-switch'] input {
      position: absolute;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }
    [part~='type-switch'] label:has(input:checked) {
      background: ${token('color-surface-raised')};
      color: ${token('color-text')};
      box-shadow: ${token('shadow-sm')};
    }
    [part~='type-switch'] label:has(input:focus-visible) {
      outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
      outline-offset: 1px;
    }
    .field input {
      display: block;
      inline-size: 100%;
      min-block-size: 38px;
      padding: 0 ${token('space-3')};
      border: 1px solid ${token('color-border-strong')};
      border-radius: ${token('radius-md')};
      background: ${token('color-surface')};
      color: ${token('color-text')};
      font: inherit;
    }
    .field input:focus-visible {
      outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
      outline-offset: 0;
      border-color: transparent;
    }
    .hint {
      margin: 6px 0 0;
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-subtle')};
    }
    [part~='form-error'] {
      margin: 0;
      padding: ${token('space-2')} ${token('space-3')};
      border-radius: ${token('radius-sm')};
      background: ${token('color-danger-subtle')};
      color: ${token('color-danger')};
      font-size: ${token('font-size-sm')};
    }
    .dialog-actions {
      display: flex;
      justify-content: flex-end;
      gap: ${token('space-2')};
    }
  `,
];
