/** Inline icons of the message pieces (decorative: buttons carry their own labels). */
import { svg, html, type TemplateResult } from 'lit';

function icon(paths: TemplateResult): TemplateResult {
  return html`<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
}

export const icons = {
  more: icon(
    svg`<circle cx="4.5" cy="10" r="1.1" fill="currentColor"/><circle cx="10" cy="10" r="1.1" fill="currentColor"/><circle cx="15.5" cy="10" r="1.1" fill="currentColor"/>`,
  ),
  reply: icon(svg`<path d="M4 5.5h12v7.5H9l-4 3v-3H4z"/>`),
  quote: icon(svg`<path d="M5 7h4v4H6.5c0 1.5.5 2.5 2 3M11 7h4v4h-2.5c0 1.5.5 2.5 2 3"/>`),
  react: icon(
    svg`<circle cx="10" cy="10" r="7"/><path d="M7.2 11.6c.7 1 1.7 1.5 2.8 1.5s2.1-.5 2.8-1.5"/><path d="M7.5 8h.01M12.5 8h.01" stroke-width="2.2"/>`,
  ),
  copy: icon(
    svg`<rect x="7" y="7" width="9" height="9" rx="2"/><path d="M13 4H6a2 2 0 0 0-2 2v7"/>`,
  ),
  edit: icon(svg`<path d="M13.5 4.5l2 2L8 14l-3 1 1-3z"/>`),
  trash: icon(svg`<path d="M4.5 6h11M8 6V4.5h4V6M6 6l.7 9.5h6.6L14 6"/>`),
  file: icon(svg`<path d="M6 3h5l4 4v10H6z"/><path d="M11 3v4h4"/>`),
  download: icon(svg`<path d="M10 3v10M6 9l4 4 4-4M4 16h12"/>`),
  thread: icon(svg`<path d="M4 5h12v7H9l-4 3v-3H4z"/>`),
};
