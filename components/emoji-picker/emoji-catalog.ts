/**
 * Pure helpers over the emoji data: the picker's categories and its search.
 */
import type { EmojiEntry } from './emoji-dataset.js';
import type { StringKey } from '../shared/localize/keys.js';

export interface EmojiCategory {
  /** Emojibase group number. */
  group: number;
  /** Strings key of the tab's label. */
  labelKey: StringKey;
  /** The emoji the tab shows. */
  icon: string;
}

/** The emojibase groups the picker offers, in order (group 2, skin-tone components, is left out). */
export const emojiCategories: readonly EmojiCategory[] = [
  { group: 0, labelKey: 'emoji-picker.category.smileys', icon: '😀' },
  { group: 1, labelKey: 'emoji-picker.category.people', icon: '👋' },
  { group: 3, labelKey: 'emoji-picker.category.animals', icon: '🐻' },
  { group: 4, labelKey: 'emoji-picker.category.food', icon: '🍔' },
  { group: 5, labelKey: 'emoji-picker.category.travel', icon: '🚗' },
  { group: 6, labelKey: 'emoji-picker.category.activities', icon: '⚽' },
  { group: 7, labelKey: 'emoji-picker.category.objects', icon: '💡' },
  { group: 8, labelKey: 'emoji-picker.category.symbols', icon: '❤️' },
  { group: 9, labelKey: 'emoji-picker.category.flags', icon: '🏁' },
];

/** The emoji of one category, in the data's order. */
export function emojiInGroup(entries: readonly EmojiEntry[], group: number): EmojiEntry[] {
  return entries.filter((entry) => entry.group === group);
}

/**
 * Case-insensitive search over names, shortcodes and tags. Every word of the
 * query must match the start of a word of the name, a shortcode or a tag, so
 * "red heart" finds ❤️ and "thumb" finds 👍. Names that start with the query
 * come first; the data's order breaks ties.
 */
export function searchEmoji(
  entries: readonly EmojiEntry[],
  query: string,
  limit = 200,
): EmojiEntry[] {
  const words = query
    .toLowerCase()
    .trim()
    .split(/[\s_:]+/)
    .filter(Boolean);
  if (words.length === 0) return [];
  const whole = words.join(' ');
  const hits: Array<{ entry: EmojiEntry; rank: number }> = [];
  for (const entry of entries) {
    if (entry.group === 2) continue;
    const name = entry.annotation.toLowerCase();
    const terms = [
      ...name.split(/[\s:,-]+/),
      ...entry.shortcodes.flatMap((code) => [code.toLowerCase(), ...code.toLowerCase().split('_')]),
      ...entry.tags.map((tag) => tag.toLowerCase()),
    ];
    if (!words.every((word) => terms.some((term) => term.startsWith(word)))) continue;
    const rank = name === whole ? 0 : name.startsWith(whole) ? 1 : 2;
    hits.push({ entry, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.entry.order - b.entry.order);
  return hits.slice(0, limit).map((hit) => hit.entry);
}
