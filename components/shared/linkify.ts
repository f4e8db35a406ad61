/**
 * Splits a message body into plain text, links and @mentions, so elements
 * can render links and mentions without ever treating user text as HTML.
 *
 * Safety rules (the contract in DESIGN.md):
 * - only `http:`, `https:` and `mailto:` ever become links; anything else
 *   (`javascript:`, `data:`, `vbscript:`, …) stays text;
 * - every href is re-serialized by `URL`, so what is linked is what a
 *   browser would open;
 * - bidirectional control characters end a link and are stripped from the
 *   href, so an RTL override cannot disguise where a link points.
 */

export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; handle: string };

export interface LinkifyOptions {
  /**
   * Decides whether `@handle` is a mention worth highlighting (e.g. a known
   * member). Without it every `@handle` is highlighted.
   */
  isMention?: (handle: string) => boolean;
}

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Bidi embedding, override and isolate controls (LRE…RLO, LRI…PDI). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;

/*
 * One scanner for the three token kinds, tried left to right:
 * 1. a URL with an explicit http(s) scheme, or starting with `www.`;
 * 2. `mailto:` or a bare e-mail address;
 * 3. `@handle` at the start or after a non-word character.
 * URL bodies stop at whitespace, quotes, angle brackets and bidi controls.
 */
const URL_BODY = '[^\\s<>"\'`\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F]+';
const EMAIL = '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}';
const TOKEN = new RegExp(
  `(?<url>(?:https?:\\/\\/|www\\.)${URL_BODY})` +
    `|(?<email>(?:mailto:)?${EMAIL})` +
    `|(?<mention>(?<![\\w@])@[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*)`,
  'giu',
);

/** Trailing punctuation that belongs to the sentence, not the link. */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0) {
    const ch = url[end - 1];
    if (ch && '.,;:!?'.includes(ch)) {
      end -= 1;
    } else if (ch === ')') {
      // Keep a closing parenthesis only when the URL opened one itself,
      // as in https://en.wikipedia.org/wiki/Foo_(bar).
      const candidate = url.slice(0, end);
      const opens = candidate.split('(').length - 1;
      const closes = candidate.split(')').length - 1;
      if (closes > opens) end -= 1;
      else break;
    } else {
      break;
    }
  }
  return url.slice(0, end);
}

/** The normalized href when `raw` is an allowed link, else `undefined`. */
export function safeHref(raw: string): string | undefined {
  const cleaned = raw.replace(BIDI_CONTROLS, '').trim();
  const withScheme = /^www\./i.test(cleaned) ? `https://${cleaned}` : cleaned;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && !url.hostname) return undefined;
  return url.href;
}

function pushText(parts: TextPart[], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + text };
  else parts.push({ kind: 'text', text });
}

export function linkify(text: string | null | undefined, options: LinkifyOptions = {}): TextPart[] {
  const parts: TextPart[] = [];
  if (!text) return parts;
  let cursor = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const groups = match.groups ?? {};
    let consumed = match[0];
    let part: TextPart | undefined;
    if (groups.url) {
      consumed = trimTrailing(groups.url);
      const href = safeHref(consumed);
      if (href) part = { kind: 'link', text: consumed, href };
    } else if (groups.email) {
      const address = groups.email.replace(/^mailto:/i, '');
      const href = safeHref(`mailto:${address}`);
      if (href) part = { kind: 'link', text: groups.email, href };
    } else if (groups.mention) {
      consumed = groups.mention.replace(/[.-]+$/, '');
      const handle = consumed.slice(1);
      if (!options.isMention || options.isMention(handle))
        part = { kind: 'mention', text: consumed, handle };
    }
    pushText(parts, text.slice(cursor, match.index));
    if (part) parts.push(part);
    else pushText(parts, consumed);
    cursor = match.index + consumed.length;
    // Resume right after what was consumed (trimmed punctuation is re-read).
    TOKEN.lastIndex = cursor;
  }
  pushText(parts, text.slice(cursor));
  return parts;
}
