/**
 * A strict Content-Security-Policy for pages that use poolse elements, and
 * the collection of the violations a page reports.
 */
import type { Page } from '@playwright/test';

/**
 * `default-src 'self'; script-src 'self'; style-src 'self'` plus what the
 * local server needs: the API and its socket, images from the API (signed
 * attachment URLs) and `blob:` (upload thumbnails).
 */
export function strictCsp(apiUrl: string): string {
  const api = new URL(apiUrl);
  const ws = `ws://${api.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // 'report-sample' only adds the first characters of a blocked inline style to the report.
    "style-src 'self' 'report-sample'",
    `connect-src 'self' ${api.origin} ${ws}`,
    `img-src 'self' ${api.origin} blob:`,
  ].join('; ');
}

export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  /** The element that carried the blocked thing, with its shadow hosts: `poolse-message > div[part=bubble]`. */
  element: string;
}

/** Collects `securitypolicyviolation` events from the first script on (they are composed, so shadow roots report too). */
export async function collectViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen;
    const describe = (target: EventTarget | null): string => {
      const path: string[] = [];
      let node: Node | null = target instanceof Node ? target : null;
      for (let depth = 0; node && depth < 8; depth += 1) {
        if (node instanceof Element) {
          const part = node.getAttribute('part');
          const cls = node.getAttribute('class');
          path.unshift(
            `${node.localName}${part ? `[part=${part}]` : cls ? `.${cls.split(' ')[0]}` : ''}`,
          );
        }
        const root = node.getRootNode();
        node = root instanceof ShadowRoot ? root.host : null;
      }
      return path.join(' > ') || '(document)';
    };
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        element: describe(event.composedPath()[0] ?? event.target),
      });
    });
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? [],
    );
}

/**
 * Violations grouped by what and where (and, for inline styles, by the first
 * property set), with counts: short enough to read in a failure message.
 * "(document)": the element was not in the page yet (a template being cloned).
 */
export function summarize(violations: readonly Violation[]): string[] {
  const counts = new Map<string, number>();
  for (const v of violations) {
    const property = v.sample.split(/[:{]/)[0]?.trim();
    const key = `${v.directive} ${v.blocked} at ${v.element}${property ? ` (${property}…)` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n}× ${key}`).sort();
}
