/**
 * The locales that ship with the elements, each loaded on first use. Adding
 * one is a table in `locales/` and one line here.
 */
import { registerLocale } from './registry.js';

registerLocale('fr', () => import('./locales/fr.js'));
