// Custom Elements Manifest: documents every element from its JSDoc
// (@event, @slot, @csspart, @cssproperty) for editors, docs and tools.

/**
 * Elements register through our guarded `define('poolse-x', PoolseX)`, which
 * the analyzer does not know: read the tag from those calls, as it does for
 * `customElements.define`.
 */
function poolseDefine() {
  return {
    name: 'poolse-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tagArg, classArg] = node.arguments;
      if (!tagArg || !classArg || !ts.isStringLiteral(tagArg) || !ts.isIdentifier(classArg)) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === classArg.text);
      if (!declaration) return;
      declaration.tagName = tagArg.text;
      declaration.customElement = true;
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tagArg.text,
        declaration: { name: classArg.text, module: moduleDoc.path },
      });
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
