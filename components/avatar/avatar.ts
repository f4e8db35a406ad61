/**
 * Registers `<poolse-avatar>` (and the elements it renders). The class alone, with
 * no registration, is in `./avatar-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseAvatar } from './avatar-element.js';

export * from './avatar-element.js';

define('poolse-avatar', PoolseAvatar);
