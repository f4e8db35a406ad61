import type { Plugin } from 'vite';

/**
 * Shrinks the text of the elements' Lit templates for the CDN build, as a
 * CSS and HTML minifier would for files: in `css\`…\`` templates (the
 * `*.styles.ts` modules) comments go, whitespace runs become one space, and
 * spaces next to `{`, `}`, `;` and after `,` go; in `html\`…\`` templates the
 * indentation around line breaks goes (the browser collapses that whitespace
 * anyway; no template holds `<pre>` or text in a `<textarea>`).
 * Template expressions (`${…}`) are left exactly as written.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'poolse:minify-template-literals',
    transform(code, id) {
      const path = id.split('?')[0] ?? '';
      if (/\/components\/.+\.styles\.ts$/.test(path)) {
        const minified = minifyTemplates(code, 'css', minifyCssText);
        // The modules hold CSS only: their mappings are not worth keeping.
        return minified === code ? null : { code: minified, map: { mappings: '' } };
      }
      if (/\/components\/.+\.ts$/.test(path)) {
        const minified = minifyTemplates(code, 'html', minifyHtmlText);
        // Line breaks stay, so the mappings stay right to the line.
        return minified === code ? null : { code: minified, map: null };
      }
      return null;
    },
  };
}

/** Minifies the CSS of every `css` tagged template in `code`. */
export function minifyCssTemplates(code: string): string {
  return minifyTemplates(code, 'css', minifyCssText);
}

/** Applies `minify` to the static text of every `<tag>\`…\`` template in `code`. */
function minifyTemplates(code: string, tag: string, minify: (text: string) => string): string {
  const opener = `${tag}\``;
  let out = '';
  let i = 0;
  while (i < code.length) {
    const start = code.indexOf(opener, i);
    if (start === -1 || (start > 0 && /[\w$]/.test(code[start - 1] ?? ''))) {
      if (start === -1) {
        out += code.slice(i);
        break;
      }
      out += code.slice(i, start + opener.length);
      i = start + opener.length;
      continue;
    }
    out += code.slice(i, start + opener.length);
    i = start + opener.length;
    let text = '';
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        out += minify(text);
        text = '';
        const end = endOfExpression(code, i + 2);
        out += code.slice(i, end);
        i = end;
      } else {
        text += code[i];
        i += 1;
      }
    }
    out += minify(text) + '`';
    i += 1;
  }
  return out;
}

/** Index just past the `}` closing a `${` expression that starts at `from`. */
function endOfExpression(code: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < code.length && depth > 0) {
    const c = code[i];
    if (c === '"' || c === "'") {
      const quote = c;
      i += 1;
      while (i < code.length && code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
    } else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    i += 1;
  }
  return i;
}

function minifyHtmlText(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, '\n');
}

function minifyCssText(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/,\s+/g, ',');
}
