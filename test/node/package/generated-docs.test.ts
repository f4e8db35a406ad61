/**
 * The generated references are committed and current: regenerating them
 * from the tokens and custom-elements.json changes nothing, and the theming
 * reference lists every token with its light and dark default.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  darkTokens,
  lightTokens,
  type TokenName,
} from '../../../components/shared/tokens.styles.js';
import { generatedFiles } from '../../../scripts/docs/generate.js';
import { ROOT } from '../../../scripts/frameworks.mjs';

function committed(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

describe('generated references', () => {
  it('are committed as npm run docs writes them', async () => {
    for (const [path, content] of await generatedFiles()) {
      assert.equal(committed(path), content, `${path} is stale: run npm run docs`);
    }
  });

  it('docs/theming.md lists every token with its light and dark default', () => {
    const page = committed('docs/theming.md');
    for (const name of Object.keys(lightTokens) as TokenName[]) {
      const light = lightTokens[name];
      const dark = darkTokens[name] ?? light;
      const row = page.split('\n').find((line) => line.startsWith(`| \`--poolse-${name}\``));
      assert.ok(row, `--poolse-${name} is missing`);
      const cells = row
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/^`|`$/g, '').replace(/\\\|/g, '|'));
      assert.equal(cells[2], light, `light default of --poolse-${name}`);
      assert.equal(cells[3], dark, `dark default of --poolse-${name}`);
    }
  });
});
