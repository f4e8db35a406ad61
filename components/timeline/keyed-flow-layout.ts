/**
 * The virtualizer's flow layout, taught to survive a prepend.
 *
 * `FlowLayout` caches each row's measured size, and the positions of the
 * rows it rendered, by *index*. When older messages are inserted in front,
 * every index shifts: the cached sizes then belong to the wrong rows, the
 * rendered range points at the new rows, and the view jumps to them.
 *
 * This layout follows rows by key instead: when the items change it moves
 * the cached sizes and positions to the rows' new indices, pushes the
 * positions down by the estimated height of the rows inserted above (the
 * same estimate the layout uses for rows it has not measured), and moves
 * the scroll position by as much. The virtualizer applies that correction
 * before the next paint, so the reader keeps looking at the same message.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** The scroll position the virtualizer reports (`{ top, left }`). */
type ScrollCoordinates = FlowLayout['viewportScroll'];

/** A row's measured box as the layout caches it (size and margins). */
type Metrics = Parameters<FlowLayout['_metricsCache']['update']>[0][number];

/** What the layout needs of an item: a stable key (rows have `key`; anything else is its own key). */
function keyOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'key' in item
    ? (item as { key: unknown }).key
    : item;
}

export class KeyedFlowLayout extends FlowLayout {
  /**
   * Flow layout keeps its reflow anchor until its estimates settle, and pulls
   * the view back to it. After a long jump (scrollbar drag, Home) that anchor
   * is far off screen and the pull would bounce the reader back: drop it.
   */
  override _getItems(): void {
    if (this._anchorIdx !== null && this._anchorPos !== null && this.pin === null) {
      const lower = this._scrollPosition - this._overhang;
      const upper = this._scrollPosition + this._viewDim1 + this._overhang;
      if (this._anchorPos > upper || this._anchorPos < lower) {
        this._anchorIdx = null;
        this._anchorPos = null;
      }
    }
    super._getItems();
  }

  protected override _setItems(items: unknown[]): void {
    const previous = this._items;
    if (items !== previous && previous.length > 0 && items.length > 0)
      this.#follow(previous, items);
    super._setItems(items);
  }

  /** Moves what was learned about each row to its new index. */
  #follow(previous: readonly unknown[], next: readonly unknown[]): void {
    const newIndex = new Map<unknown, number>();
    next.forEach((item, index) => newIndex.set(keyOf(item), index));
    const moved = (index: number): number | undefined => {
      const item = previous[index];
      return item === undefined ? undefined : newIndex.get(keyOf(item));
    };

    // The shift that matters is the one of the rows on screen. A row that
    // stays put (the day separator above inserted rows of the same day)
    // does not count: the reader follows the messages.
    let shift = 0;
    if (this._first >= 0) {
      const from = Math.max(this._first, this._firstVisible);
      const to = Math.max(from, Math.min(this._last, this._lastVisible));
      for (let index = from; index <= to && shift === 0; index += 1) {
        const target = moved(index);
        if (target !== undefined) shift = target - index;
      }
    }

    const cache = (this._metricsCache as unknown as { _metricsCache?: Map<number, Metrics> })
      ._metricsCache;
    if (cache) {
      let changed = false;
      const remapped: Record<number, Metrics> = {};
      for (const [index, metrics] of cache) {
        const to = moved(index);
        if (to !== index) changed = true;
        if (to !== undefined) remapped[to] = metrics;
      }
      if (changed) {
        this._metricsCache.clear();
        this._metricsCache.update(remapped, this.direction);
      }
    }
    if (shift === 0) return;

    // Rows inserted above the visible ones: estimated like any unmeasured row.
    const added = shift * this._delta;
    const physical = new Map<number, { pos: number; size: number }>();
    for (const [index, bounds] of this._physicalItems) {
      const to = moved(index);
      // Keep only the block that moved together with the visible rows, so the range stays contiguous.
      if (to !== undefined && to - index === shift)
        physical.set(to, { pos: bounds.pos + added, size: bounds.size });
    }
    this._physicalItems = physical;
    this._newPhysicalItems = new Map();
    if (physical.size === 0) {
      this._first = -1;
      this._last = -1;
    } else {
      const indices = [...physical.keys()];
      this._first = Math.min(...indices);
      this._last = Math.max(...indices);
    }
    this._firstVisible = Math.max(this._first, this._firstVisible + shift);
    this._lastVisible = Math.max(
      this._firstVisible,
      Math.min(this._last, this._lastVisible + shift),
    );
    this._physicalMin += added;
    this._physicalMax += added;
    this._anchorIdx = null;
    this._anchorPos = null;
    this._scrollPosition += added;
    this._scrollError -= added;
    this.#pendingShift += added;
  }

  /**
   * The virtualizer reports the scroller's position right after handing over
   * the items, before it has applied our correction: count the correction in
   * until the next reflow has sent it.
   */
  #pendingShift = 0;

  override get viewportScroll(): ScrollCoordinates {
    return super.viewportScroll;
  }

  override set viewportScroll(coords: ScrollCoordinates) {
    const shift = this.#pendingShift;
    super.viewportScroll = shift
      ? { ...coords, [this._positionDim]: (coords[this._positionDim] ?? 0) + shift }
      : coords;
  }

  override _reflow(): void {
    super._reflow();
    this.#pendingShift = 0;
  }
}

/** `layout` value for a virtualizer that keeps its place when rows are inserted above. */
export const keyedFlow = { type: KeyedFlowLayout };
