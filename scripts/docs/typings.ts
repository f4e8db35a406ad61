/**
 * Framework typings for every element, generated from custom-elements.json:
 * React 19 JSX (`JSX.IntrinsicElements`), Vue (`GlobalComponents` for Volar)
 * and Svelte 5 (`svelteHTML.IntrinsicElements`). Property types come from
 * the element classes themselves (`HTMLElementTagNameMap`) and event types
 * from the elements' global event map, so the manifest decides which names
 * exist and TypeScript decides their types: neither can drift.
 */
import { oneLine, pascalCase, type ManifestElement } from './manifest.js';

const HEADER = `// Generated from custom-elements.json by scripts/docs/typings.ts. Do not edit.`;

/**
 * Loads every element's declarations (and with them its `HTMLElementTagNameMap`
 * and event map entries), including elements the root entry only loads lazily.
 */
function elementImports(elements: ManifestElement[]): string {
  const modules = new Set(['src/index.ts', ...elements.map((element) => element.module)]);
  return [...modules]
    .map((module) => `import type {} from '../lib/${module.replace(/\.ts$/, '.js')}';`)
    .join('\n');
}

/** Shared helpers each typings file starts with. */
const PRELUDE = `

/** The event an element dispatches under \`name\`, as its global event map types it. */
type PoolseEventOf<K extends string> = K extends keyof GlobalEventHandlersEventMap
  ? GlobalEventHandlersEventMap[K]
  : CustomEvent<unknown>;`;

function doc(text: string | undefined, indent: string): string {
  const line = oneLine(text).replace(/\*\//g, '*\\/');
  return line ? `${indent}/** ${line} */\n` : '';
}

function quote(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `name?: type` lines for properties and attributes; `attributeNames` adds the kebab spellings too. */
function propertyLines(
  element: ManifestElement,
  indent: string,
  attributeNames: 'kebab' | 'camel',
): string[] {
  const self = `HTMLElementTagNameMap['${element.tagName}']`;
  const lines = new Map<string, string>();
  for (const property of element.properties) {
    lines.set(
      property.name,
      `${doc(property.description, indent)}${indent}${quote(property.name)}?: ${self}['${property.name}'];`,
    );
  }
  for (const attribute of element.attributes) {
    const name = attributeNames === 'kebab' ? attribute.name : camelCase(attribute.name);
    if (lines.has(name)) continue;
    const type = attribute.fieldName ? `${self}['${attribute.fieldName}']` : 'string';
    lines.set(name, `${doc(attribute.description, indent)}${indent}${quote(name)}?: ${type};`);
  }
  return [...lines.values()];
}

function eventLines(
  element: ManifestElement,
  indent: string,
  propName: (event: string) => string,
): string[] {
  return element.events.map(
    (event) =>
      `${doc(event.description, indent)}${indent}${quote(propName(event.name))}?: (event: PoolseEventOf<'${event.name}'>) => void;`,
  );
}

export function renderReact(elements: ManifestElement[]): string {
  const entries = elements.map((element) => {
    const indent = '        ';
    const members = [
      ...propertyLines(element, indent, 'kebab'),
      ...eventLines(element, indent, (name) => `on${name}`),
    ];
    return `${doc(element.description.split('\n\n')[0], '      ')}      '${element.tagName}': PoolseReactProps<HTMLElementTagNameMap['${element.tagName}']> & {\n${members.join('\n')}\n      };`;
  });
  return `${HEADER}
// React 19 sets a custom element's props as properties when the element has
// them (\`theme\`, \`getToken\`) and as attributes otherwise (\`api-url\`), and
// listens to a DOM event for each \`on<event-name>\` prop.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${elementImports(elements)}
${PRELUDE}

type PoolseReactProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> & {
  class?: string;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries.join('\n')}
    }
  }
}
`;
}

export function renderVue(elements: ManifestElement[]): string {
  const entries = elements.map((element) => {
    const indent = '  ';
    const members = [
      ...propertyLines(element, indent, 'camel'),
      ...eventLines(element, indent, (name) => `on${pascalCase(name)}`),
    ];
    return `/** Props and events of \`<${element.tagName}>\`. */\ninterface ${element.className}VueProps {\n${members.join('\n')}\n}`;
  });
  const components = elements.map(
    (element) =>
      `${doc(element.description.split('\n\n')[0], '    ')}    '${element.tagName}': new () => { $props: ${element.className}VueProps };`,
  );
  return `${HEADER}
// Volar (vue-tsc, the Vue extension) checks the <poolse-*> tags against these
// props: \`:api-url\` binds \`apiUrl\`, \`@poolse-message-send\` is
// \`onPoolseMessageSend\`. The compiler must still treat the tags as custom
// elements (\`isCustomElement: (tag) => tag.startsWith('poolse-')\`).
${elementImports(elements)}
${PRELUDE}

${entries.join('\n')}

declare module 'vue' {
  interface GlobalComponents {
${components.join('\n')}
  }
}
`;
}

export function renderSvelte(elements: ManifestElement[]): string {
  const entries = elements.map((element) => {
    const indent = '      ';
    const members = [
      ...propertyLines(element, indent, 'kebab'),
      ...eventLines(element, indent, (name) => `on${name}`),
    ];
    return `${doc(element.description.split('\n\n')[0], '    ')}    '${element.tagName}': HTMLAttributes<HTMLElement> & {\n${members.join('\n')}\n    };`;
  });
  return `${HEADER}
// svelte-check checks the <poolse-*> tags against these: Svelte 5 sets a
// custom element's props as properties when the element has them and
// listens to a DOM event for each \`on<event-name>\` attribute.
import type { HTMLAttributes } from 'svelte/elements';
${elementImports(elements)}
${PRELUDE}

declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
${entries.join('\n')}
    }
  }
}
`;
}

/** The entry that registers the elements alongside the typings (`import '@poolse/elements/react'`). */
export const REGISTERING_ENTRY = `${HEADER}
// Registers every <poolse-*> element; the .d.ts beside it types them for the framework.
import '../lib/src/elements.js';
`;
