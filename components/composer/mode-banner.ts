/**
 * The banner above the text area that says what the next send will be:
 * an edit, a reply in a thread, or a message quoting another one. Each has
 * a close button that leaves the mode.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { closeIcon, editIcon, quoteIcon, threadIcon } from './icons.js';

export type ComposerMode = 'edit' | 'thread' | 'quote';

export interface ModeBanner {
  mode: ComposerMode;
  title: string;
  /** A line of the message concerned (plain text, rendered as text). */
  excerpt?: string;
  closeLabel: string;
  onClose: () => void;
}

const icons = { edit: editIcon, thread: threadIcon, quote: quoteIcon } as const;

/** Longest excerpt shown; the line is also cut by CSS to one line. */
const EXCERPT_LENGTH = 140;

export function excerptOf(
  body: string | null,
  attachmentCount: number,
  attachmentLabel: string,
): string {
  if (body) return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body;
  return attachmentCount > 0 ? attachmentLabel : '';
}

function renderBanner(banner: ModeBanner): TemplateResult {
  return html`<div
    class="mode"
    part=${banner.mode === 'quote' ? 'mode quote' : 'mode'}
    data-mode=${banner.mode}
    role=${banner.mode === 'edit' ? 'status' : 'group'}
    aria-label=${banner.title}
  >
    ${icons[banner.mode]}
    <div class="mode-text">
      <span class="mode-title">${banner.title}</span>
      ${banner.excerpt ? html`<span class="mode-excerpt">${banner.excerpt}</span>` : nothing}
    </div>
    <button
      class="icon-button small"
      part="mode-close"
      type="button"
      aria-label=${banner.closeLabel}
      title=${banner.closeLabel}
      @click=${banner.onClose}
    >
      ${closeIcon}
    </button>
  </div>`;
}

export function renderModeBanners(banners: readonly ModeBanner[]): TemplateResult | typeof nothing {
  return banners.length > 0 ? html`${banners.map(renderBanner)}` : nothing;
}
