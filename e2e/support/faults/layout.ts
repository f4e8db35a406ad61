/**
 * Layout checks of what hostile text can break: nothing wider than its box,
 * no horizontal scrolling of the page or of a list.
 */
import type { Page } from '@playwright/test';

export interface Overflow {
  where: string;
  by: number;
}

/** The page itself scrolls sideways by this many pixels (0 when it does not). */
export async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
  );
}

/**
 * Elements (by `part`) inside the inbox list and the main timeline, at any
 * shadow depth, that stick out of their container's box sideways, and the
 * containers that scroll sideways.
 */
export async function overflowingParts(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const found: { where: string; by: number }[] = [];
    const TOLERANCE = 1;
    const walk = (root: ParentNode, box: DOMRect, label: string, depth: number): void => {
      if (depth > 6) return;
      for (const el of root.querySelectorAll<HTMLElement>('[part]')) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.position === 'fixed' || style.visibility === 'hidden') continue;
        const by = Math.max(box.left - rect.left, rect.right - box.right);
        if (by > TOLERANCE)
          found.push({ where: `${label} [part="${el.getAttribute('part')}"]`, by: Math.round(by) });
        if (el.shadowRoot) walk(el.shadowRoot, box, `${label} > ${el.localName}`, depth + 1);
      }
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot && !el.hasAttribute('part'))
          walk(el.shadowRoot, box, `${label} > ${el.localName}`, depth + 1);
      }
    };
    const inbox = document.querySelector('poolse-inbox')?.shadowRoot;
    const list = inbox?.querySelector<HTMLElement>('[part="list"]');
    if (inbox && list) {
      walk(inbox, list.getBoundingClientRect(), 'inbox', 0);
      if (list.scrollWidth > list.clientWidth + TOLERANCE)
        found.push({
          where: 'inbox list scrolls sideways',
          by: list.scrollWidth - list.clientWidth,
        });
    }
    const timeline = document
      .querySelector('poolse-conversation')
      ?.shadowRoot?.querySelector('[part="timeline"]')?.shadowRoot;
    const scroller = timeline?.querySelector<HTMLElement>('[part="scroller"]');
    if (timeline && scroller) {
      walk(timeline, scroller.getBoundingClientRect(), 'timeline', 0);
      if (scroller.scrollWidth > scroller.clientWidth + TOLERANCE)
        found.push({
          where: 'timeline scrolls sideways',
          by: scroller.scrollWidth - scroller.clientWidth,
        });
    }
    return found;
  });
}
