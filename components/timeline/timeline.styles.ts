import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const timelineStyles = [
  baseStyles,
  css`
    :host {
      --_bg: var(--poolse-timeline-background, ${token('color-surface')});
      display: block;
      position: relative;
      min-block-size: 0;
      background: var(--_bg);
      contain: strict;
    }
    [part~='scroller'] {
      position: absolute;
      inset: 0;
      overflow-x: hidden;
      overflow-y: auto;
      overflow-anchor: none;
      overscroll-behavior: contain;
      padding-block: ${token('space-2')} ${token('space-3')};
    }
    [part~='scroller']:focus-visible {
      outline-offset: -2px;
    }
    lit-virtualizer {
      inline-size: 100%;
      min-block-size: 0;
    }
    [part~='history'] {
      display: flex;
      justify-content: center;
      padding: ${token('space-4')} ${token('space-4')} ${token('space-2')};
      font-size: ${token('font-size-sm')};
      color: ${token('color-text-subtle')};
      min-block-size: 44px;
    }
    [part~='day'] {
      display: flex;
      align-items: center;
      gap: ${token('space-3')};
      inline-size: 100%;
      padding: ${token('space-4')} ${token('space-4')} ${token('space-1')};
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-text-muted')};
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    [part~='day']::before,
    [part~='day']::after,
    [part~='unread']::before,
    [part~='unread']::after {
      content: '';
      flex: 1;
      block-size: 1px;
      background: ${token('color-border')};
    }
    [part~='unread'] {
      display: flex;
      align-items: center;
      gap: ${token('space-3')};
      inline-size: 100%;
      padding: ${token('space-3')} ${token('space-4')} 0;
      font-size: ${token('font-size-xs')};
      font-weight: ${token('font-weight-semibold')};
      color: ${token('color-danger')};
    }
    [part~='unread']::before,
    [part~='unread']::after {
      background: ${token('color-danger')};
      opacity: 0.5;
    }
    poolse-message {
      inline-size: 100%;
    }
    [part~='jump-button'] {
      position: absolute;
      inset-block-end: ${token('space-4')};
      inset-inline-end: ${token('space-4')};
      z-index: 3;
      display: inline-flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: 8px 14px;
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius-full')};
      background: ${token('color-surface-raised')};
      color: ${token('color-text')};
      box-shadow: ${token('shadow-md')};
      font-size: ${token('font-size-sm')};
      font-weight: ${token('font-weight-medium')};
      cursor: pointer;
    }
    [part~='jump-count'] {
      padding: 1px 7px;
      border-radius: ${token('radius-full')};
      background: ${token('color-badge')};
      color: ${token('color-badge-text')};
      font-size: ${token('font-size-xs')};
      font-variant-numeric: tabular-nums;
    }
    [part~='status'] {
      display: grid;
      place-items: center;
      block-size: 100%;
      padding: ${token('space-6')};
      text-align: center;
      color: ${token('color-text-muted')};
    }
    .skeleton {
      inline-size: 100%;
      display: flex;
      flex-direction: column;
      gap: ${token('space-4')};
      padding: ${token('space-4')};
    }
    .skeleton span {
      display: block;
      block-size: 34px;
      border-radius: ${token('radius-xl')};
      background: ${token('color-skeleton')};
      animation: pulse 1.4s ease-in-out infinite;
    }
    .skeleton span:nth-child(odd) {
      inline-size: 46%;
    }
    .skeleton span:nth-child(even) {
      inline-size: 34%;
      align-self: flex-end;
    }
    @keyframes pulse {
      50% {
        opacity: 0.55;
      }
    }
    svg {
      inline-size: 14px;
      block-size: 14px;
    }
  `,
];
