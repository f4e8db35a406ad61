/**
 * Guarded custom-element registration.
 *
 * A page can load poolse elements twice (an npm bundle plus the CDN snippet,
 * or two micro-frontends). Calling `customElements.define` twice for one tag
 * throws, so every element registers through `define()`: a tag already taken
 * is skipped, and a warning names both versions when they differ, because
 * two versions on one page usually mean one of them renders stale markup.
 */

import { ContextRoot } from '@lit/context';

/** The version of poolse elements stamped on every registered constructor. */
export const POOLSE_ELEMENTS_VERSION = '0.1.0';

const VERSION_KEY = '__poolseElementsVersion';

type VersionedConstructor = CustomElementConstructor & { [VERSION_KEY]?: string };

const CONTEXT_ROOT_KEY = Symbol.for('poolse-context-root');

/**
 * An element defined before `<poolse-provider>` asks for the store before
 * any provider can answer. A ContextRoot on the document keeps such requests
 * and replays them when a provider appears, so load order does not matter.
 * One per page, shared by every copy of poolse elements.
 */
function ensureContextRoot(): void {
  const page = globalThis as { [CONTEXT_ROOT_KEY]?: boolean };
  if (page[CONTEXT_ROOT_KEY] || typeof document === 'undefined') return;
  page[CONTEXT_ROOT_KEY] = true;
  new ContextRoot().attach(document.documentElement);
}

export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  ensureContextRoot();
  const existing = registry.get(tag) as VersionedConstructor | undefined;
  if (existing) {
    const version = existing[VERSION_KEY];
    if (version !== undefined && version !== POOLSE_ELEMENTS_VERSION) {
      console.warn(
        `[poolse] <${tag}> is already defined by poolse elements ${version}; ` +
          `this copy (${POOLSE_ELEMENTS_VERSION}) was not registered.`,
      );
    }
    return;
  }
  Object.defineProperty(ctor, VERSION_KEY, { value: POOLSE_ELEMENTS_VERSION, configurable: true });
  registry.define(tag, ctor);
}
