/**
 * The suggestion list under a `@mention` or `:shortcode` being typed: the
 * listbox half of the composer's ARIA combobox (the text area is the other
 * half, pointing here with `aria-controls` / `aria-activedescendant`, so the
 * list must live in the same shadow root).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Uuid } from '../../src/sdk/types.js';
import type { Translator } from '../shared/localize/keys.js';
import { rovingTarget } from '../shared/controllers/roving-list.js';
import type { ActiveToken } from './text-tokens.js';

export interface MentionOption {
  kind: 'mention';
  /** Element id, for `aria-activedescendant`. */
  id: string;
  userId: Uuid;
  label: string;
  /** The external id, shown when it differs from the name. */
  secondary: string;
}

export interface EmojiOption {
  kind: 'emoji';
  id: string;
  emoji: string;
  /** `:shortcode:` */
  label: string;
}

export type SuggestionOption = MentionOption | EmojiOption;

export interface Suggestions {
  token: ActiveToken;
  options: SuggestionOption[];
  /** Index of the highlighted option. */
  active: number;
}

/** The highlighted option after moving by `step` (wrapping around). */
export function moveActive(suggestions: Suggestions, step: 1 | -1): Suggestions {
  const key = step > 0 ? 'ArrowDown' : 'ArrowUp';
  const count = suggestions.options.length;
  const active = rovingTarget(key, suggestions.active, count, { wrap: true });
  return active === null ? suggestions : { ...suggestions, active };
}

export function renderSuggestionList(
  suggestions: Suggestions,
  listId: string,
  t: Translator,
  choose: (option: SuggestionOption) => void,
): TemplateResult {
  return html`<ul
    class="suggestions"
    part="suggestions"
    id=${listId}
    role="listbox"
    aria-label=${t(suggestions.token.trigger === '@' ? 'composer.mentions' : 'composer.shortcodes')}
  >
    ${suggestions.options.map(
      (option, i) => html`<li
        class="option"
        part="suggestion"
        id=${option.id}
        role="option"
        aria-selected=${i === suggestions.active ? 'true' : 'false'}
        @pointerdown=${(event: PointerEvent) => {
          // Keep focus (and the caret) in the text area.
          event.preventDefault();
          choose(option);
        }}
      >
        ${
          option.kind === 'emoji'
            ? html`<span class="option-emoji" aria-hidden="true">${option.emoji}</span><span>${option.label}</span>`
            : html`<span>${option.label}</span>${
                option.secondary
                  ? html`<span class="option-secondary">${option.secondary}</span>`
                  : nothing
              }`
        }
      </li>`,
    )}
  </ul>`;
}
