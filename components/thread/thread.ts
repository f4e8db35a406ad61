/**
 * Registers `<poolse-thread>` (and the elements it renders). The class alone, with
 * no registration, is in `./thread-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseThread } from './thread-element.js';
import '../composer/composer.js';

import '../message/message.js';
export * from './thread-element.js';

define('poolse-thread', PoolseThread);
