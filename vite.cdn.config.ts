import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The CDN builds, into dist/cdn/:
 * - `poolse-elements.js`: one ES module that registers every element
 *   (`<script type="module" src=…>`), with the rare, heavy parts (emoji
 *   picker, lightbox, emoji shortcodes) split into `lazy/*.js` beside it;
 * - `poolse-elements.iife.js` (CDN_FORMAT=iife): the same as a classic
 *   script. A classic script cannot share chunks, so its lazy parts are
 *   loaded with import() from the same `lazy/` folder of the ES build.
 */
const format = process.env.CDN_FORMAT === 'iife' ? 'iife' : 'es';
const lazyModule = fileURLToPath(new URL('components/shared/lazy.ts', import.meta.url));
const lazyClassic = fileURLToPath(new URL('src/cdn-lazy-classic.ts', import.meta.url));

/** In the classic script, lazy parts come from the ES build's `lazy/` folder. */
function lazyFromEsBuild(): Plugin {
  return {
    name: 'poolse-lazy-from-es-build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === lazyModule ? lazyClassic : null;
    },
  };
}

export default defineConfig({
  base: './',
  plugins: format === 'iife' ? [lazyFromEsBuild()] : [],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: format === 'es',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input:
        format === 'es'
          ? {
              'poolse-elements': 'src/cdn.ts',
              'lazy/lightbox': 'components/lightbox/lightbox.ts',
              'lazy/emoji-picker': 'components/emoji-picker/emoji-picker.ts',
              'lazy/shortcodes': 'components/emoji-picker/shortcodes.ts',
            }
          : { 'poolse-elements.iife': 'src/cdn.ts' },
      preserveEntrySignatures: 'strict',
      output: {
        format,
        ...(format === 'iife' ? { name: 'PoolseElements', inlineDynamicImports: true } : {}),
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
