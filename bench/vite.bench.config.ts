import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo page and the bench page, built together for the browser
// benchmarks (production build, as users get it). Same target and decorator
// handling as the project's vite.config.ts.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: resolve(here, '..'),
  logLevel: 'warn',
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: {
        demo: resolve(here, '../index.html'),
        bench: resolve(here, 'pages/app.html'),
      },
    },
  },
});
