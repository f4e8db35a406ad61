// `prepack` of @poolse/server: the server shares the wire limits and types
// with the SDK (src/sdk/limits.ts, src/sdk/types.ts), which live outside its
// folder, so the package ships the server bundled into dist/ with esbuild
// (its npm dependencies stay external and are installed as usual).
// `--clean` (postpack) removes the bundle again, so that the repository's
// `poolse-server` keeps running the sources.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'server');

const outdir = join(serverDir, 'dist');
if (process.argv.includes('--clean')) {
  rmSync(outdir, { recursive: true, force: true });
  process.exit(0);
}

await build({
  entryPoints: { cli: join(serverDir, 'cli.ts'), app: join(serverDir, 'app.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
