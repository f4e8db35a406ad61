/**
 * The rare, heavy parts, loaded on first use. Every lazy import goes through
 * here so the classic-script CDN build can load them from its own folder
 * instead (see vite.cdn.config.ts).
 */
export const loadLightbox = () => import('../lightbox/lightbox.js');
export const loadEmojiPicker = () => import('../emoji-picker/emoji-picker.js');
export const loadShortcodes = () => import('../emoji-picker/shortcodes.js');
