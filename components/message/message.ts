/**
 * Registers `<poolse-message>` (and the elements it renders). The class alone, with
 * no registration, is in `./message-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseMessage } from './message-element.js';
import '../avatar/avatar.js';
import '../reactions/reactions.js';

export * from './message-element.js';

define('poolse-message', PoolseMessage);
