#!/usr/bin/env node
/**
 * Builds the framework demos in demo/frameworks/ against the packed package,
 * exactly as an app would consume it from npm:
 *
 *   1. `npm run build:lib` (only when a source is newer than dist/lib), then
 *      `npm pack` into .tmp/. The tarball is replaced only when its bytes
 *      changed, so its mtime says when the package last really changed.
 *   2. For each framework whose build output is older than the tarball (or
 *      than its own sources): `npm install` inside its folder (its own
 *      node_modules, never the root's; skipped when neither its package.json
 *      nor the tarball changed since the last install), then `npm run build`.
 *
 *   node scripts/frameworks.mjs            # every framework
 *   node scripts/frameworks.mjs vue react  # some of them
 *
 * POOLSE_PACK_AS_BUILT=1 packs dist/lib as it is (for a CI step that has
 * just run `npm run build`, or while someone else edits the sources).
 *
 * The end-to-end test (e2e/frameworks.spec.ts) calls `buildFrameworks()`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FRAMEWORKS = ['vue', 'svelte', 'react', 'angular'];
export const FRAMEWORKS_DIR = join(ROOT, 'demo', 'frameworks');

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** npm's tarball name: `@poolse/elements@0.1.0` packs to `poolse-elements-0.1.0.tgz`. */
export const TARBALL = join(
  ROOT,
  '.tmp',
  `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`,
);

/** The server's own package (`server/`, an npm workspace), packed beside it. */
const serverPkg = JSON.parse(readFileSync(join(ROOT, 'server', 'package.json'), 'utf8'));
export const SERVER_TARBALL = join(
  ROOT,
  '.tmp',
  `${serverPkg.name.replace(/^@/, '').replace('/', '-')}-${serverPkg.version}.tgz`,
);

/** Written last by `npm run build:manifest`. */
const FRAMEWORK_TYPINGS = join(ROOT, 'dist', 'frameworks', 'svelte.d.ts');

/** What the package is built from: a change here means dist/lib is stale. */
const LIB_SOURCES = [
  'src',
  'components',
  'package.json',
  'vite.lib.config.ts',
  'tsconfig.build.json',
  'tsconfig.json',
];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.angular', '.svelte-kit']);

/** Where each framework's build writes its static site (every demo builds to `dist/`). */
export function outputDir(name) {
  return join(FRAMEWORKS_DIR, name, 'dist');
}

/** Newest mtime (ms) of the files under `paths`, 0 when none exist. Bounded by the tree's size. */
function newestMtime(paths) {
  let newest = 0;
  const stack = [...paths];
  while (stack.length > 0) {
    const path = stack.pop();
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path))
        if (!SKIPPED_DIRS.has(entry)) stack.push(join(path, entry));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  }
  return newest;
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/**
 * The child npm must resolve its own project: variables npm sets for the
 * command running this script (prefix, package fields) would point it at
 * the repository root instead.
 */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^npm_(config_(local_)?prefix|package_|lifecycle_)/i.test(key)) delete env[key];
  return env;
}

function run(command, args, cwd, log) {
  log(`$ (${cwd.replace(ROOT, '.') || '.'}) ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .trim()
      .split('\n')
      .slice(-40)
      .join('\n');
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${output}`,
    );
  }
  return result.stdout;
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Builds the library when its sources changed, packs it, and moves the
 * tarball to .tmp/ only when its bytes differ from the one already there.
 * Returns whether the tarball changed.
 */
