/**
 * The CDN bundle: registers every element and, when loaded by a script tag
 * with `data-token-url`, mounts the chat launcher (see embed.ts).
 */
import { findEmbedScript, mountLauncher } from './embed.js';

export * from './index.js';

const script = findEmbedScript(import.meta.url);
if (script) mountLauncher(script);
