/**
 * Registers `<poolse-timeline>` (and the elements it renders). The class alone, with
 * no registration, is in `./timeline-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseTimeline } from './timeline-element.js';

import '../message/message.js';
export * from './timeline-element.js';

define('poolse-timeline', PoolseTimeline);
