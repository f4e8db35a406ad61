/**
 * The emoji data, fetched and parsed once per page and shared by the picker
 * and the `:shortcode` suggestions (so opening both costs one request).
 */
import { emojiDataUrl } from './emoji-data.js';

/** One emoji of the emojibase data set (the fields poolse uses). */
export interface EmojiEntry {
  emoji: string;
  /** English name, e.g. "grinning face"; also the button's accessible name. */
  annotation: string;
  /** Emojibase group: 0 smileys & emotion … 9 flags (2 is skin-tone components). */
  group: number;
  order: number;
  shortcodes: string[];
  tags: string[];
}

const loads = new Map<string, Promise<EmojiEntry[]>>();

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Keeps the well-formed entries of whatever the URL served. */
export function parseEmojiData(data: unknown): EmojiEntry[] {
  if (!Array.isArray(data)) return [];
  const entries: EmojiEntry[] = [];
  for (const item of data as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const raw = item as Record<string, unknown>;
    if (typeof raw['emoji'] !== 'string' || typeof raw['annotation'] !== 'string') continue;
    entries.push({
      emoji: raw['emoji'],
      annotation: raw['annotation'],
      group: typeof raw['group'] === 'number' ? raw['group'] : -1,
      order: typeof raw['order'] === 'number' ? raw['order'] : Number.MAX_SAFE_INTEGER,
      shortcodes: strings(raw['shortcodes']),
      tags: strings(raw['tags']),
    });
  }
  return entries.sort((a, b) => a.order - b.order);
}

/**
 * The data from `emojiDataUrl()`, fetched on first call. A failure is not
 * cached, so the next caller tries again (the network may be back).
 */
export function loadEmojiData(): Promise<EmojiEntry[]> {
  const url = emojiDataUrl();
  let load = loads.get(url);
  if (!load) {
    load = fetch(url)
      .then((res) => {
        if (!res.ok) throw new Error(`emoji data: HTTP ${res.status}`);
        return res.json() as Promise<unknown>;
      })
      .then(parseEmojiData)
      .catch((error: unknown) => {
        loads.delete(url);
        throw error;
      });
    loads.set(url, load);
  }
  return load;
}
