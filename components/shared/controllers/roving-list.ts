/**
 * Keyboard navigation of a list, one implementation for every list: the
 * inbox's listbox, the message menu, the reactions' quick picker and the
 * composer's suggestions. Arrows move by one (up/down, or left/right for a
 * horizontal list), Home and End go to the ends; a menu or a popup list
 * wraps around, a listbox stops at its ends. Type-ahead moves to the next
 * item whose label starts with the typed letter.
 */

export interface RovingOptions {
  /** Which arrows move: up/down (default) or left/right. */
  orientation?: 'vertical' | 'horizontal';
  /** Whether moving past an end comes back at the other (menus, popups). */
  wrap?: boolean;
}

/**
 * The index a navigation key moves to from `current` (-1: none yet) in a
 * list of `count` items, or null when the key does not navigate.
 */
export function rovingTarget(
  key: string,
  current: number,
  count: number,
  { orientation = 'vertical', wrap = false }: RovingOptions = {},
): number | null {
  if (count === 0) return null;
  const [previous, next] =
    orientation === 'vertical' ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
  switch (key) {
    case next:
      if (current < 0) return 0;
      return wrap ? (current + 1) % count : Math.min(count - 1, current + 1);
    case previous:
      if (current < 0) return wrap ? count - 1 : 0;
      return wrap ? (current - 1 + count) % count : Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Type-ahead: the index of the next item after `current` whose label
 * starts with the typed letter, or null (not a letter, a modifier held, or
 * no match).
 */
export function typeAheadTarget(
  event: KeyboardEvent,
  labels: readonly string[],
  current: number,
  locale?: string,
): number | null {
  if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.key === ' ')
    return null;
  const letter = event.key.toLocaleLowerCase(locale);
  for (let step = 1; step <= labels.length; step += 1) {
    const index = (Math.max(current, 0) + step) % labels.length;
    if ((labels[index] ?? '').trim().toLocaleLowerCase(locale).startsWith(letter)) return index;
  }
  return null;
}

/**
 * Moves focus among `items` for a navigation key (the item at `current`
 * has focus now, -1 when none does): focuses the target, consumes the key,
 * and returns the target's index, or null when the key does not navigate.
 */
export function moveFocus(
  event: KeyboardEvent,
  items: readonly HTMLElement[],
  current: number,
  options: RovingOptions & { labels?: () => readonly string[]; locale?: string } = {},
): number | null {
  let next = rovingTarget(event.key, current, items.length, options);
  if (next === null && options.labels) next = typeAheadTarget(event, options.labels(), current, options.locale);
  const target = next === null ? undefined : items[next];
  if (next === null || !target) return null;
  event.preventDefault();
  target.focus();
  return next;
}
