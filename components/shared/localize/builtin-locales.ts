/**
 * The locales that ship with the elements, each loaded on first use. Adding
 * one is a table in `locales/` and one line here.
 */
import { registerLocale } from './registry.js';

registerLocale('fr', () => import('./locales/fr.js'));
registerLocale('de', () => import('./locales/de.js'));
registerLocale('es', () => import('./locales/es.js'));
registerLocale('it', () => import('./locales/it.js'));
registerLocale('nl', () => import('./locales/nl.js'));
registerLocale('pl', () => import('./locales/pl.js'));
registerLocale('tr', () => import('./locales/tr.js'));
registerLocale('ru', () => import('./locales/ru.js'));
registerLocale('ja', () => import('./locales/ja.js'));
registerLocale('ko', () => import('./locales/ko.js'));
registerLocale('ar', () => import('./locales/ar.js'));
registerLocale('he', () => import('./locales/he.js'));
// Brazilian Portuguese and Simplified Chinese also serve their language's
// other regions (pt-PT, zh-TW), which read them far better than English.
registerLocale('pt', () => import('./locales/pt-BR.js'));
registerLocale('zh', () => import('./locales/zh-CN.js'));
