/**
 * Every built-in locale is complete: each key English has, no key English
 * lacks, the same `{placeholders}`, and a form for every plural category
 * the language has (Russian and Polish three, Arabic six, Japanese one),
 * checked with the browser's own `Intl.PluralRules`.
 */
import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import '../../../components/shared/localize/builtin-locales.js';
import '../../../components/shared/localize/common.strings.js';
import '../../../components/inbox/inbox.strings.js';
import '../../../components/launcher/launcher.strings.js';
import '../../../components/conversation/conversation.strings.js';
import '../../../components/composer/composer.strings.js';
import '../../../components/emoji-picker/emoji-picker.strings.js';
import {
  loadLocale,
  localeTable,
  translate as t,
} from '../../../components/shared/localize/registry.js';

const LOCALES = [
  'fr',
  'de',
  'es',
  'it',
  'pt-BR',
  'nl',
  'pl',
  'tr',
  'ru',
  'ja',
  'zh-CN',
  'ko',
  'ar',
  'he',
];

const english = localeTable('en') ?? {};
const baseKeys = Object.keys(english).filter((key) => !key.includes('#'));
/** Keys English counts with (`inbox.unread#one`): every locale needs each of its own categories. */
const pluralKeys = [
  ...new Set(
    Object.keys(english)
      .filter((k) => k.includes('#'))
      .map((k) => k.split('#')[0] ?? ''),
  ),
];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

function categories(locale: string): string[] {
  return new Intl.PluralRules(locale)
    .resolvedOptions()
    .pluralCategories.filter((c) => c !== 'other');
}

describe('built-in locales', () => {
  it('English has plural keys to check', () => {
    expect(baseKeys.length).to.be.greaterThan(150);
    expect(pluralKeys).to.include.members([
      'inbox.unread',
      'conversation.members',
      'thread.replies',
    ]);
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      it('has every key English has, and no other', async () => {
        await loadLocale(locale);
        const table = localeTable(locale) ?? {};
        const missing = baseKeys.filter((key) => !(key in table));
        expect(missing, `${locale} lacks`).to.deep.equal([]);
        const allowed = new Set(categories(locale));
        const extra = Object.keys(table).filter((key) => {
          const [base, category] = key.split('#');
          if (!base || !(base in english)) return true;
          if (category === undefined) return false;
          // A counted form only where the English string counts, and only for a category the language has.
          return !english[base]?.includes('{count}') || !allowed.has(category);
        });
        expect(extra, `${locale} has keys English does not`).to.deep.equal([]);
      });

      it('keeps the placeholders of every string', async () => {
        await loadLocale(locale);
        const table = localeTable(locale) ?? {};
        for (const key of baseKeys) {
          expect(placeholders(table[key] ?? ''), `${locale} ${key}`).to.deep.equal(
            placeholders(english[key] ?? ''),
          );
        }
        // A counted form may spell its number out ("رسالتان"), but brings nothing English lacks.
        for (const key of Object.keys(table).filter((k) => k.includes('#'))) {
          const base = english[key.split('#')[0] ?? ''] ?? '';
          for (const name of placeholders(table[key] ?? ''))
            expect(placeholders(base), `${locale} ${key}`).to.include(name);
        }
      });

      it('has a form for each plural category of the language', async () => {
        await loadLocale(locale);
        const table = localeTable(locale) ?? {};
        for (const key of pluralKeys) {
          for (const category of categories(locale))
            expect(table, `${locale} ${key}#${category}`).to.have.property(`${key}#${category}`);
        }
      });

      it('is a translation, not a copy of English', async () => {
        await loadLocale(locale);
        const table = localeTable(locale) ?? {};
        const same = baseKeys.filter((key) => table[key] === english[key]);
        // A few strings are the same word in many languages ("Chat", "Online", "{name}").
        expect(same.length, `${locale} keeps in English: ${same.join(', ')}`).to.be.lessThan(
          baseKeys.length * 0.1,
        );
      });
    });
  }

  it('reads counts in each language, with the right form', async () => {
    await Promise.all(['ru', 'pl', 'ar', 'he', 'ja', 'de'].map((l) => loadLocale(l)));
    const unread = (count: number, locale: string) => t('inbox.unread', { count }, { locale });
    expect(unread(1, 'ru')).to.equal('1 непрочитанное сообщение');
    expect(unread(3, 'ru')).to.equal('3 непрочитанных сообщения');
    expect(unread(5, 'ru')).to.equal('5 непрочитанных сообщений');
    expect(unread(21, 'ru')).to.equal('21 непрочитанное сообщение');
    expect(unread(22, 'pl')).to.equal('22 nieprzeczytane wiadomości');
    expect(unread(25, 'pl')).to.equal('25 nieprzeczytanych wiadomości');
    expect(unread(2, 'he')).to.equal('שתי הודעות שלא נקראו');
    expect(unread(0, 'ar')).to.equal('لا توجد رسائل غير مقروءة');
    expect(unread(2, 'ar')).to.equal('رسالتان غير مقروءتين');
    expect(unread(1, 'ja')).to.equal('未読メッセージ 1 件');
    // Numbers take the language's digits and grouping.
    expect(t('inbox.unread', { count: 1234 }, { locale: 'de' })).to.equal(
      '1.234 ungelesene Nachrichten',
    );
    expect(unread(11, 'ar')).to.equal(`${new Intl.NumberFormat('ar').format(11)} رسالة غير مقروءة`);
  });

  it('loads a region of a built-in language from its table', async () => {
    await loadLocale('pt-PT');
    expect(t('composer.send', undefined, { locale: 'pt-PT' })).to.equal('Enviar');
    await loadLocale('zh-TW');
    expect(t('composer.send', undefined, { locale: 'zh-Hans-CN' })).to.equal('发送');
  });
});
