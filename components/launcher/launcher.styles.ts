import { css } from 'lit';
import { baseStyles, inheritedTheme, themeStyles, token } from '../shared/tokens.styles.js';

/**
 * The launcher lives on pages it does not control. Page CSS reaches a custom
 * element's host (a `* { all: unset }` reset, say) and beats normal `:host`
 * rules, but `!important` inside the shadow root wins over the page's
 * normal and important declarations alike, so the few host properties the
 * layout depends on are important. Everything else is inside the shadow
 * root, where page selectors cannot reach.
 */
export const launcherStyles = [
  themeStyles,
  baseStyles,
  css`
    :host {
      --poolse-launcher-offset: 20px;
      --poolse-launcher-size: 56px;
      --poolse-launcher-panel-width: 760px;
      --poolse-launcher-panel-height: min(640px, calc(100vh - 120px));
      --poolse-launcher-z-index: 2147483000;
      display: block !important;
      position: fixed !important;
      inset: auto !important;
      inset-block-end: var(--poolse-launcher-offset) !important;
      inset-inline-end: var(--poolse-launcher-offset) !important;
      z-index: var(--poolse-launcher-z-index) !important;
      width: auto !important;
      height: auto !important;
      margin: 0 !important;
      padding: 0 !important;
      border: 0 !important;
      background: none !important;
      visibility: visible !important;
      opacity: 1 !important;
      transform: none !important;
      pointer-events: none !important;
    }
    /*
     * bottom-end (the default) and bottom-start follow the writing direction:
     * bottom-end is the right corner of a left-to-right page and the left one
     * of a right-to-left page. bottom-right and bottom-left stay put.
     */
    :host([position='bottom-start']) {
      inset-inline-start: var(--poolse-launcher-offset) !important;
      inset-inline-end: auto !important;
    }
    :host([position='bottom-right']) {
      inset: auto var(--poolse-launcher-offset) var(--poolse-launcher-offset) auto !important;
    }
    :host([position='bottom-left']) {
      inset: auto auto var(--poolse-launcher-offset) var(--poolse-launcher-offset) !important;
    }
    .root {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: ${token('space-3')};
      pointer-events: none;
      font-family: ${token('font-family')};
      font-size: ${token('font-size-md')};
      line-height: ${token('line-height')};
      color: ${token('color-text')};
      text-align: start;
      letter-spacing: normal;
      white-space: normal;
    }
    :host([position='bottom-start']) .root,
    :host([position='bottom-left']:dir(ltr)) .root,
    :host([position='bottom-right']:dir(rtl)) .root {
      align-items: flex-start;
    }
    .bubble {
      pointer-events: auto;
      position: relative;
      display: inline-grid;
      place-items: center;
      width: var(--poolse-launcher-size);
      height: var(--poolse-launcher-size);
      padding: 0;
      margin: 0;
      border: 0;
      border-radius: ${token('radius-full')};
      background: ${token('color-accent')};
      color: ${token('color-text-on-accent')};
      box-shadow: ${token('shadow-lg')};
      cursor: pointer;
      transition:
        transform ${token('duration-normal')} ${token('easing')},
        background ${token('duration-fast')} ease;
    }
    .bubble:hover {
      background: ${token('color-accent-hover')};
      transform: translateY(-1px);
    }
    .bubble:focus-visible {
      outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
      outline-offset: 3px;
    }
    .bubble svg {
      width: 26px;
      height: 26px;
      display: block;
    }
    .badge {
      position: absolute;
      top: -2px;
      inset-inline-end: -2px;
      min-width: 20px;
      height: 20px;
      padding: 0 6px;
      border-radius: ${token('radius-full')};
      background: ${token('color-danger')};
      color: #fff;
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-bold')};
      line-height: 20px;
      text-align: center;
      box-shadow: 0 0 0 2px ${token('color-surface')};
    }
    .panel {
      pointer-events: auto;
      display: flex;
      flex-direction: column;
      width: min(
        var(--poolse-launcher-panel-width),
        calc(100vw - 2 * var(--poolse-launcher-offset))
      );
      height: var(--poolse-launcher-panel-height);
      overflow: hidden;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-xl')};
      background: ${token('color-surface')};
      box-shadow: ${token('shadow-lg')};
      transform-origin: bottom right;
      animation: poolse-launcher-open ${token('duration-normal')} ${token('easing')};
    }
    :host(:dir(rtl)) .panel,
    :host([position='bottom-start']:dir(ltr)) .panel,
    :host([position='bottom-left']) .panel {
      transform-origin: bottom left;
    }
    :host([position='bottom-start']:dir(rtl)) .panel,
    :host([position='bottom-right']) .panel {
      transform-origin: bottom right;
    }
    @keyframes poolse-launcher-open {
      from {
        opacity: 0;
        transform: translateY(8px) scale(0.98);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .panel,
      .bubble {
        animation: none;
        transition: none;
      }
    }
    .panel-header {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-2')} ${token('space-3')};
      border-bottom: 1px solid ${token('color-border')};
      font-weight: ${token('font-weight-semibold')};
    }
    .panel-title {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .icon-button {
      display: inline-grid;
      place-items: center;
      width: 32px;
      height: 32px;
      padding: 0;
      border: 0;
      border-radius: ${token('radius-md')};
      background: transparent;
      color: ${token('color-text-muted')};
      cursor: pointer;
    }
    .icon-button:hover {
      background: ${token('color-surface-hover')};
      color: ${token('color-text')};
    }
    .icon-button:focus-visible {
      outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
      outline-offset: 1px;
    }
    .icon-button svg {
      width: 18px;
      height: 18px;
    }
    poolse-provider {
      ${inheritedTheme}
      display: flex;
      flex: 1;
      min-height: 0;
    }
    poolse-inbox {
      flex: 0 0 280px;
      min-width: 0;
      border-inline-end: 1px solid ${token('color-border')};
    }
    poolse-conversation {
      flex: 1;
      min-width: 0;
    }
    /* A narrow panel shows one pane at a time. */
    .panel.narrow poolse-inbox {
      flex: 1;
      border: 0;
    }
    .panel.narrow[data-pane='inbox'] poolse-conversation,
    .panel.narrow[data-pane='conversation'] poolse-inbox {
      display: none;
    }
    @media (max-width: 520px) {
      :host([open]) {
        inset: 0 !important;
      }
      :host([open]) .root {
        height: 100%;
      }
      :host([open]) .panel {
        width: 100vw;
        height: 100%;
        border-radius: 0;
        border: 0;
      }
      :host([open]) .bubble {
        display: none;
      }
    }
  `,
];
