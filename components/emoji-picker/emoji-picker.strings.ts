/**
 * The English strings of the emoji picker (emoji names stay English: they come from the data). They register when this module
 * loads, with the code that shows them; other locales live in
 * `shared/localize/locales/`.
 */
import type { Strings } from '../shared/localize/keys.js';
import { addStrings } from '../shared/localize/registry.js';

export const emojiPickerEn = {
  'emoji-picker.label': 'Emoji picker',
  'emoji-picker.search': 'Search emoji',
  'emoji-picker.search-placeholder': 'Search',
  'emoji-picker.categories': 'Emoji categories',
  'emoji-picker.results': 'Search results',
  'emoji-picker.no-results': 'No emoji found',
  'emoji-picker.no-results-hint': 'Try another word.',
  'emoji-picker.loading': 'Loading emoji…',
  'emoji-picker.error': 'Could not load the emoji.',
  'emoji-picker.retry': 'Retry',
  'emoji-picker.category.smileys': 'Smileys & emotion',
  'emoji-picker.category.people': 'People & body',
  'emoji-picker.category.animals': 'Animals & nature',
  'emoji-picker.category.food': 'Food & drink',
  'emoji-picker.category.travel': 'Travel & places',
  'emoji-picker.category.activities': 'Activities',
  'emoji-picker.category.objects': 'Objects',
  'emoji-picker.category.symbols': 'Symbols',
  'emoji-picker.category.flags': 'Flags',
} as const satisfies Record<string, string>;

export type EmojiPickerStringKey = keyof typeof emojiPickerEn;

declare module '../shared/localize/keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the keys by declaration merging
  interface PoolseStrings extends Strings<typeof emojiPickerEn> {}
}

addStrings('en', emojiPickerEn);
