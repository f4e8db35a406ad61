/**
 * Registers `<poolse-provider>` (and the elements it renders). The class alone, with
 * no registration, is in `./provider-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseProvider } from './provider-element.js';

export * from './provider-element.js';

define('poolse-provider', PoolseProvider);
