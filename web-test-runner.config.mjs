// Browser tests: real Chromium (Debian's, see .ci/run) against one real local
// poolse server that this config starts before the browsers and stops after.
// Tests reach the server through window.__POOLSE_TEST__ and the server
// commands below (test/browser/support/server.ts wraps them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';

register();
const { createPoolseServer } = await import('./server/app.ts');

const dataDir = mkdtempSync(join(tmpdir(), 'poolse-wtr-'));
const serverOptions = { port: 0, host: '127.0.0.1', dataDir, testRoutes: true, rateLimit: false };
let running = await createPoolseServer(serverOptions);
const port = running.port;
const tenant = running.createTenant('browser-tests');
const apiUrl = running.url;

/** Commands a test page can run on the Node side with executeServerCommand(). */
function poolseCommands() {
  return {
    name: 'poolse-commands',
    async executeCommand({ command }) {
      if (command === 'poolse:restart-server') {
        await running.close();
        running = await createPoolseServer({ ...serverOptions, port });
        return true;
      }
      if (command === 'poolse:drop-sockets') {
        running.hub.dropAllSockets();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const testGlobals = JSON.stringify({ apiUrl, apiKey: tenant.apiKey });

export default {
  files: process.env.WTR_FILES || 'test/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' }), poolseCommands()],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script>window.__POOLSE_TEST__ = ${testGlobals};</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
};
