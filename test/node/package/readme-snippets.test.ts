/**
 * README code blocks marked `<!-- snippet: path -->` are copies of files the
 * tests build and run (the framework demos): a reader who pastes one gets
 * exactly what was proven to work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAMEWORKS, ROOT } from '../../../scripts/frameworks.mjs';

const READMES = ['README.md', 'demo/frameworks/README.md'];
const SNIPPET = /<!-- snippet: (\S+) -->\n\n?```[\w-]*\n([\s\S]*?)\n```/g;

function snippetsOf(readme: string): Array<{ path: string; code: string }> {
  const text = readFileSync(join(ROOT, readme), 'utf8');
  return [...text.matchAll(SNIPPET)].map(([, path = '', code = '']) => ({ path, code }));
}

test('every marked README snippet is the file it names, byte for byte', () => {
  let checked = 0;
  for (const readme of READMES.filter((file) => existsSync(join(ROOT, file)))) {
    for (const { path, code } of snippetsOf(readme)) {
      assert.ok(existsSync(join(ROOT, path)), `${readme}: ${path} exists`);
      const file = readFileSync(join(ROOT, path), 'utf8').replace(/\n+$/, '');
      assert.equal(code, file, `${readme}: the snippet of ${path} matches the file`);
      checked += 1;
    }
  }
  assert.ok(checked > 0, 'the READMEs have snippets to check');
});

test('the framework guide shows each framework’s app', () => {
  const paths = snippetsOf('demo/frameworks/README.md').map(({ path }) => path);
  for (const name of FRAMEWORKS) {
    assert.ok(
      paths.some((path) => path.startsWith(`demo/frameworks/${name}/src/`)),
      `demo/frameworks/README.md has a snippet from the ${name} app`,
    );
  }
});
