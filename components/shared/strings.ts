/**
 * Every user-visible string of poolse elements, one table per locale.
 *
 * English is complete and is the fallback for any key a locale lacks, so a
 * new key never shows up blank in another language. French is shipped to
 * prove the mechanism (and because the anchors asked for it). Apps add a
 * locale with `registerLocale()` or override single strings per provider
 * (`overrides`), e.g. to rename "Inbox" to "Support".
 *
 * Interpolation: `{name}` is replaced by `params.name`. Plurals: when
 * `params.count` is a number and the table has `key#one` (or `#zero`, `#two`,
 * `#few`, `#many`) for the `Intl.PluralRules` category of that count, that
 * variant wins; the plain key is the `other` form.
 *
 * The tables are split by what loads together: the core elements' strings
 * live here (English) and in `strings-fr.ts` (French, loaded on first use by
 * `loadLocale`); the chat's and the composer's strings register themselves
 * from `conversation.strings.ts` and `composer.strings.ts` with their code.
 */
import type { composerEn } from '../composer/composer.strings.js';
import type { conversationEn } from '../conversation/conversation.strings.js';

export const en = {
  'common.retry': 'Retry',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.back': 'Back',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong.',
  'common.online': 'Online',
  'common.offline': 'Offline',
  'common.you': 'You',
  'common.unknown-user': 'Unknown user',
  'launcher.title': 'Chat',
  'launcher.open': 'Open chat',
  'launcher.open-unread': 'Open chat, {count} unread messages',
  'launcher.open-unread#one': 'Open chat, 1 unread message',
  'launcher.close': 'Close chat',
  'launcher.back': 'Back to conversations',
  'avatar.label': '{name}',
  'avatar.online': '{name}, online',
  'inbox.label': 'Conversations',
  'inbox.title': 'Messages',
  'inbox.empty.title': 'No conversations yet',
  'inbox.empty.body': 'Start one with the button above.',
  'inbox.error.title': 'Could not load your conversations.',
  'inbox.loading': 'Loading conversations',
  'inbox.typing': 'typing…',
  'inbox.typing-named': '{name} is typing…',
  'inbox.no-messages': 'No messages yet',
  'inbox.unread': '{count} unread messages',
  'inbox.unread#one': '1 unread message',
  'inbox.online': 'online',
  'inbox.untitled-group': 'Untitled group',
  'inbox.direct-fallback': 'Direct message',
  'inbox.group-members': '{names}',
  'inbox.new': 'New conversation',
  'inbox.new.title': 'New conversation',
  'inbox.new.type': 'Type',
  'inbox.new.direct': 'Direct',
  'inbox.new.group': 'Group',
  'inbox.new.members': 'Members',
  'inbox.new.member': 'Member',
  'inbox.new.members-hint': 'External ids, separated by commas or spaces',
  'inbox.new.member-hint': 'The external id of the person to talk to',
  'inbox.new.name': 'Group name',
  'inbox.new.create': 'Create',
  'inbox.new.creating': 'Creating…',
  'inbox.new.error-members': 'Enter at least one member.',
  'inbox.new.error-direct': 'A direct conversation has exactly one other person.',
  'inbox.new.error': 'Could not create the conversation.',
} as const satisfies Record<string, string>;

/** Every key of the built-in tables: the core's here, and the chat's and the composer's, which load with their elements. */
export type StringKey = keyof typeof en | keyof typeof conversationEn | keyof typeof composerEn;
export type StringTable = Partial<Record<StringKey, string>> & Record<string, string>;
export type StringParams = Record<string, string | number>;

const locales = new Map<string, StringTable>([['en', { ...en }]]);

/**
 * Built-in locales whose table loads on first use, by language: `pt` is
 * Brazilian Portuguese and `zh` Simplified Chinese, which `pt-PT` and
 * `zh-TW` readers also get rather than English. Each module but French
 * carries every element's strings (French keeps the chat's and the
 * composer's with their code).
 */
