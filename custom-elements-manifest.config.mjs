// Custom Elements Manifest: documents every element from its JSDoc
// (@event, @slot, @csspart, @cssproperty) for editors, docs and tools.

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

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/icons.ts'],
  outdir: '.',
  litelement: true,
  plugins: [poolseDefine()],
};
