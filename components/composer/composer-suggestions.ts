/**
 * The composer's suggestions while a `@mention` or `:shortcode` is typed:
 * which options match (members by name, emoji by shortcode), the
 * highlighted one, the keys that move and choose, and what choosing writes
 * into the draft. Rendering is in `suggestion-list.ts`.
 */
import type { Uuid } from '../../src/sdk/types.js';
import type { ComposerDraft } from '../../src/state/types.js';
import { loadShortcodes } from '../shared/lazy.js';
import type { ComposerSlice } from './composer-store-link.js';
import {
  moveActive,
  type MentionOption,
  type SuggestionOption,
  type Suggestions,
} from './suggestion-list.js';
import { activeToken, nameMatches, replaceRange, type ActiveToken } from './text-tokens.js';

const MAX_SUGGESTIONS = 8;

export interface SuggestionHost {
  /** Prefix of the option element ids (unique per composer). */
  readonly idPrefix: string;
  slice(): ComposerSlice;
  /** Display name of a user by external id. */
  nameOf(externalId: string): string;
  draft(): ComposerDraft;
  updateDraft(patch: Partial<ComposerDraft>): void;
  /** Puts the caret at `caret` once the new text is rendered. */
  placeCaret(caret: number): void;
  requestUpdate(): void;
}

export class ComposerSuggestions {
  #value: Suggestions | null = null;
  #request = 0;

  constructor(private readonly host: SuggestionHost) {}

  /** The open list, or null. */
  get value(): Suggestions | null {
    return this.#value;
  }

  close(): void {
    this.#set(null);
  }

  /** Looks at the token under the caret (after each input) and opens, updates or closes the list. */
  refresh(text: string, caret: number): void {
    const token = activeToken(text, caret);
    const request = ++this.#request;
    if (!token) {
      this.#set(null);
      return;
    }
    if (token.trigger === '@') {
      this.#show(token, this.#mentionOptions(token.query));
      return;
    }
    void loadShortcodes()
      .then(({ searchShortcodes }) => searchShortcodes(token.query, MAX_SUGGESTIONS))
      .then((matches) => {
        if (request !== this.#request) return;
        this.#show(
          token,
          matches.map((match, i) => ({
            kind: 'emoji' as const,
            id: `${this.host.idPrefix}-option-${i}`,
            emoji: match.emoji,
            label: `:${match.shortcode}:`,
          })),
        );
      })
      .catch(() => {
        if (request === this.#request) this.#set(null);
      });
  }

  /** Names may resolve (or members load) while the list is open: recompute its mentions. */
  recompute(): void {
    const suggestions = this.#value;
    if (suggestions?.token.trigger !== '@') return;
    const options = this.#mentionOptions(suggestions.token.query);
    this.#value =
      options.length === 0
        ? null
        : { ...suggestions, options, active: Math.min(suggestions.active, options.length - 1) };
  }

  /** Handles a key while the list is open; true when the key was the list's. */
  handleKey(event: KeyboardEvent): boolean {
    const suggestions = this.#value;
    if (!suggestions) return false;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.#set(moveActive(suggestions, 1));
        return true;
      case 'ArrowUp':
        event.preventDefault();
        this.#set(moveActive(suggestions, -1));
        return true;
      case 'Enter':
      case 'Tab': {
        if (event.shiftKey && event.key === 'Tab') return false;
        event.preventDefault();
        const option = suggestions.options[suggestions.active];
        if (option) this.choose(option);
        return true;
      }
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.#set(null);
        return true;
      default:
        return false;
    }
  }

  /** Writes the chosen mention (remembering its user) or emoji in place of the token. */
  choose(option: SuggestionOption): void {
    const suggestions = this.#value;
    if (!suggestions) return;
    const draft = this.host.draft();
    const { token } = suggestions;
    if (option.kind === 'mention') {
      const { text, caret } = replaceRange(draft.body, token.start, token.end, `@${option.label} `);
      const mentions: readonly Uuid[] = draft.mentions ?? [];
      this.host.updateDraft({
        body: text,
        mentions: mentions.includes(option.userId) ? mentions : [...mentions, option.userId],
      });
      this.host.placeCaret(caret);
    } else {
      const { text, caret } = replaceRange(draft.body, token.start, token.end, option.emoji);
      this.host.updateDraft({ body: text });
      this.host.placeCaret(caret);
    }
    this.#set(null);
  }

  #set(value: Suggestions | null): void {
    if (value === this.#value) return;
    this.#value = value;
    this.host.requestUpdate();
  }

  #show(token: ActiveToken, options: SuggestionOption[]): void {
    if (options.length === 0) {
      this.#set(null);
      return;
    }
    const keep = this.#value && this.#value.token.start === token.start ? this.#value.active : 0;
    this.#set({ token, options, active: Math.min(keep, options.length - 1) });
  }

  #mentionOptions(query: string): MentionOption[] {
    const { members, me } = this.host.slice();
    if (!members) return [];
    const options: MentionOption[] = [];
    for (const member of Object.values(members)) {
      if (member.user_id === me?.id) continue;
      const label = this.host.nameOf(member.external_id);
      if (!nameMatches(label, query) && !nameMatches(member.external_id, query)) continue;
      options.push({
        kind: 'mention',
        id: '',
        userId: member.user_id,
        label,
        secondary: label === member.external_id ? '' : member.external_id,
      });
    }
    options.sort((a, b) => a.label.localeCompare(b.label));
    return options
      .slice(0, MAX_SUGGESTIONS)
      .map((option, i) => ({ ...option, id: `${this.host.idPrefix}-option-${i}` }));
  }
}
