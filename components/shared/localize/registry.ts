/**
 * The one registry of string tables, by locale.
 *
 * English is complete (each feature adds its English table when its code
 * loads) and is the fallback for any key a locale lacks, so a new key never
 * shows up blank in another language. Other locales are registered with
 * `registerLocale()`, either as a table or as a loader that `import()`s the
 * locale's module on first use, so a page only downloads the languages it
 * shows. A region tag (`fr-CA`) falls back to its language (`fr`).
 *
 * Interpolation: `{name}` is replaced by `params.name`. Plurals: when
 * `params.count` is a number and the table has `key#one` (or `#zero`, `#two`,
 * `#few`, `#many`) for the `Intl.PluralRules` category of that count, that
 * variant wins; the plain key is the `other` form.
 *
 * This module imports only types, so feature tables can import it without a
 * cycle.
 */
import type { LocaleStrings, StringKey, StringParams } from './keys.js';

/** A locale module: its default export is the table. */
export type LocaleLoader = () => Promise<{ default: LocaleStrings }>;

type Table = Readonly<Record<string, string | undefined>>;

const tables = new Map<string, Table>([['en', {}]]);
const loaders = new Map<string, LocaleLoader>();
const loading = new Map<string, Promise<void>>();

/** `fr-CA` → `['fr-ca', 'fr']`: the tags whose tables apply, most specific first. */
function chain(locale: string): string[] {
  const lower = locale.toLowerCase();
  const language = lower.split('-')[0] ?? lower;
  return language === lower ? [lower] : [lower, language];
}

/**
 * Adds a locale: a table, or a loader that imports it on first use (a
 * built-in locale is one line: `registerLocale('de', () => import('./locales/de.js'))`).
 * A table replaces what the locale had, including a loader still to run, so
 * an app's own table wins over a built-in one.
 */
export function registerLocale(locale: string, strings: LocaleStrings | LocaleLoader): void {
  const key = locale.toLowerCase();
  if (typeof strings === 'function') {
    if (!tables.has(key)) loaders.set(key, strings);
    return;
  }
  loaders.delete(key);
  tables.set(key, { ...strings });
}

/** Merges keys into a locale's table (each feature adds its English this way). */
export function addStrings(locale: string, strings: LocaleStrings): void {
  const key = locale.toLowerCase();
  tables.set(key, { ...tables.get(key), ...strings });
}

/**
 * Makes sure the tables for `locale` are loaded. Resolves at once for
 * English, loaded, app-registered and unknown locales; a failed load logs
 * and leaves English in place (and is tried again next time).
 */
export function loadLocale(locale: string): Promise<void> {
  const pending = chain(locale).flatMap((key) => {
    const load = loaders.get(key);
    if (!load) return [];
    let promise = loading.get(key);
    if (!promise) {
      promise = load().then(
        (module) => {
          loaders.delete(key);
          loading.delete(key);
          // Keys added meanwhile stay; the module fills the rest.
          tables.set(key, { ...module.default, ...tables.get(key) });
        },
        (error: unknown) => {
          loading.delete(key);
          console.error(`[poolse] could not load the ${key} strings:`, error);
        },
      );
      loading.set(key, promise);
    }
    return [promise];
  });
  return pending.length ? Promise.all(pending).then(() => undefined) : Promise.resolve();
}

/** Whether `loadLocale(locale)` still has something to fetch. */
export function isLocalePending(locale: string): boolean {
  return chain(locale).some((key) => loaders.has(key));
}

/**
 * A copy of the strings a locale has now (after `loadLocale` for a built-in
 * one; a region falls back to its language), e.g. to start a set of
 * overrides from, or to check a translation.
 */
export function localeTable(locale: string): Record<string, string> | undefined {
  const key = chain(locale).find((tag) => tables.has(tag));
  if (key === undefined) return undefined;
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(tables.get(key) ?? {}))
    if (value !== undefined) copy[name] = value;
  return copy;
}

/** The locales that have a table or a loader, e.g. for a language picker. */
export function availableLocales(): string[] {
  return [...new Set([...tables.keys(), ...loaders.keys()])];
}

export interface TranslateOptions {
  /** BCP 47 tag; English when absent. */
  locale?: string | undefined;
  /** Per-provider overrides; they win over the locale's table. */
  overrides?: LocaleStrings | undefined;
}

/** The tables to look in, most specific first, ending with English. */
function tablesFor(locale: string | undefined): Table[] {
  const english = tables.get('en') ?? {};
  if (!locale) return [english];
  const found = chain(locale).flatMap((key) => {
    const table = tables.get(key);
    return table ? [table] : [];
  });
  return [...found, english];
}

function lookup(
  key: string,
  overrides: Table | undefined,
  chain: readonly Table[],
): string | undefined {
  const own = overrides?.[key];
  if (own !== undefined) return own;
  for (const table of chain) {
    const value = table[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** Numbers in strings read in the locale's digits and grouping (1,234; 1.234; ١٢٣). */
function formatNumber(value: number, locale: string | undefined): string {
  const key = locale ?? '';
  let format = countFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat('en');
    }
    countFormats.set(key, format);
  }
  return format.format(value);
}

function pluralCategory(count: number, locale: string | undefined): string {
  try {
    return new Intl.PluralRules(locale ?? 'en').select(count);
  } catch {
    return new Intl.PluralRules('en').select(count);
  }
}

/**
 * Looks a string up and fills in `{params}`. An unknown key renders as the
 * key itself, visible in review but never a crash.
 */
export function translate(
  key: StringKey,
  params?: StringParams,
  options: TranslateOptions = {},
): string {
  const overrides = options.overrides as Table | undefined;
  const found = tablesFor(options.locale);
  let template: string | undefined;
  if (params && typeof params.count === 'number') {
    // An exact zero often reads better as "No …", so a `#zero` form wins.
    if (params.count === 0) template = lookup(`${key}#zero`, overrides, found);
    template ??= lookup(`${key}#${pluralCategory(params.count, options.locale)}`, overrides, found);
  }
  template ??= lookup(key, overrides, found) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, options.locale) : value;
  });
}
