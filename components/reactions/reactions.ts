/**
 * Registers `<poolse-reactions>` (and the elements it renders). The class alone, with
 * no registration, is in `./reactions-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseReactions } from './reactions-element.js';

export * from './reactions-element.js';

define('poolse-reactions', PoolseReactions);
