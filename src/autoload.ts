/**
 * The CDN build's element loader: the initial script defines the core
 * (provider, inbox, avatar) and loads every other `<poolse-*>` element's code
 * the first time such a tag appears in the page, so a page pays for the
 * conversation, composer or launcher only when it uses them.
 */
import { loadEmojiPicker, loadLightbox } from '../components/shared/lazy.js';

const loaders: Readonly<Record<string, () => Promise<unknown>>> = {
  'poolse-conversation': () => import('../components/conversation/conversation.js'),
  'poolse-timeline': () => import('../components/timeline/timeline.js'),
  'poolse-message': () => import('../components/message/message.js'),
  'poolse-reactions': () => import('../components/reactions/reactions.js'),
  'poolse-thread': () => import('../components/thread/thread.js'),
  'poolse-composer': () => import('../components/composer/composer.js'),
  'poolse-launcher': () => import('../components/launcher/launcher.js'),
  'poolse-lightbox': loadLightbox,
  'poolse-emoji-picker': loadEmojiPicker,
};

const loading = new Map<string, Promise<void>>();

/** Loads (once) the code of a `<poolse-*>` element the initial script does not hold. */
export function loadElement(tag: string): Promise<void> {
  const name = tag.toLowerCase();
  const loader = loaders[name];
  if (!loader || customElements.get(name)) return Promise.resolve();
  let pending = loading.get(name);
  if (!pending) {
    pending = loader().then(
      () => undefined,
      (error: unknown) => {
        loading.delete(name); // a later appearance of the tag tries again
        console.error(`[poolse] could not load <${name}>:`, error);
      },
    );
    loading.set(name, pending);
  }
  return pending;
}

function loadUndefinedIn(root: Element | Document): void {
  if (root instanceof Element && root.localName in loaders) void loadElement(root.localName);
  for (const element of Array.from(root.querySelectorAll(':not(:defined)'))) {
    if (element.localName in loaders) void loadElement(element.localName);
  }
}

let observing = false;

/** Loads the elements already in the page and those added later. Idempotent. */
export function autoload(): void {
  if (observing || typeof document === 'undefined' || typeof MutationObserver === 'undefined')
    return;
  observing = true;
  loadUndefinedIn(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (node instanceof Element) loadUndefinedIn(node);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
