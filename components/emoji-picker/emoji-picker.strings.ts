/**
 * The strings of the emoji picker, in every built-in locale. They register
 * with the shared tables when this module loads, i.e. with the picker's own
 * code, on first use. Emoji names stay English (they come from the data).
 */
import { addStrings } from '../shared/strings.js';

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

const emojiPickerFr: Record<EmojiPickerStringKey, string> = {
  'emoji-picker.label': 'Sélecteur d’émojis',
  'emoji-picker.search': 'Rechercher un émoji',
  'emoji-picker.search-placeholder': 'Rechercher',
  'emoji-picker.categories': 'Catégories d’émojis',
  'emoji-picker.results': 'Résultats de la recherche',
  'emoji-picker.no-results': 'Aucun émoji trouvé',
  'emoji-picker.no-results-hint': 'Essayez un autre mot (en anglais).',
  'emoji-picker.loading': 'Chargement des émojis…',
  'emoji-picker.error': 'Impossible de charger les émojis.',
  'emoji-picker.retry': 'Réessayer',
  'emoji-picker.category.smileys': 'Smileys et émotions',
  'emoji-picker.category.people': 'Personnes et corps',
  'emoji-picker.category.animals': 'Animaux et nature',
  'emoji-picker.category.food': 'Nourriture et boissons',
  'emoji-picker.category.travel': 'Voyages et lieux',
  'emoji-picker.category.activities': 'Activités',
  'emoji-picker.category.objects': 'Objets',
  'emoji-picker.category.symbols': 'Symboles',
  'emoji-picker.category.flags': 'Drapeaux',
};

addStrings('en', emojiPickerEn);
addStrings('fr', emojiPickerFr);
