/**
 * Gives an element a `t()` that follows the provider's `locale` and string
 * overrides, both read from context so a change re-renders the element.
 */
import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeContext } from '../../src/context/index.js';
import {
  createTranslator,
  isLocalePending,
  loadLocale,
  type StringKey,
  type StringParams,
  type StringTable,
  type Translator,
} from './strings.js';

/**
 * Per-provider overrides of single strings (`{ 'inbox.title': 'Support' }`).
 * The provider provides it next to `localeContext`.
 */
export const stringsContext = createContext<StringTable | undefined>(Symbol.for('poolse-strings'));

export class TranslateController implements ReactiveController {
  private localeValue = '';
  private overrides: StringTable | undefined;
  private translator: Translator = createTranslator();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new ContextConsumer(host, {
      context: localeContext,
      subscribe: true,
      callback: (locale) => {
        this.localeValue = locale ?? '';
        this.rebuild();
      },
    });
    new ContextConsumer(host, {
      context: stringsContext,
      subscribe: true,
      callback: (overrides) => {
        this.overrides = overrides;
        this.rebuild();
      },
    });
  }

  /** The locale in use, or undefined for the page's default. */
  get locale(): string | undefined {
    return this.localeValue || this.host.closest('[lang]')?.getAttribute('lang') || undefined;
  }

  readonly t = (key: StringKey | (string & {}), params?: StringParams): string =>
    this.translator(key, params);

  hostConnected(): void {
    this.rebuild();
  }

  private rebuild(): void {
    const locale = this.locale;
    this.translator = createTranslator({ locale, overrides: this.overrides });
    this.host.requestUpdate();
    // A built-in locale not loaded yet (French): English until it arrives, then again.
    if (locale && isLocalePending(locale)) void loadLocale(locale).then(() => this.rebuild());
  }
}
