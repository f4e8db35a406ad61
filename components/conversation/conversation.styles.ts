import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const conversationStyles = [
  baseStyles,
  css`
    :host {
      --_bg: var(--poolse-conversation-background, ${token('color-surface')});
      --_border: var(--poolse-conversation-border-color, ${token('color-border')});
      --_thread-width: var(--poolse-conversation-thread-width, 380px);
      display: block;
      position: relative;
      /*
       * Size containment (below) gives the host no width of its own, so in a
       * flex row it takes the space that is left instead of shrinking to 0.
       */
      flex: 1 1 0%;
      block-size: 100%;
      min-block-size: 320px;
      min-inline-size: 0;
      overflow: hidden;
      background: var(--_bg);
      container: poolse-conversation / inline-size;
      text-align: start;
    }
    /*
     * The host is the one box page CSS can reach, and inherited properties
     * (font size, colour, spacing, alignment, white-space…) flow through it
     * into everything inside. Cut them off here and set ours from tokens.
     */
    [part~='base'],
    [part~='empty'] {
      all: initial;
      /* \`all\` leaves direction alone, so a right-to-left page still gets a right-to-left chat. */
      box-sizing: border-box;
      font-family: ${token('font-family')};
      font-size: ${token('font-size-md')};
      line-height: ${token('line-height')};
      color: ${token('color-text')};
      -webkit-font-smoothing: antialiased;
    }
    [part~='base'] {
      display: flex;
      flex-direction: column;
      block-size: 100%;
      min-block-size: 0;
    }
    [part~='header'] {
      flex: none;
      display: flex;
      align-items: center;
      gap: ${token('space-3')};
      min-block-size: 60px;
      padding: ${token('space-2')} ${token('space-4')};
      border-block-end: 1px solid var(--_border);
      background: var(--poolse-conversation-header-background, ${token('color-surface')});
    }
    [part~='header-avatars'] {
      display: flex;
      flex: none;
    }
    [part~='header-avatars'] poolse-avatar + poolse-avatar {
      margin-inline-start: -8px;
    }
    /* A ring in the header's colour keeps each face in the pile readable. */
    [part~='header-avatars'] poolse-avatar::part(base) {
      box-shadow: 0 0 0 2px var(--poolse-conversation-header-background, ${token('color-surface')});
    }
    /* The first face stays on top of the pile. */
    [part~='header-avatars'] poolse-avatar:nth-child(1) {
      z-index: 3;
    }
    [part~='header-avatars'] poolse-avatar:nth-child(2) {
      z-index: 2;
    }
    [part~='header-avatars'] poolse-avatar {
      --poolse-avatar-presence-ring-color: var(--poolse-conversation-header-background, ${token('color-surface')});
      border-radius: 999px;
      box-shadow: 0 0 0 2px var(--poolse-conversation-header-background, ${token('color-surface')});
    }
    .header-text {
      flex: 1;
      min-inline-size: 0;
      display: flex;
      flex-direction: column;
    }
    [part~='title'] {
      /* dir=auto reads the name in its own direction; the line still starts where the UI's does. */
      text-align: match-parent;
      margin: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: ${token('font-size-lg')};
      font-weight: ${token('font-weight-semibold')};
      line-height: 1.3;
      unicode-bidi: isolate;
    }
    [part~='subtitle'] {
      display: flex;
      align-items: center;
      gap: 6px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: ${token('font-size-sm')};
      color: ${token('color-text-muted')};
    }
    [part~='online-dot'] {
      inline-size: 8px;
      block-size: 8px;
      border-radius: 50%;
      background: ${token('color-success')};
      flex: none;
    }
    [part~='banner'] {
      flex: none;
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-2')} ${token('space-4')};
      background: ${token('color-warning-subtle')};
      color: ${token('color-warning')};
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-medium')};
      border-block-end: 1px solid var(--_border);
    }
    [part~='banner']::before {
      content: '';
      inline-size: 8px;
      block-size: 8px;
      border-radius: 50%;
      background: currentColor;
      animation: blink 1.2s ease-in-out infinite;
    }
    @keyframes blink {
      50% {
        opacity: 0.3;
      }
    }
    [part~='main'] {
      flex: 1;
      display: flex;
      min-block-size: 0;
      position: relative;
    }
    .feed {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
      min-block-size: 0;
    }
    poolse-timeline {
      flex: 1;
    }
    [part~='typing'] {
      flex: none;
      display: flex;
      align-items: center;
      gap: 6px;
      min-block-size: 22px;
      padding: 0 ${token('space-4')};
      font-size: ${token('font-size-xs')};
      color: ${token('color-text-muted')};
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .dots {
      display: inline-flex;
      gap: 3px;
    }
    .dots span {
      inline-size: 5px;
      block-size: 5px;
      border-radius: 50%;
      background: currentColor;
      animation: bounce 1.2s infinite ease-in-out;
    }
    .dots span:nth-child(2) {
      animation-delay: 0.15s;
    }
    .dots span:nth-child(3) {
      animation-delay: 0.3s;
    }
    @keyframes bounce {
      0%,
      60%,
      100% {
        transform: translateY(0);
        opacity: 0.5;
      }
      30% {
        transform: translateY(-3px);
        opacity: 1;
      }
    }
    [part~='composer'] {
      flex: none;
    }
    [part~='thread'] {
      flex: none;
      inline-size: var(--_thread-width);
      max-inline-size: 100%;
      min-block-size: 0;
    }
    @container poolse-conversation (max-width: 720px) {
      [part~='thread'] {
        position: absolute;
        inset: 0;
        inline-size: auto;
        z-index: 5;
        box-shadow: ${token('shadow-lg')};
      }
    }
    [part~='empty'] {
      display: grid;
      place-content: center;
      justify-items: center;
      gap: ${token('space-2')};
      block-size: 100%;
      padding: ${token('space-8')};
      text-align: center;
      color: ${token('color-text-muted')};
    }
    [part~='empty-icon'] {
      display: grid;
      place-items: center;
      inline-size: 56px;
      block-size: 56px;
      margin-block-end: ${token('space-2')};
      border-radius: ${token('radius-xl')};
      background: ${token('color-accent-subtle')};
      color: ${token('color-accent-text')};
    }
    [part~='empty-icon'] svg {
      inline-size: 26px;
      block-size: 26px;
    }
    [part~='empty-title'] {
      margin: 0;
      font-size: ${token('font-size-lg')};
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-text')};
    }
    [part~='empty-body'] {
      margin: 0;
      font-size: ${token('font-size-sm')};
    }
  `,
];
