/**
 * Part of `npm run build`: writes what the package ships from
 * custom-elements.json: the framework entries (`dist/frameworks/{react,vue,svelte}`,
 * each registering the elements and typing them for that framework) and
 * `web-types.json` for JetBrains editors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWebTypes } from './editor-data.js';
import { manifestElements } from './generate.js';
import { REGISTERING_ENTRY, renderReact, renderSvelte, renderVue } from './typings.js';
import { ROOT } from '../frameworks.mjs';

const elements = manifestElements();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const out = join(ROOT, 'dist', 'frameworks');
mkdirSync(out, { recursive: true });
const typings = { react: renderReact, vue: renderVue, svelte: renderSvelte };
for (const [name, render] of Object.entries(typings)) {
  writeFileSync(join(out, `${name}.d.ts`), render(elements));
  writeFileSync(join(out, `${name}.js`), REGISTERING_ENTRY);
}
writeFileSync(join(ROOT, 'web-types.json'), renderWebTypes(elements, pkg));
console.log(`dist/frameworks (react, vue, svelte) and web-types.json: ${elements.length} elements`);
