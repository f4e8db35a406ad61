/**
 * Registers `<poolse-inbox>` (and the elements it renders). The class alone, with
 * no registration, is in `./inbox-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseInbox } from './inbox-element.js';
import '../avatar/avatar.js';

export * from './inbox-element.js';

define('poolse-inbox', PoolseInbox);
