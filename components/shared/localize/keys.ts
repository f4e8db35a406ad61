/**
 * The keys of every user-visible string, and the types built on them.
 *
 * This module imports nothing. Each feature's strings module (e.g.
 * `inbox/inbox.strings.ts`) adds its keys to `PoolseStrings` by declaration
 * merging, next to its English table:
 *
 * ```ts
 * declare module '../shared/localize/keys.js' {
 *   interface PoolseStrings extends Strings<typeof inboxEn> {}
 * }
 * ```
 *
 * so a locale table, a provider override or a `t()` call with a misspelt key
 * fails to type-check, and the registry never has to import the features
 * (which import it).
 */

/** Every string key, added to by each feature's strings module. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface PoolseStrings {}

/** The shape a feature's English table gives `PoolseStrings`. */
export type Strings<Table> = { [Key in keyof Table]: string };

/** One user-visible string's key, e.g. `inbox.title`. */
export type StringKey = keyof PoolseStrings & string;

/** `Intl.PluralRules` categories a key can have variants for (`key#one`); the plain key is `other`. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many';

/**
 * A locale's table, or a provider's overrides: any subset of the keys (and
 * their plural variants); a missing key falls back to English.
 */
export type LocaleStrings = { [Key in StringKey | `${StringKey}#${PluralCategory}`]?: string };

/** Values for `{name}` placeholders; `count` also picks the plural form. */
export type StringParams = Record<string, string | number>;

/** A lookup bound to one locale and one set of overrides. */
export type Translator = (key: StringKey, params?: StringParams) => string;
