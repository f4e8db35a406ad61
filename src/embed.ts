/**
 * The CDN embed snippet: a `<script>` tag with `data-*` settings mounts one
 * `<poolse-launcher>` on the page, so a site owner pastes two lines and has chat.
 *
 * ```html
 * <script src="https://cdn.example.com/poolse-elements.iife.js" defer
 *   data-api-url="https://chat.example.com" data-token-url="/api/chat-token"></script>
 * ```
 *
 * or, with no token endpoint, `data-tenant-id` plus `data-user-id` and
 * `data-user-hash` (identity verification; a visitor without them).
 */
import type { PoolseLauncher } from '../components/launcher/launcher.js';

/** `data-*` attribute (without `data-`) → launcher attribute. */
const SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['api-url', 'api-url'],
  ['ws-url', 'ws-url'],
  ['token-url', 'token-url'],
  ['tenant-id', 'tenant-id'],
  ['user-id', 'user-id'],
  ['user-hash', 'user-hash'],
  ['user-name', 'user-name'],
  ['user-email', 'user-email'],
  ['position', 'position'],
  ['theme', 'theme'],
  ['accent-color', 'accent-color'],
  ['locale', 'locale'],
  ['dir', 'dir'],
  ['title', 'panel-title'],
];

/** A script tag asks for the launcher when it names where tokens come from (a token URL or a tenant). */
function isEmbedScript(script: Element | null): script is HTMLScriptElement {
  return (
    script instanceof HTMLScriptElement &&
    (script.dataset.tokenUrl !== undefined || script.dataset.tenantId !== undefined)
  );
}

/**
 * The script tag that loaded this bundle: `document.currentScript` for a
 * classic script; for a module (where it is null) the tag whose `src` is
 * this module's URL.
 */
export function findEmbedScript(moduleUrl?: string): HTMLScriptElement | null {
  if (typeof document === 'undefined') return null;
  if (isEmbedScript(document.currentScript)) return document.currentScript;
  if (!moduleUrl) return null;
  for (const script of Array.from(
    document.querySelectorAll('script[src][data-token-url], script[src][data-tenant-id]'),
  )) {
    if (isEmbedScript(script) && script.src === moduleUrl) return script;
  }
  return null;
}

/** Mounts one launcher configured from the script's `data-*` (once per script). */
export function mountLauncher(script: HTMLScriptElement): PoolseLauncher {
  const existing = document.querySelector<PoolseLauncher>('poolse-launcher[data-poolse-embed]');
  if (existing) return existing;
  const launcher = document.createElement('poolse-launcher');
  launcher.setAttribute('data-poolse-embed', '');
  for (const [data, attribute] of SETTINGS) {
    const value = script.getAttribute(`data-${data}`);
    if (value !== null && value !== '') launcher.setAttribute(attribute, value);
  }
  if (script.hasAttribute('data-open')) launcher.open = true;
  const attach = () => document.body.append(launcher);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
  return launcher;
}
