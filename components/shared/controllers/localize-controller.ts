/**
 * The one way an element gets its strings: `this.localize.t('inbox.title')`.
 *
 * The locale is, in order: the element's own `locale` property (for
 * elements that have one, while it is set), the nearest provider's `locale` (context), the page's
 * `lang` (the closest `[lang]` ancestor, else `<html lang>`), else English.
 * Overrides of single strings come from the provider's `strings` (context).
 * A change to any of them re-renders the element; a built-in locale that is
 * not loaded yet shows English until its table arrives, then re-renders.
 */
import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeContext } from '../../../src/context/contexts.js';
import type { LocaleStrings, StringKey, StringParams } from '../localize/keys.js';
import { isLocalePending, loadLocale, translate } from '../localize/registry.js';
import '../localize/builtin-locales.js';
import '../localize/common.strings.js';

/**
 * Per-provider overrides of single strings (`{ 'inbox.title': 'Support' }`).
 * The provider provides it next to `localeContext`.
 */
export const stringsContext = createContext<LocaleStrings | undefined>(Symbol.for('poolse-strings'));

type LocalizedHost = ReactiveControllerHost & HTMLElement;

/** What an element adds of its own, for elements that have such properties. */
export interface LocalizeOptions {
  /** The element's `locale` property: wins over the provider's while it is set. */
  locale?: () => string | null | undefined;
  /** The element's `strings` overrides: win over the provider's, key by key. */
  strings?: () => LocaleStrings | null | undefined;
}

/** Controllers of connected elements, told when the page's `lang` changes. */
const connected = new Set<LocalizeController>();
let pageLangObserver: MutationObserver | null = null;

function watchPageLang(): void {
  if (pageLangObserver || typeof MutationObserver === 'undefined') return;
  pageLangObserver = new MutationObserver(() => {
    for (const controller of connected) controller.pageLangChanged();
  });
  pageLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

export class LocalizeController implements ReactiveController {
  #contextLocale = '';
  #overrides: LocaleStrings | undefined;
  #pageLang = '';
  #revision = 0;

  readonly #own: LocalizeOptions;

  constructor(
    private readonly host: LocalizedHost,
    own: LocalizeOptions = {},
  ) {
    this.#own = own;
    host.addController(this);
    new ContextConsumer(host, {
      context: localeContext,
      subscribe: true,
      callback: (locale) => {
        this.#contextLocale = locale ?? '';
        this.#changed();
      },
    });
    new ContextConsumer(host, {
      context: stringsContext,
      subscribe: true,
      callback: (overrides) => {
        this.#overrides = overrides ?? undefined;
        this.#changed();
      },
    });
  }

  /** The locale in use (a BCP 47 tag), or undefined for English. */
  get locale(): string | undefined {
    return this.#own.locale?.() || this.#contextLocale || this.#pageLang || undefined;
  }

  /**
   * Goes up whenever the provider's locale or overrides, the page's `lang`
   * or a loaded table changes what `t()` answers (the element's own
   * properties excepted): a cache key for text computed from `t()`.
   */
  get revision(): number {
    return this.#revision;
  }

  /** The string for `key` in the locale in use, with `{params}` filled in. */
  readonly t = (key: StringKey, params?: StringParams): string => {
    const own = this.#own.strings?.();
    const overrides = own ? { ...this.#overrides, ...own } : this.#overrides;
    return translate(key, params, { locale: this.locale, overrides });
  };

  hostConnected(): void {
    connected.add(this);
    watchPageLang();
    this.#pageLang = this.#readPageLang();
    this.#loadIfPending();
  }

  hostDisconnected(): void {
    connected.delete(this);
  }

  hostUpdate(): void {
    // The host's own `locale` may have just changed to one still loading.
    this.#loadIfPending();
  }

  /** @internal Called when `<html lang>` changes. */
  pageLangChanged(): void {
    const lang = this.#readPageLang();
    if (lang === this.#pageLang) return;
    this.#pageLang = lang;
    this.#changed();
  }

  #readPageLang(): string {
    return (
      this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.getAttribute('lang') || ''
    );
  }

  #changed(): void {
    this.#revision++;
    this.host.requestUpdate();
    this.#loadIfPending();
  }

  #loadIfPending(): void {
    const locale = this.locale;
    if (!locale || !isLocalePending(locale)) return;
    void loadLocale(locale).then(() => {
      if (this.locale !== locale) return;
      this.#revision++;
      this.host.requestUpdate();
    });
  }
}
