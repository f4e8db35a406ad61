/**
 * Writing direction from a locale, so a provider or launcher set to Arabic
 * or Hebrew mirrors its layout without the page having to say `dir="rtl"`.
 *
 * The elements style themselves with logical properties (`inline-start`,
 * `inline-end`), so all that mirroring needs is the right `dir` on the
 * element every other one inherits its direction from.
 */

/** Languages written right to left (ISO 639 codes, including the legacy `iw`). */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'iw',
  'ks',
  'ku',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
]);

/** `rtl` for a right-to-left language (`ar`, `he-IL`, `fa`...), `ltr` for any other, nothing for none. */
export function directionOf(locale: string | null | undefined): 'rtl' | 'ltr' | undefined {
  if (!locale) return undefined;
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** Elements whose `dir` this module set, as opposed to one their author wrote. */
const autoDirected = new WeakSet<Element>();

/**
 * Gives `element` `dir="rtl"` while its locale is a right-to-left one, unless
 * its author chose a `dir`; takes it away again when the locale changes back
 * (or is removed), so the element follows the page's direction once more.
 */
export function applyLocaleDirection(element: Element, locale: string | null | undefined): void {
  const ours = autoDirected.has(element) && element.getAttribute('dir') === 'rtl';
  if (!ours) autoDirected.delete(element);
  if (!ours && element.hasAttribute('dir')) return; // the author's choice wins
  if (directionOf(locale) === 'rtl') {
    autoDirected.add(element);
    element.setAttribute('dir', 'rtl');
  } else if (autoDirected.has(element)) {
    autoDirected.delete(element);
    element.removeAttribute('dir');
  }
}
