/**
 * Renders a user's text with links and mentions, as Lit templates only:
 * text goes into text nodes and hrefs into attribute bindings, so nothing a
 * user wrote is ever parsed as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { linkify, type LinkifyOptions } from './linkify.js';

export interface RichTextOptions extends LinkifyOptions {
  /** Marks a mention of the reader so it can be styled apart. */
  isSelf?: (handle: string) => boolean;
}

export function renderRichText(
  text: string | null | undefined,
  options: RichTextOptions = {},
): TemplateResult {
  const parts = linkify(text, options);
  return html`${parts.map((part) => {
    switch (part.kind) {
      case 'link':
        return html`<a
          part="link"
          href=${part.href}
          rel="noopener noreferrer nofollow"
          target="_blank"
          >${part.text}</a
        >`;
      case 'mention':
        return html`<span
          part=${options.isSelf?.(part.handle) ? 'mention mention-self' : 'mention'}
          class="mention"
          data-handle=${part.handle}
          >${part.text}</span
        >`;
      default:
        return part.text ? html`${part.text}` : nothing;
    }
  })}`;
}