export function packPackage({ log = () => {} } = {}) {
  const libEntry = join(ROOT, 'dist', 'lib', 'src', 'index.js');
  const asBuilt = process.env.POOLSE_PACK_AS_BUILT === '1' && mtime(libEntry) > 0;
  if (
    !asBuilt &&
    (mtime(libEntry) === 0 || newestMtime(LIB_SOURCES.map((p) => join(ROOT, p))) > mtime(libEntry))
  ) {
    run('npm', ['run', 'build:lib'], ROOT, log);
  }
  // The manifest, the framework typings and the editor data are generated from the built sources.
  if (mtime(FRAMEWORK_TYPINGS) < mtime(libEntry)) run('npm', ['run', 'build:manifest'], ROOT, log);
  mkdirSync(dirname(TARBALL), { recursive: true });
  const scratch = mkdtempSync(join(ROOT, '.tmp', 'pack-'));
  try {
    run('npm', ['pack', '--silent', '--pack-destination', scratch], ROOT, log);
    const packed = join(scratch, TARBALL.split('/').pop());
    if (!existsSync(packed)) throw new Error(`npm pack did not write ${packed}`);
    if (existsSync(TARBALL) && sha256(TARBALL) === sha256(packed)) return false;
    renameSync(packed, TARBALL);
    return true;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Packs the server workspace into .tmp/ (it has no build step). Returns the tarball's path. */
export function packServer({ log = () => {} } = {}) {
  mkdirSync(dirname(SERVER_TARBALL), { recursive: true });
  run(
    'npm',
    ['pack', '--silent', '-w', 'server', '--pack-destination', dirname(SERVER_TARBALL)],
    ROOT,
    log,
  );
  if (!existsSync(SERVER_TARBALL)) throw new Error(`npm pack did not write ${SERVER_TARBALL}`);
  return SERVER_TARBALL;
}

/** True when the framework's build output is older than the tarball or than its own sources. */
export function isStale(name) {
  const built = mtime(join(outputDir(name), 'index.html'));
  if (built === 0) return true;
  const sources = newestMtime([join(FRAMEWORKS_DIR, name)]);
  return built < mtime(TARBALL) || built < sources;
}

/** Installs and builds one framework demo; returns the milliseconds it took (0 when up to date). */
export function buildFramework(name, { log = () => {} } = {}) {
  if (!FRAMEWORKS.includes(name))
    throw new Error(`unknown framework "${name}" (known: ${FRAMEWORKS.join(', ')})`);
  if (!isStale(name)) return 0;
  const started = Date.now();
  const dir = join(FRAMEWORKS_DIR, name);
  // npm keeps an installed file: dependency as is; drop it when the tarball is newer so the new one is unpacked.
  const installed = join(dir, 'node_modules', '@poolse', 'elements');
  if (existsSync(installed) && mtime(join(installed, 'package.json')) < mtime(TARBALL)) {
    rmSync(installed, { recursive: true, force: true });
  }
  // npm's record of the last install: newer than package.json and with the package in place, nothing to do.
  const lastInstall = mtime(join(dir, 'node_modules', '.package-lock.json'));
  if (!existsSync(installed) || lastInstall < mtime(join(dir, 'package.json'))) {
    run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], dir, log);
  }
  run('npm', ['run', 'build'], dir, log);
  if (!existsSync(join(outputDir(name), 'index.html')))
    throw new Error(`${name}: the build wrote no ${outputDir(name)}/index.html`);
  return Date.now() - started;
}

/** Packs once, then brings every named framework demo up to date. Returns the timings in ms. */
export function buildFrameworks(names = FRAMEWORKS, { log = () => {} } = {}) {
  const started = Date.now();
  packPackage({ log });
  const pack = Date.now() - started;
  const frameworks = {};
  for (const name of names) frameworks[name] = buildFramework(name, { log });
  return { pack, frameworks, total: Date.now() - started };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const timings = buildFrameworks(names.length > 0 ? names : FRAMEWORKS, {
    log: (line) => console.log(line),
  });
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`pack: ${seconds(timings.pack)}`);
  for (const [name, ms] of Object.entries(timings.frameworks)) {
    console.log(`${name}: ${ms === 0 ? 'up to date' : seconds(ms)}`);
  }
  console.log(`total: ${seconds(timings.total)}`);
}
