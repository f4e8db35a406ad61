/**
 * Initials avatars get a colour derived from a stable id, so one person keeps
 * one colour everywhere. The palette is fixed (not computed hues) because
 * every entry is checked to keep white initials at WCAG AA contrast (≥ 4.5).
 */
export const AVATAR_PALETTE = [
  '#c2410c',
  '#b91c1c',
  '#be185d',
  '#7e22ce',
  '#4338ca',
  '#1d4ed8',
  '#0369a1',
  '#0f766e',
  '#15803d',
  '#4d7c0f',
  '#a16207',
  '#6d28d9',
  '#9d174d',
  '#0e7490',
] as const;

/** FNV-1a: tiny, stable across engines, and spreads short ids well. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function avatarColor(seed: string): string {
  return AVATAR_PALETTE[hash(seed) % AVATAR_PALETTE.length] ?? AVATAR_PALETTE[0];
}

/**
 * One or two letters for a name: "Ada Lovelace" → "AL", "bob" → "B",
 * "  " → "?". Works by grapheme, so "Émile" and emoji names are not split
 * in the middle of a character.
 */
export function initialsOf(name: string | null | undefined): string {
  const words = (name ?? '')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g, '')
    .trim()
    .split(/[\s._-]+/u)
    .filter((word) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(word));
  const firstGrapheme = (word: string): string => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const { segment } of segmenter.segment(word)) {
      if (/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(segment)) return segment;
    }
    return '';
  };
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  const result = letters.map((word) => firstGrapheme(word ?? '')).join('');
  return result ? result.toLocaleUpperCase() : '?';
}
