import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import {
  createTranslator,
  en,
  loadLocale,
  registerLocale,
  t,
} from '../../../components/shared/strings.js';

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
    expect(t('common.cancel', undefined, { locale: 'xx' })).to.equal(en['common.cancel']);
  });

  it('lets a provider override single strings', () => {
    const translate = createTranslator({ locale: 'fr', overrides: { 'inbox.title': 'Support' } });
    expect(translate('inbox.title')).to.equal('Support');
    expect(translate('common.cancel')).to.equal('Annuler');
  });

  it('renders an unknown key as itself rather than failing', () => {
    expect(t('no.such.key')).to.equal('no.such.key');
  });
});
