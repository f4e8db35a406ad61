/**
 * `:shortcode` suggestions (`:smi` → 😄 `:smile:`), from the same local
 * emoji data as the picker. The data (~440 KB) is fetched only when a user
 * first types a shortcode, then kept for the page's life.
 */
import { loadEmojiData } from './emoji-dataset.js';

export interface ShortcodeMatch {
  emoji: string;
  shortcode: string;
}

interface ShortcodeEntry {
  emoji: string;
  shortcodes: readonly string[];
}

function loadEntries(): Promise<ShortcodeEntry[]> {
  // A failed load yields no suggestions; a later keystroke tries again.
  return loadEmojiData().catch(() => []);
}

/** Pure ranking: exact match first, then the shortest shortcodes starting with the query. */
export function rankShortcodes(
  data: readonly ShortcodeEntry[],
  query: string,
  limit: number,
): ShortcodeMatch[] {
  const q = query.toLowerCase();
  const matches: ShortcodeMatch[] = [];
  for (const entry of data) {
    const shortcode = entry.shortcodes.find((code) => code.startsWith(q));
    if (shortcode) matches.push({ emoji: entry.emoji, shortcode });
  }
  matches.sort(
    (a, b) => a.shortcode.length - b.shortcode.length || a.shortcode.localeCompare(b.shortcode),
  );
  return matches.slice(0, limit);
}

export async function searchShortcodes(query: string, limit = 6): Promise<ShortcodeMatch[]> {
  if (query.length < 2) return [];
  return rankShortcodes(await loadEntries(), query, limit);
}
