// VS Code HTML custom data from custom-elements.json, so editors complete
// <poolse-*> tags and their attributes (settings: "html.customData").
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName);

/** `'light' | 'dark'` → [{name: 'light'}, {name: 'dark'}]; other types have no fixed values. */
function valuesOf(type) {
  const text = type?.text ?? '';
  const literals = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  return literals.length > 0 && /^('[^']*'\s*\|?\s*)+$/.test(text.trim())
    ? literals.map((name) => ({ name }))
    : undefined;
}

const tags = elements
  .map((element) => ({
    name: element.tagName,
    description: [
      element.description ?? '',
      ...(element.events ?? []).map(
        (e) => `@event ${e.name}${e.description ? ` — ${e.description}` : ''}`,
      ),
      ...(element.slots ?? []).map(
        (s) => `@slot ${s.name || '(default)'}${s.description ? ` — ${s.description}` : ''}`,
      ),
    ]
      .filter(Boolean)
      .join('\n\n'),
    attributes: (element.attributes ?? []).map((attribute) => ({
      name: attribute.name,
      description: attribute.description ?? '',
      ...(valuesOf(attribute.type) ? { values: valuesOf(attribute.type) } : {}),
    })),
  }))
  .sort((a, b) => a.name.localeCompare(b.name));

writeFileSync(
  'vscode.html-custom-data.json',
  `${JSON.stringify({ version: 1.1, tags }, null, 2)}\n`,
);
console.log(`vscode.html-custom-data.json: ${tags.length} elements`);
