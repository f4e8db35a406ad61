/**
 * Places a top-layer popover (`popover` attribute, `position: fixed`) next
 * to what opened it: on the preferred side, flipped to the other when it
 * would leave the window, and kept inside the window with a small margin.
 * One placer for the message menu and the reactions picker.
 */

/** Space kept between a popover and the window's edges. */
const WINDOW_MARGIN = 8;

export interface PopoverPlacement {
  /** Which side of the anchor to try first. */
  prefer: 'below' | 'above';
  /** Line up the popover's left edge with the anchor's (`start`), or the right edges (`end`). */
  align: 'start' | 'end';
  /** Space between anchor and popover. */
  gap: number;
}

export function placePopover(
  popover: HTMLElement,
  anchor: Element,
  { prefer, align, gap }: PopoverPlacement,
): void {
  const at = anchor.getBoundingClientRect();
  const box = popover.getBoundingClientRect();
  const below = at.bottom + gap;
  const above = at.top - box.height - gap;
  const maxTop = window.innerHeight - box.height - WINDOW_MARGIN;
  const top =
    prefer === 'below'
      ? below > maxTop
        ? above
        : below
      : above < WINDOW_MARGIN
        ? Math.min(below, maxTop)
        : above;
  const left = Math.min(
    align === 'end' ? at.right - box.width : at.left,
    window.innerWidth - box.width - WINDOW_MARGIN,
  );
  popover.style.top = `${Math.max(WINDOW_MARGIN, top)}px`;
  popover.style.left = `${Math.max(WINDOW_MARGIN, left)}px`;
}
