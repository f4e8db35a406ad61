/**
 * `:shortcode` suggestions (`:smi` → 😄 `:smile:`), from the same local
 * emoji data as the picker. The data (~440 KB) is fetched only when a user
 * first types a shortcode, then kept for the page's life.
 */
import { emojiDataUrl } from './emoji-data.js';

export interface ShortcodeMatch {
  emoji: string;
  shortcode: string;
}

interface ShortcodeEntry {
  emoji: string;
  shortcodes: string[];
}

let entries: Promise<ShortcodeEntry[]> | null = null;

function isEntry(value: unknown): value is ShortcodeEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { emoji, shortcodes } = value as { emoji?: unknown; shortcodes?: unknown };
  return typeof emoji === 'string' && Array.isArray(shortcodes) && shortcodes.every((s) => typeof s === 'string');
}

function loadEntries(): Promise<ShortcodeEntry[]> {
  entries ??= fetch(emojiDataUrl())
    .then((res) => (res.ok ? (res.json() as Promise<unknown>) : []))
    .then((data) => (Array.isArray(data) ? data.filter(isEntry) : []))
    .catch(() => {
      // Let a later keystroke try again rather than caching the failure.
      entries = null;
      return [];
    });
  return entries;
}

/** Pure ranking: exact match first, then the shortest shortcodes starting with the query. */
export function rankShortcodes(data: readonly ShortcodeEntry[], query: string, limit: number): ShortcodeMatch[] {
  const q = query.toLowerCase();
  const matches: ShortcodeMatch[] = [];
  for (const entry of data) {
    const shortcode = entry.shortcodes.find((code) => code.startsWith(q));
    if (shortcode) matches.push({ emoji: entry.emoji, shortcode });
  }
  matches.sort((a, b) => a.shortcode.length - b.shortcode.length || a.shortcode.localeCompare(b.shortcode));
  return matches.slice(0, limit);
}

export async function searchShortcodes(query: string, limit = 6): Promise<ShortcodeMatch[]> {
  if (query.length < 2) return [];
  return rankShortcodes(await loadEntries(), query, limit);
}
