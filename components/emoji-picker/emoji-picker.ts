/**
 * Registers `<poolse-emoji-picker>` (and the elements it renders). The class alone, with
 * no registration, is in `./emoji-picker-element.js` (see `src/classes.ts`).
 */
import { define } from '../shared/define.js';
import { PoolseEmojiPicker } from './emoji-picker-element.js';

export * from './emoji-picker-element.js';

define('poolse-emoji-picker', PoolseEmojiPicker);
