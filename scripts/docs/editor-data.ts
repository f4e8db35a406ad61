/**
 * JetBrains web-types from custom-elements.json: tags, attributes (with
 * their values), properties, events, slots, CSS properties and parts.
 */
import { oneLine, type ManifestElement, type ManifestItem } from './manifest.js';

/** `'light' | 'dark'` → ['light', 'dark']; other types have no fixed values. */
function literalValues(type: string | undefined): string[] | undefined {
  const text = (type ?? '').trim();
  if (!/^('[^']*'\s*\|?\s*)+$/.test(text)) return undefined;
  return [...text.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
}

function described(item: ManifestItem): { name: string; description?: string } {
  const description = oneLine(item.description);
  return description ? { name: item.name, description } : { name: item.name };
}

export function renderWebTypes(
  elements: ManifestElement[],
  pkg: { name: string; version: string },
): string {
  const html = elements.map((element) => ({
    name: element.tagName,
    description: element.description,
    'doc-url': `https://github.com/poolse/elements/blob/main/docs/elements/${element.tagName}.md`,
    attributes: element.attributes.map((attribute) => {
      const values = literalValues(attribute.type?.text);
      return {
        ...described(attribute),
        ...(attribute.default !== undefined ? { default: attribute.default } : {}),
        value: values
          ? { type: 'enum', kind: 'plain', required: false }
          : { type: attribute.type?.text ?? 'string', kind: 'expression', required: false },
        ...(values ? { values: values.map((name) => ({ name })) } : {}),
      };
    }),
    slots: element.slots.map(described),
    events: element.events.map((event) => ({
      ...described(event),
      ...(event.type ? { type: event.type.text } : {}),
    })),
    js: {
      properties: element.properties.map((property) => ({
        ...described(property),
        ...(property.type ? { type: property.type.text } : {}),
      })),
      events: element.events.map((event) => ({
        ...described(event),
        ...(event.type ? { type: event.type.text } : {}),
      })),
    },
    css: {
      properties: element.cssProperties.map(described),
      parts: element.cssParts.map(described),
    },
  }));
  return `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/web-types',
      name: pkg.name,
      version: pkg.version,
      'description-markup': 'markdown',
      'js-types-syntax': 'typescript',
      contributions: { html: { elements: html } },
    },
    null,
    2,
  )}\n`;
}
