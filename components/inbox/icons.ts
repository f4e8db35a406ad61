/** Inline icons (no icon font, no network): decorative, hidden from AT. */
import { svg } from 'lit';

const frame = (content: ReturnType<typeof svg>) => svg`<svg
  viewBox="0 0 24 24"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
  focusable="false"
>${content}</svg>`;

export const composeIcon = frame(
  svg`<path d="M12 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7" /><path d="M18.4 2.6a2.1 2.1 0 0 1 3 3L12 15l-4 1 1-4Z" />`,
);

export const chatIcon = frame(
  svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12Z" /><path d="M8 11h8M8 14.5h5" />`,
);

export const alertIcon = frame(
  svg`<circle cx="12" cy="12" r="9" /><path d="M12 7.5v5" /><path d="M12 16.2h.01" />`,
);
