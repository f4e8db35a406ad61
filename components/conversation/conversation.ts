/**
 * Registers `<poolse-conversation>` (and the elements it renders). The class alone, with
 * no registration, is in `./conversation-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseConversation } from './conversation-element.js';
import '../avatar/avatar.js';
import '../composer/composer.js';

import '../timeline/timeline.js';
import '../thread/thread.js';
export * from './conversation-element.js';

define('poolse-conversation', PoolseConversation);
