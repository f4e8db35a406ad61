/**
 * The CDN bundle (`poolse-elements.js`): Lit, phoenix, the SDK, the store and
 * the core elements (provider, inbox, avatar) in the initial script; every
 * other `<poolse-*>` element loads from the same folder the first time its
 * tag appears (autoload.ts). Loaded by a script tag with `data-token-url`,
 * it mounts the chat launcher (embed.ts).
 */
import { autoload } from './autoload.js';
import { findEmbedScript, mountLauncher } from './embed.js';

// What a page script needs beside the tags; the npm package exports everything.
export {
  Poolse,
  PoolseError,
  ApiError,
  AuthError,
  NetworkError,
  RateLimitedError,
  VERSION,
} from './sdk/index.js';
export { createChatStore } from './state/store.js';
export { clientContext, storeContext, localeContext } from './context/contexts.js';
export { StoreController } from './context/store-controller.js';
export { PoolseProvider } from '../components/provider/provider.js';
export type { PoolseTheme } from '../components/provider/provider.js';
export { PoolseInbox } from '../components/inbox/inbox.js';
export { PoolseAvatar } from '../components/avatar/avatar.js';
export { registerLocale, availableLocales } from '../components/shared/localize/registry.js';
export { loadElement } from './autoload.js';
export { findEmbedScript, mountLauncher } from './embed.js';

autoload();
const script = findEmbedScript(import.meta.url);
if (script) mountLauncher(script);
