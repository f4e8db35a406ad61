import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.js';

/**
 * The CDN builds, into dist/cdn/:
 * - `poolse-elements.js`, an ES module: the initial script (Lit, phoenix, the
 *   SDK, the store and the core elements) that defines every other element
 *   from `chunks/` beside it the first time its tag appears;
 * - `poolse-elements.iife.js` (CDN_FORMAT=iife, built second into the same
 *   folder): a tiny classic script that loads the ES module build, for the
 *   embed snippet and pages without modules.
 */
const format = process.env.CDN_FORMAT === 'iife' ? 'iife' : 'es';

/** Lit, phoenix, the SDK, the store, the contexts and the core elements. */
const CORE = [
  /\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context|phoenix)\//,
  /\/src\/(sdk|state|context)\//,
  /\/components\/(provider|inbox|avatar)\//,
  /\/components\/shared\/(define|format|tokens\.styles)\.ts$/,
  /\/components\/shared\/localize\/(keys|registry|builtin-locales|common\.strings)\.ts$/,
  /\/components\/shared\/controllers\/localize-controller\.ts$/,
];
function isCoreModule(id: string): boolean {
  return CORE.some((pattern) => pattern.test(id));
}

export default defineConfig({
  base: './',
  plugins: [minifyCssLiterals()],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: format === 'es',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    modulePreload: false,
    // No CSS files to load beside chunks: this keeps Vite's preload wrapper out of every import().
    cssCodeSplit: false,
    copyPublicDir: false,
    rollupOptions: {
      input:
        format === 'es'
          ? { 'poolse-elements': 'src/cdn.ts' }
          : { 'poolse-elements.iife': 'src/cdn-loader.ts' },
      preserveEntrySignatures: 'strict',
      output: {
        format,
        ...(format === 'iife' ? { name: 'PoolseElementsLoader' } : {}),
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Everything the initial script needs in one file: split across
        // chunks, the same code costs more bytes (each file is compressed on
        // its own) and more requests.
        ...(format === 'es'
          ? { codeSplitting: { groups: [{ name: 'core', test: isCoreModule }] } }
          : {}),
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
