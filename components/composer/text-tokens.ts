/**
 * Pure text helpers for the composer: find the `@mention` or `:shortcode`
 * being typed at the caret, and replace a range of the draft.
 */

/** A trigger word being typed: `@ali` or `:smi`, from `start` (the trigger) to the caret. */
export interface ActiveToken {
  trigger: '@' | ':';
  /** Index of the trigger character. */
  start: number;
  /** Index of the caret (end of the token). */
  end: number;
  /** What follows the trigger, without it. */
  query: string;
}

const MENTION_CHARS = /^[\p{L}\p{N}._'-]*$/u;
const SHORTCODE_CHARS = /^[a-z0-9_+-]*$/;
const MAX_QUERY = 40;

/**
 * The `@` or `:` token ending at `caret`, if the caret is inside one.
 * A trigger counts only at the start of the text or after white space or an
 * opening bracket, so e-mail addresses and times (`10:30`) never trigger.
 * A shortcode needs at least two characters after the colon, so a plain `:`
 * in prose does not open suggestions.
 */
export function activeToken(text: string, caret: number): ActiveToken | null {
  const before = text.slice(0, caret);
  const lastAt = before.lastIndexOf('@');
  const lastColon = before.lastIndexOf(':');
  const start = Math.max(lastAt, lastColon);
  if (start < 0 || caret - start - 1 > MAX_QUERY) return null;
  const previous = start === 0 ? '' : before[start - 1];
  if (previous !== '' && !/[\s([{"]/.test(previous)) return null;
  const trigger = before[start] as '@' | ':';
  const query = before.slice(start + 1);
  if (trigger === '@') {
    return MENTION_CHARS.test(query) ? { trigger, start, end: caret, query } : null;
  }
  return query.length >= 2 && SHORTCODE_CHARS.test(query)
    ? { trigger, start, end: caret, query }
    : null;
}

export interface Replacement {
  text: string;
  /** Where the caret goes: right after the inserted text. */
  caret: number;
}

/** Replaces `text[start, end)` with `insert`. */
export function replaceRange(
  text: string,
  start: number,
  end: number,
  insert: string,
): Replacement {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/** A name a user can search by, lowercased and without accents. */
export function foldForSearch(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when some word of `name` (or the whole of it) starts with `query`. */
export function nameMatches(name: string, query: string): boolean {
  const q = foldForSearch(query);
  if (q === '') return true;
  const folded = foldForSearch(name);
  return folded.startsWith(q) || folded.split(/[\s._-]+/).some((word) => word.startsWith(q));
}
