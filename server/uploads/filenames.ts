import { hasBidiControls } from '../domain/display-text.js';

/** User-given filenames: refused when they try to be paths, made safe when sent back in headers. */

/** Why the name is refused, or null when it is acceptable. */
export function filenameProblem(name: string): string | null {
  if (name.trim() === '') return 'must not be blank';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters';
  if (hasBidiControls(name)) return 'must not contain bidirectional control characters';
  if (/[/\\]/.test(name)) return 'must be a file name, not a path';
  if (name === '.' || name === '..') return 'must be a file name, not a path';
  return null;
}

/** RFC 6266 `Content-Disposition` with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string | null): string {
  if (!name) return kind;
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
