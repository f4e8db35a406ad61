/**
 * `import '@poolse/elements'` must register every element. The registering
 * modules only call define() and pass their class through, so a bundler that
 * judges them free of side effects (package.json `sideEffects` not matching
 * them) silently drops them, and a page gets no elements at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LIB = join(import.meta.dirname, '../../../dist/lib');
const ELEMENTS = ['provider', 'inbox', 'conversation', 'composer', 'launcher'];

function read(path: string): string {
  return readFileSync(join(LIB, path), 'utf8');
}

test('the root entry imports the registering modules, and each calls define()', (t) => {
  if (!existsSync(join(LIB, 'src/index.js'))) {
    t.skip('dist/lib is not built (npm run build:lib)');
    return;
  }
  assert.match(read('src/index.js'), /import "\.\/elements\.js";/, 'index.js keeps elements.js');
  const elements = read('src/elements.js');
  for (const name of ELEMENTS) {
    assert.ok(
      elements.includes(`import "../components/${name}/${name}.js";`),
      `elements.js imports components/${name}/${name}.js`,
    );
    assert.match(read(`components/${name}/${name}.js`), new RegExp(`define\\("poolse-${name}", `));
  }
});