const lazyLocales: Record<string, () => Promise<{ default: StringTable }>> = {
  fr: () => import('./strings-fr.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  it: () => import('./locales/it.js'),
  pt: () => import('./locales/pt-BR.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  tr: () => import('./locales/tr.js'),
  ru: () => import('./locales/ru.js'),
  ja: () => import('./locales/ja.js'),
  zh: () => import('./locales/zh-CN.js'),
  ko: () => import('./locales/ko.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
};
const loadingLocales = new Map<string, Promise<void>>();

/** Adds (or replaces) a locale's table; missing keys fall back to English. */
export function registerLocale(locale: string, table: StringTable): void {
  const key = locale.toLowerCase();
  delete lazyLocales[key]; // the app's table wins over a built-in one still to load
  locales.set(key, { ...table });
}

/** Merges more keys into a locale's table (elements register their own strings). */
export function addStrings(locale: string, table: StringTable): void {
  const key = locale.toLowerCase();
  locales.set(key, { ...locales.get(key), ...table });
}

/**
 * Makes sure a built-in locale's core table is there (`fr` loads on first
 * use). Resolves at once for English, app-registered and unknown locales.
 */
export function loadLocale(locale: string): Promise<void> {
  const key = locale.toLowerCase().split('-')[0] ?? '';
  const load = lazyLocales[key];
  if (!load) return Promise.resolve();
  let pending = loadingLocales.get(key);
  if (!pending) {
    pending = load().then(
      (module) => {
        delete lazyLocales[key];
        // Keys an element registered meanwhile stay; the core table fills the rest.
        locales.set(key, { ...module.default, ...locales.get(key) });
      },
      (error: unknown) => {
        loadingLocales.delete(key);
        console.error(`[poolse] could not load the ${key} strings:`, error);
      },
    );
    loadingLocales.set(key, pending);
  }
  return pending;
}

/** Whether `loadLocale(locale)` still has something to fetch. */
export function isLocalePending(locale: string): boolean {
  return (locale.toLowerCase().split('-')[0] ?? '') in lazyLocales;
}

/**
 * A copy of the table a locale has now (after `loadLocale` for a built-in
 * one), e.g. to start a set of overrides from, or to check a translation.
 */
export function localeTable(locale: string): StringTable | undefined {
  const table = tableFor(locale);
  return table ? { ...table } : undefined;
}

/** The locales that have a table, e.g. for a language picker. */
export function availableLocales(): string[] {
  return [...new Set([...locales.keys(), ...Object.keys(lazyLocales)])];
}

/** Picks the table for `fr-CA` from `fr-ca`, then `fr`, else none. */
function tableFor(locale: string): StringTable | undefined {
  const lower = locale.toLowerCase();
  return locales.get(lower) ?? locales.get(lower.split('-')[0] ?? lower);
}

export interface TranslateOptions {
  /** BCP 47 tag; defaults to English. */
  locale?: string;
  /** Per-provider overrides; they win over the locale's table. */
  overrides?: StringTable;
}

function lookup(key: string, opts: TranslateOptions): string | undefined {
  const table = opts.locale ? tableFor(opts.locale) : undefined;
  return opts.overrides?.[key] ?? table?.[key] ?? locales.get('en')?.[key];
}

const countFormats = new Map<string, Intl.NumberFormat>();

function formatCount(value: number, locale: string | undefined): string {
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
 * Looks a string up and fills in `{params}`. Unknown keys render as the key
 * itself, which is visible in review but never crashes a render.
 */
export function t(
  key: StringKey | (string & {}),
  params?: StringParams,
  opts: TranslateOptions = {},
): string {
  let template: string | undefined;
  if (params && typeof params.count === 'number') {
    // An exact zero often reads better as "No …", so a `#zero` form wins.
    if (params.count === 0) template = lookup(`${key}#zero`, opts);
    template ??= lookup(`${key}#${pluralCategory(params.count, opts.locale)}`, opts);
  }
  template ??= lookup(key, opts) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    // Numbers read in the locale's digits and grouping (1,234; ١٢٣).
    return typeof value === 'number' ? formatCount(value, opts.locale) : value;
  });
}

/** A `t` bound to one locale and one set of overrides, as elements hold it. */
export type Translator = (key: StringKey | (string & {}), params?: StringParams) => string;

export function createTranslator(opts: TranslateOptions = {}): Translator {
  return (key, params) => t(key, params, opts);
}
