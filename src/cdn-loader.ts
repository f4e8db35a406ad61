/**
 * `poolse-elements.iife.js`: the classic-script door to the CDN build, for
 * pages that paste a plain `<script src>` (the embed snippet). It loads the
 * ES module build from its own folder, so both doors share one copy of
 * every file, and mounts the launcher when the tag says how to sign in
 * (`data-token-url`, or `data-tenant-id` for identity verification and visitors).
 */
interface CdnModule {
  mountLauncher(script: HTMLScriptElement): unknown;
}

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const moduleUrl = new URL('./poolse-elements.js', script?.src || location.href).href;

import(/* @vite-ignore */ moduleUrl).then(
  (module: CdnModule) => {
    const signsIn =
      script !== null &&
      (script.dataset.tokenUrl !== undefined || script.dataset.tenantId !== undefined);
    if (script && signsIn) module.mountLauncher(script);
  },
  (error: unknown) => console.error(`[poolse] could not load ${moduleUrl}:`, error),
);
