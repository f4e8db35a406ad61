import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import {
  loadLocale,
  registerLocale,
  translate as t,
} from '../../../components/shared/localize/registry.js';
import { commonEn } from '../../../components/shared/localize/common.strings.js';
import '../../../components/shared/localize/builtin-locales.js';
import '../../../components/inbox/inbox.strings.js';

describe('strings', () => {
  before(() => loadLocale('fr'));

  it('looks up English by default and fills parameters', () => {
    expect(t('inbox.new')).to.equal('New conversation');
    expect(t('inbox.typing-named', { name: 'Ada' })).to.equal('Ada is typing…');
  });

  it('picks plural forms by count', () => {
    expect(t('inbox.unread', { count: 1 })).to.equal('1 unread message');
    expect(t('inbox.unread', { count: 5 })).to.equal('5 unread messages');
    expect(t('inbox.unread', { count: 1 }, { locale: 'fr' })).to.equal('1 message non lu');
  });

  it('has a French table, with region fallback, and English for missing keys', () => {
    expect(t('common.retry', undefined, { locale: 'fr' })).to.equal('Réessayer');
    expect(t('common.retry', undefined, { locale: 'fr-CA' })).to.equal('Réessayer');
    registerLocale('xx', { 'common.retry': 'Again' });
    expect(t('common.retry', undefined, { locale: 'xx' })).to.equal('Again');
    expect(t('common.cancel', undefined, { locale: 'xx' })).to.equal(commonEn['common.cancel']);
  });

  it('lets a provider override single strings', () => {
    const options = { locale: 'fr', overrides: { 'inbox.title': 'Support' } };
    expect(t('inbox.title', undefined, options)).to.equal('Support');
    expect(t('common.cancel', undefined, options)).to.equal('Annuler');
  });

  it('renders an unknown key as itself rather than failing', () => {
    // @ts-expect-error: a misspelt key fails to type-check, and still renders.
    expect(t('no.such.key')).to.equal('no.such.key');
  });
});
