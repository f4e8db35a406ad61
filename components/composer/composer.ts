/**
 * Registers `<poolse-composer>` (and the elements it renders). The class alone, with
 * no registration, is in `./composer-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseComposer } from './composer-element.js';

export * from './composer-element.js';

define('poolse-composer', PoolseComposer);
