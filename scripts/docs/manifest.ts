/**
 * The elements as custom-elements.json describes them, reduced to what the
 * generated typings, editor data and docs pages need. Everything they emit
 * comes from here, so they all improve when the manifest does.
 */
import { readFileSync } from 'node:fs';

export interface ManifestItem {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}

export interface ElementProperty extends ManifestItem {
  /** The attribute that sets it, when there is one. */
  attribute?: string;
}

export interface ManifestElement {
  tagName: string;
  className: string;
  /** Source module, relative to the repository root. */
  module: string;
  description: string;
  /** Public, writable instance properties. */
  properties: ElementProperty[];
  attributes: (ManifestItem & { fieldName?: string })[];
  events: ManifestItem[];
  slots: ManifestItem[];
  cssParts: ManifestItem[];
  cssProperties: ManifestItem[];
}

interface RawMember extends ManifestItem {
  kind: string;
  static?: boolean;
  readonly?: boolean;
  privacy?: string;
  attribute?: string;
}

interface RawDeclaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  members?: RawMember[];
  attributes?: (ManifestItem & { fieldName?: string })[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
  cssParts?: ManifestItem[];
  cssProperties?: ManifestItem[];
}

interface RawManifest {
  modules: { path: string; declarations?: RawDeclaration[] }[];
}

function isPublicWritable(member: RawMember): boolean {
  return (
    member.kind === 'field' &&
    !member.static &&
    !member.readonly &&
    member.privacy !== 'private' &&
    member.privacy !== 'protected' &&
    !member.name.startsWith('_') &&
    !member.name.startsWith('#')
  );
}

/** Every `<poolse-*>` element in the manifest, sorted by tag. */
export function readElements(path: string): ManifestElement[] {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as RawManifest;
  const elements: ManifestElement[] = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      elements.push({
        tagName: declaration.tagName,
        className: declaration.name,
        module: module.path,
        description: declaration.description ?? '',
        properties: (declaration.members ?? []).filter(isPublicWritable).map((member) => {
          const property: ElementProperty = { name: member.name };
          if (member.description) property.description = member.description;
          if (member.type) property.type = member.type;
          if (member.default !== undefined) property.default = member.default;
          if (member.attribute) property.attribute = member.attribute;
          return property;
        }),
        attributes: declaration.attributes ?? [],
        events: (declaration.events ?? []).filter((event) => event.name),
        slots: declaration.slots ?? [],
        cssParts: declaration.cssParts ?? [],
        cssProperties: declaration.cssProperties ?? [],
      });
    }
  }
  return elements.sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** `poolse-message-send` → `PoolseMessageSend` (Vue's `@event` → `onEvent` prop naming). */
export function pascalCase(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** One line of prose from a JSDoc description (for tables and editor hints). */
export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
