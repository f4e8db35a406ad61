/**
 * `playwright.config.ts` for running the end-to-end specs while others edit
 * the tree and run the main config: a Vite that neither watches files nor
 * reloads pages (`vite.stable.config.ts`), on ports of its own
 * (`npx playwright test -c e2e/support/stable.config.ts e2e/chat.spec.ts`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.js';

/** The servers' commands are relative to the repository root. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const moved = (text: string): string => text.replaceAll('4310', '4320').replaceAll('5310', '5320');

// Read by `support/demo.ts` in the workers, which load this file too.
process.env.POOLSE_E2E_API_URL = 'http://127.0.0.1:4320';

const servers = Array.isArray(base.webServer)
  ? base.webServer
  : base.webServer
    ? [base.webServer]
    : [];

export default defineConfig({
  ...base,
  testDir: '..',
  outputDir: '../../test-results/e2e-stable',
  use: { ...base.use, baseURL: base.use?.baseURL ? moved(base.use.baseURL) : undefined },
  webServer: servers.map((server) => ({
    ...server,
    cwd: root,
    url: server.url ? moved(server.url) : undefined,
    env: server.env
      ? Object.fromEntries(Object.entries(server.env).map(([k, v]) => [k, moved(v)]))
      : undefined,
    command: server.command.includes('vite')
      ? `${moved(server.command)} --config e2e/support/vite.stable.config.ts`
      : moved(server.command),
  })),
});
