/**
 * Bundlers drop a bare `import './x.js'` when package.json says `x` has no
 * side effects. Every module the code imports only for its side effects
 * (element registration, string tables, built-in locales) must be listed
 * in `sideEffects`, or the CDN build and apps' bundles silently lose it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../../../scripts/frameworks.mjs';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `**` any folders, `*` one name: enough for the globs package.json uses. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '(?:.*/)?')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`);
}

test('every side-effect-only import is listed in sideEffects', () => {
  const { sideEffects } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    sideEffects: string[];
  };
  const globs = sideEffects.map(globToRegExp);
  const unlisted = new Set<string>();
  for (const file of [...sourceFiles(join(ROOT, 'components')), ...sourceFiles(join(ROOT, 'src'))]) {
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/^import '(\.[^']+)';$/gm)) {
      const target = relative(ROOT, resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')));
      if (!globs.some((glob) => glob.test(target))) unlisted.add(target);
    }
  }
  assert.deepEqual([...unlisted], []);
});
