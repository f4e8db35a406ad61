/**
 * The size budget of the CDN build : the initial script, the ESM
 * entry with everything it imports statically, must stay ≤ 56 KB gzip -9.
 * Builds nothing itself: `npm test` runs `build:cdn` before it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CDN_DIR, INITIAL_BUDGET_BYTES, measureCdn, staticImports } from '../../../bench/size.js';

test('the initial CDN script is at most 56 KB gzip', (t) => {
  const sizes = measureCdn(CDN_DIR);
  if (!sizes) {
    t.skip('no dist/cdn/poolse-elements.js: run npm run build:cdn first');
    return;
  }
  const detail = sizes.initial.map((f) => `${f.file} ${f.gzipBytes} B`).join(', ');
  assert.ok(
    sizes.initialGzipBytes <= INITIAL_BUDGET_BYTES,
    `initial CDN script is ${(sizes.initialGzipBytes / 1024).toFixed(1)} KB gzip (budget 56 KB): ${detail}`,
  );
  if (sizes.iifeInitialGzipBytes !== null) {
    assert.ok(
      sizes.iifeInitialGzipBytes <= INITIAL_BUDGET_BYTES,
      `the classic script loads ${(sizes.iifeInitialGzipBytes / 1024).toFixed(1)} KB gzip at first (budget 56 KB)`,
    );
  }
});

test('the initial size counts static imports and leaves import() chunks lazy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolse-size-'));
  try {
    mkdirSync(join(dir, 'chunks'));
    mkdirSync(join(dir, 'lazy'));
    const entry =
      'import{a as b}from"./chunks/shared.js";import"./chunks/side.js";const p=()=>import("./lazy/picker.js");export{b,p};';
    const shared = 'export const a=1;export*from"../chunks/deep.js";';
    writeFileSync(join(dir, 'poolse-elements.js'), entry);
    writeFileSync(join(dir, 'chunks/shared.js'), shared);
    writeFileSync(join(dir, 'chunks/side.js'), 'console.log(1);');
    writeFileSync(join(dir, 'chunks/deep.js'), 'export const d=2;');
    writeFileSync(join(dir, 'lazy/picker.js'), 'export default "picker";');
    const loader = '(function(){import(new URL("./poolse-elements.js",location.href).href)})();';
    writeFileSync(join(dir, 'poolse-elements.iife.js'), loader);
    writeFileSync(join(dir, 'lazy/data.json'), '{"emoji":[]}');
    writeFileSync(join(dir, 'poolse-elements.js.map'), '{}');

    const sizes = measureCdn(dir);
    assert.ok(sizes);
    assert.deepEqual(sizes.initial.map((f) => f.file).sort(), [
      'chunks/deep.js',
      'chunks/shared.js',
      'chunks/side.js',
      'poolse-elements.js',
    ]);
    assert.deepEqual(
      sizes.lazy.map((f) => f.file),
      ['lazy/data.json', 'lazy/picker.js'],
    );
    assert.equal(sizes.iife?.file, 'poolse-elements.iife.js');
    const entryGzip = gzipSync(entry, { level: 9 }).length;
    assert.equal(sizes.initial.find((f) => f.file === 'poolse-elements.js')?.gzipBytes, entryGzip);
    assert.equal(
      sizes.initialGzipBytes,
      sizes.initial.reduce((sum, f) => sum + f.gzipBytes, 0),
    );
    // The classic script is a loader of the ES entry: it costs its own bytes plus the ES initial load.
    assert.equal(
      sizes.iifeInitialGzipBytes,
      gzipSync(loader, { level: 9 }).length + sizes.initialGzipBytes,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('staticImports finds minified static imports and re-exports, not dynamic ones', () => {
  const source =
    'import{x}from"./a.js";import"./b.js";export*from"./c.js";export{y as z}from"../d.js";import("./e.js");';
  assert.deepEqual(staticImports(source).sort(), ['../d.js', './a.js', './b.js', './c.js']);
});

test('measureCdn answers null when there is no build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolse-size-empty-'));
  try {
    assert.equal(measureCdn(dir), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
