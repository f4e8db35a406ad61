import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';

// End-to-end: the demo app (Vite) against a fresh local server with the demo
// seed, on ports of their own so a running `npm start` does not collide.
const apiPort = 4310;
const webPort = 5310;
const apiUrl = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results/e2e',
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${webPort}`,
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: `node --import tsx server/cli.ts --seed demo --data "$(mktemp -d)" --port ${apiPort} --host 127.0.0.1 --test-routes`,
      url: `${apiUrl}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node node_modules/vite/bin/vite.js --config e2e/support/vite.stable.config.ts --port ${webPort} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${webPort}`,
      env: { VITE_POOLSE_API_URL: apiUrl },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
