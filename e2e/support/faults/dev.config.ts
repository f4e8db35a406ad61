/**
 * The end-to-end config on ports of its own, for running the fault, hostile
 * and CSP specs while other specs use the main config's ports
 * (`npx playwright test -c e2e/support/faults/dev.config.ts e2e/faults.spec.ts`).
 * Same browser, servers and settings as `playwright.config.ts`.
 */
import { defineConfig } from '@playwright/test';
import base from '../../../playwright.config.js';

const apiPort = Number(process.env.E2E_API_PORT ?? 4397);
const webPort = Number(process.env.E2E_WEB_PORT ?? 5397);
const apiUrl = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  ...base,
  testDir: '../..',
  outputDir: '../../../test-results/e2e-faults',
  use: { ...base.use, baseURL: `http://127.0.0.1:${webPort}` },
  webServer: [
    {
      command: `node --import tsx server/cli.ts --seed demo --data "$(mktemp -d)" --port ${apiPort} --host 127.0.0.1 --test-routes`,
      cwd: '../../..',
      url: `${apiUrl}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node node_modules/vite/bin/vite.js --port ${webPort} --strictPort --host 127.0.0.1`,
      cwd: '../../..',
      url: `http://127.0.0.1:${webPort}`,
      env: { VITE_POOLSE_API_URL: apiUrl },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
