import { defineConfig, type Plugin } from 'vite';

/**
 * Vite wraps our lazy `import()`s in its preload helper, imported as
 * `__vitePreload`; an app built with Vite then injects its own `__vitePreload`
 * import into the same module and the build fails ("Identifier `__vitePreload`
 * has already been declared"). Ours gets a name of its own (same length, so
 * the source maps stay right).
 */
function distinctPreloadHelper(): Plugin {
  return {
    name: 'poolse:distinct-preload-helper',
    renderChunk(code) {
      if (!code.includes('__vitePreload')) return null;
      return { code: code.replaceAll('__vitePreload', '__poolseChunk'), map: null };
    },
  };
}

/**
 * The npm package build: ES modules that mirror the source tree (so every
 * subpath in package.json's `exports` is one file and bundlers tree-shake),
 * with the runtime dependencies left as imports for the app's bundler.
 * Declarations come from `tsc -p tsconfig.build.json` into the same folder.
 */
export default defineConfig({
  plugins: [distinctPreloadHelper()],
  // Relative asset URLs (`new URL('../../assets/x', import.meta.url)`), wherever the package lands.
  base: './',
  build: {
    modulePreload: false,
    outDir: 'dist/lib',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    // Not lib mode: lib mode inlines every asset (the 430 KB emoji data) as base64.
    rollupOptions: {
      input: {
        'src/index': 'src/index.ts',
        'src/sdk/index': 'src/sdk/index.ts',
        'src/sdk/webhooks': 'src/sdk/webhooks.ts',
        'src/state/index': 'src/state/index.ts',
        'src/context/index': 'src/context/index.ts',
        'src/classes': 'src/classes.ts',
      },
      preserveEntrySignatures: 'strict',
      // Every module as written: removing what looks unused (a registering
      // module only re-exports its class, plus the define() call) is the app
      // bundler's job, guided by package.json's sideEffects.
      treeshake: false,
      external: [
        /^lit($|\/)/,
        /^@lit\//,
        /^@lit-labs\//,
        /^phoenix($|\/)/,
      ],
      output: {
        format: 'es',
        preserveModules: true,
        preserveModulesRoot: '.',
        entryFileNames: '[name].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
