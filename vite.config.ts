import { defineConfig } from 'vite';

// The demo app (index.html) in dev and build. Decorators are compiled as
// legacy ones because tsconfig sets experimentalDecorators (see TOOLCHAIN).
export default defineConfig({
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  // Its own folder: building the demo must never empty dist/, which npm pack ships.
  build: { target: 'es2022', sourcemap: true, outDir: '.tmp/demo', emptyOutDir: true },
});
