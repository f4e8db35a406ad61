/**
 * `npm run docs`: writes the generated reference pages (docs/theming.md and
 * the element pages and framework typings from custom-elements.json).
 * With `--check`, writes nothing and fails when a committed file is stale.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { renderElementIndex, renderElementPage } from './element-pages.js';
import { readElements, type ManifestElement } from './manifest.js';
import { renderTheming } from './theming.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const MANIFEST = join(ROOT, 'custom-elements.json');
const ELEMENT_PAGES = 'docs/elements';

/** The elements from custom-elements.json, analysing the sources first when it is not built yet. */
export function manifestElements(): ManifestElement[] {
  if (!existsSync(MANIFEST)) {
    const result = spawnSync('npx', ['cem', 'analyze', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('cem analyze failed');
  }
  return readElements(MANIFEST);
}

/** Every generated file: path from the repository root → its raw content. */
function rawFiles(): Map<string, string> {
  const elements = manifestElements();
  const files = new Map([['docs/theming.md', renderTheming()]]);
  files.set(`${ELEMENT_PAGES}/README.md`, renderElementIndex(elements));
  for (const element of elements)
    files.set(`${ELEMENT_PAGES}/${element.tagName}.md`, renderElementPage(element));
  return files;
}

/** Element pages on disk that no element generates any more. */
export function orphanPages(files: Map<string, string>): string[] {
  const dir = join(ROOT, ELEMENT_PAGES);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `${ELEMENT_PAGES}/${name}`)
    .filter((path) => !files.has(path));
}

/** Every generated file, formatted as the repository's prettier config would. */
export async function generatedFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [path, content] of rawFiles()) {
    const file = join(ROOT, path);
    const options = (await resolveConfig(file)) ?? {};
    files.set(path, await format(content, { ...options, filepath: file }));
  }
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generatedFiles();
  const stale: string[] = [];
  for (const path of orphanPages(files)) {
    if (check) stale.push(path);
    else rmSync(join(ROOT, path));
  }
  for (const [path, content] of files) {
    const file = join(ROOT, path);
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = null;
    }
    if (current === content) continue;
    if (check) stale.push(path);
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      console.log(`wrote ${path}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Stale generated files (run npm run docs): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
