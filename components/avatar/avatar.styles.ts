import { css } from 'lit';
import { baseStyles, token } from '../shared/tokens.styles.js';

export const avatarStyles = [
  baseStyles,
  css`
    :host {
      --_size: var(--poolse-avatar-size, 36px);
      --_radius: var(--poolse-avatar-radius, ${token('radius-full')});
      --_presence-size: var(--poolse-avatar-presence-size, max(8px, calc(var(--_size) * 0.28)));
      --_presence-online: var(--poolse-avatar-presence-online-color, ${token('color-success')});
      --_presence-offline: var(
        --poolse-avatar-presence-offline-color,
        ${token('color-border-strong')}
      );
      --_presence-ring: var(--poolse-avatar-presence-ring-color, ${token('color-surface')});
      display: inline-block;
      position: relative;
      inline-size: var(--_size);
      block-size: var(--_size);
      flex: none;
      vertical-align: middle;
    }
    :host([size='xs']) {
      --_size: var(--poolse-avatar-size, 20px);
    }
    :host([size='sm']) {
      --_size: var(--poolse-avatar-size, 28px);
    }
    :host([size='lg']) {
      --_size: var(--poolse-avatar-size, 44px);
    }
    [part~='base'] {
      display: grid;
      place-items: center;
      inline-size: 100%;
      block-size: 100%;
      border-radius: var(--_radius);
      overflow: hidden;
      background: var(--poolse-avatar-background, var(--_color));
      color: var(--poolse-avatar-color, #fff);
      font-size: calc(var(--_size) * 0.38);
      font-weight: ${token('font-weight-semibold')};
      line-height: 1;
      letter-spacing: 0.01em;
      user-select: none;
    }
    [part~='image'] {
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
      display: block;
    }
    [part~='presence'] {
      position: absolute;
      inset-inline-end: -1px;
      inset-block-end: -1px;
      inline-size: var(--_presence-size);
      block-size: var(--_presence-size);
      border-radius: 50%;
      background: var(--_presence-offline);
      box-shadow: 0 0 0 2px var(--_presence-ring);
    }
    [part~='presence'][data-state='online'] {
      background: var(--_presence-online);
    }
  `,
];
