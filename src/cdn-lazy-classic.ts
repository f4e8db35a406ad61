/**
 * The lazy parts, as the classic-script CDN build loads them: import() of the
 * ES build's `lazy/*.js` files in the same folder as the script (a classic
 * script cannot split chunks of its own). Same exports as
 * components/shared/lazy.ts, which the build swaps for this file.
 */
const scriptUrl =
  (typeof document !== 'undefined' && (document.currentScript as HTMLScriptElement | null)?.src) ||
  (typeof location !== 'undefined' ? location.href : '');

function load<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ new URL(`./lazy/${name}.js`, scriptUrl).href) as Promise<T>;
}

export const loadLightbox = (): Promise<typeof import('../components/lightbox/lightbox.js')> =>
  load('lightbox');
export const loadEmojiPicker = (): Promise<typeof import('../components/emoji-picker/emoji-picker.js')> =>
  load('emoji-picker');
export const loadShortcodes = (): Promise<typeof import('../components/emoji-picker/shortcodes.js')> =>
  load('shortcodes');
