/**
 * Registers `<poolse-lightbox>` (and the elements it renders). The class alone, with
 * no registration, is in `./lightbox-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseLightbox } from './lightbox-element.js';

export * from './lightbox-element.js';

define('poolse-lightbox', PoolseLightbox);
