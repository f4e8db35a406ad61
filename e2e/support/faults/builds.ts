/**
 * Production builds of the demo app and of the CDN bundle, into folders of
 * the test's own (never `dist/`, which other work uses). The fault and CSP
 * specs serve these rather than the Vite dev server: the dev client reloads
 * the page when its own socket comes back after the page was offline, and
 * injects styles inline, which a strict CSP forbids.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const VITE = 'node_modules/vite/bin/vite.js';
const BUILD_TIMEOUT_MS = 180_000;

export interface Build {
  dir: string;
  remove(): void;
}

function tempDir(prefix: string): Build {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function vite(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const { VITE_POOLSE_API_URL: _unused, ...rest } = process.env;
  await run(process.execPath, [VITE, 'build', '--logLevel', 'warn', ...args], {
    env: { ...rest, ...env },
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** `vite build` of the demo app (index.html); pages pick their server with `?api=`. */
export async function buildDemo(): Promise<Build> {
  const build = tempDir('poolse-demo-build-');
  try {
    await vite(['--outDir', build.dir, '--emptyOutDir']);
  } catch (error) {
    build.remove();
    throw error;
  }
  return build;
}

/** `npm run build:cdn`, into a folder of its own: `poolse-elements.js`, `poolse-elements.iife.js`, `lazy/`. */
export async function buildCdn(): Promise<Build> {
  const build = tempDir('poolse-cdn-build-');
  try {
    await vite(['-c', 'vite.cdn.config.ts', '--outDir', build.dir, '--emptyOutDir']);
    await vite(['-c', 'vite.cdn.config.ts', '--outDir', build.dir], { CDN_FORMAT: 'iife' });
  } catch (error) {
    build.remove();
    throw error;
  }
  return build;
}
