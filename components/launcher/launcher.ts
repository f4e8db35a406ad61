/**
 * Registers `<poolse-launcher>` (and the elements it renders). The class alone, with
 * no registration, is in `./launcher-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseLauncher } from './launcher-element.js';
import '../provider/provider.js';
import '../inbox/inbox.js';
import '../conversation/conversation.js';

export * from './launcher-element.js';

define('poolse-launcher', PoolseLauncher);
