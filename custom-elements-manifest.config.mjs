// Custom Elements Manifest: documents every element from its JSDoc
// (@event, @slot, @csspart, @cssproperty) for editors, docs and tools.
import { readFileSync } from 'node:fs';

/**
 * Elements register through our guarded `define('poolse-x', PoolseX)`, which
 * the analyzer does not know: read the tag from those calls, as it does for
 * `customElements.define`.
 */
function poolseDefine() {
  /** tag → class name, from every `define('poolse-x', PoolseX)` call. */
  const tags = new Map();
  return {
    name: 'poolse-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tagArg, classArg] = node.arguments;
      if (!tagArg || !classArg || !ts.isStringLiteral(tagArg) || !ts.isIdentifier(classArg)) return;
      tags.set(tagArg.text, { className: classArg.text, module: moduleDoc.path });
    },
    // The class is declared in `<name>-element.ts` and registered in `<name>.ts`.
    packageLinkPhase({ customElementsManifest }) {
      for (const [tag, { className, module }] of tags) {
        for (const moduleDoc of customElementsManifest.modules) {
          const declaration = moduleDoc.declarations?.find((d) => d.name === className);
          if (!declaration) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          const registering = customElementsManifest.modules.find((m) => m.path === module);
          if (registering) {
            registering.exports ??= [];
            registering.exports.push({
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: className, module: moduleDoc.path },
            });
          }
        }
      }
    },
  };
}

/**
 * Every event's detail type comes from one place, `components/shared/events.ts`
 * (`PoolseEventDetails`): each `@event` an element documents gets its
 * `CustomEvent<Detail>` type from there, so the docs never drift from `emit()`.
 */
function poolseEventTypes() {
  const source = readFileSync('components/shared/events.ts', 'utf8');
  const map = source.slice(source.indexOf('export interface PoolseEventDetails'));
  const details = new Map(
    [...map.matchAll(/'(poolse-[\w-]+)': (\w+);/g)].map(([, name, detail]) => [name, detail]),
  );
  return {
    name: 'poolse-event-types',
    packageLinkPhase({ customElementsManifest }) {
      for (const moduleDoc of customElementsManifest.modules) {
        for (const declaration of moduleDoc.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            const detail = details.get(event.name);
            if (!detail) continue;
            event.type = { text: `CustomEvent<${detail}>` };
            if (detail !== 'void')
              event.type.references = [
                { name: detail, module: 'components/shared/events.ts', start: 12, end: 12 + detail.length },
              ];
          }
        }
      }
    },
  };
}

/**
 * The provider documents every semantic token (`--poolse-color-*`, space,
 * radius, font, shadow) with its light default and its dark value, read
 * from `components/shared/tokens.styles.ts`, instead of one wildcard.
 */
function poolseThemeTokens() {
  const source = readFileSync('components/shared/tokens.styles.ts', 'utf8');
  const table = (name) => {
    const start = source.indexOf(`export const ${name}`);
    if (start < 0) return new Map();
    const body = source.slice(start, source.indexOf('};', start));
    return new Map([...body.matchAll(/'([\w-]+)': '([^']*)'/g)].map(([, key, value]) => [key, value]));
  };
  const light = table('lightTokens');
  const dark = table('darkTokens');
  return {
    name: 'poolse-theme-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const moduleDoc of customElementsManifest.modules) {
        const provider = (moduleDoc.declarations ?? []).find((d) => d.name === 'PoolseProvider');
        if (!provider) continue;
        const own = (provider.cssProperties ?? []).filter((p) => !p.name.endsWith('*'));
        provider.cssProperties = [
          ...own,
          ...[...light].map(([key, value]) => ({
            name: `--poolse-${key}`,
            default: value,
            description:
              dark.has(key) && dark.get(key) !== value
                ? `Theme token (dark theme: \`${dark.get(key)}\`); set it on the provider to theme every element below it.`
                : 'Theme token; set it on the provider to theme every element below it.',
          })),
        ];
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/icons.ts'],
  outdir: '.',
  litelement: true,
  plugins: [poolseDefine(), poolseEventTypes(), poolseThemeTokens()],
};
