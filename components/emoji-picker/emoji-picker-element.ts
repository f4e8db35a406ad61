import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { emojiCategories, emojiInGroup, searchEmoji } from './emoji-catalog.js';
import { loadEmojiData, type EmojiEntry } from './emoji-dataset.js';
import { emojiPickerStyles } from './emoji-picker.styles.js';
import './emoji-picker.strings.js';

export type { EmojiSelectDetail } from '../shared/events.js';

/** Emoji per grid row; the arrow keys move by this much vertically. */
const COLUMNS = 8;
/** Search results shown at most (a short query matches hundreds). */
const RESULT_LIMIT = 200;

let pickerCount = 0;

const searchIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"><circle cx="7" cy="7" r="4.75"/><path d="m10.5 10.5 3.25 3.25"/></svg>`;

/**
 * A full emoji picker, loaded on first use: a search field, one tab per
 * category and a grid of emoji. The data is served by the app's own origin
 * (see `emoji-data.ts`), never a CDN, and everything is styled through
 * constructable stylesheets, so it runs under a `style-src 'self'` policy.
 *
 * Keyboard: from the search field, ArrowDown enters the grid and Enter
 * picks the first result; in the tabs, the arrows, Home and End switch
 * category; in the grid, the arrows move, Home/End go to the row's ends
 * (with Ctrl, the grid's), Enter or Space picks, Tab leaves.
 *
 * @event poolse-emoji-select - An emoji was chosen. `detail.emoji` is its text.
 *
 * @csspart picker - The picker's frame.
 * @csspart search - The search field's wrapper.
 * @csspart search-input - The search field.
 * @csspart tabs - The category tab list.
 * @csspart tab - One category tab.
 * @csspart tab-selected - The current category's tab (beside `tab`).
 * @csspart panel - The scrolling area under the tabs.
 * @csspart category-label - The heading above the grid (category name or "Search results").
 * @csspart grid - The emoji grid.
 * @csspart emoji - One emoji button.
 * @csspart empty - The "no results" message.
 * @csspart loading - The placeholder shown while the emoji load.
 * @csspart error - The message shown when the emoji could not load.
 * @csspart preview - The footer naming the emoji under the pointer or focus.
 *
 * @cssproperty --poolse-emoji-picker-width - Width of the picker (default 340px).
 * @cssproperty --poolse-emoji-picker-height - Height of the picker (default 380px).
 * @cssproperty --poolse-emoji-picker-cell-size - Size of one emoji button (default 38px).
 * @cssproperty --poolse-emoji-picker-emoji-size - Font size of the emoji (default 24px).
 */
export class PoolseEmojiPicker extends PoolseElement {
  static override styles = emojiPickerStyles;

  /** `light` or `dark`; anything else follows the surrounding theme. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Accessible name of the picker (defaults to the strings table's). */
  @property() label = '';

  /** Language of the picker's own labels (search, categories); emoji names stay English. */
  @property() locale = '';

  /** Text shown while the emoji load (defaults to the strings table's). */
  @property({ attribute: 'loading-label' }) loadingLabel = '';

  @state() private entries: EmojiEntry[] | null = null;
  @state() private failed = false;
  @state() private query = '';
  @state() private group = emojiCategories[0]!.group;
  /** Index (in the shown list) of the grid's one tabbable emoji. */
  @state() private activeIndex = 0;
  /** The emoji named in the footer: the hovered one, else the focused one. */
  @state() private hovered: EmojiEntry | null = null;

  @query('input[type="search"]') private searchInput?: HTMLInputElement;

  #ids = `poolse-emoji-${++pickerCount}`;
  #shown: EmojiEntry[] = [];
  readonly #localize = new LocalizeController(this, { locale: () => this.locale });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.entries) this.#load();
  }

  /** Moves focus into the search field. */
  override async focus(options?: FocusOptions): Promise<void> {
    await this.updateComplete;
    this.searchInput?.focus(options);
  }

  #load(): void {
    this.failed = false;
    loadEmojiData().then(
      (entries) => {
        this.entries = entries;
      },
      () => {
        this.failed = true;
      },
    );
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('entries') || changed.has('query') || changed.has('group')) {
      const entries = this.entries ?? [];
      this.#shown = this.query.trim()
        ? searchEmoji(entries, this.query, RESULT_LIMIT)
        : emojiInGroup(entries, this.group);
      if (changed.has('query') || changed.has('group')) this.hovered = null;
      this.activeIndex = Math.min(this.activeIndex, Math.max(0, this.#shown.length - 1));
    }
  }

  protected override updated(changed: PropertyValues): void {
    // A new category or query starts at the top of the list.
    if (changed.has('group') || changed.has('query')) {
      const panel = this.renderRoot.querySelector('.panel');
      if (panel) panel.scrollTop = 0;
    }
  }

  #pick(entry: EmojiEntry): void {
    this.emit('poolse-emoji-select', { emoji: entry.emoji });
  }

  #cell(index: number): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`[data-index="${index}"]`);
  }

  async #focusCell(index: number): Promise<void> {
    this.activeIndex = index;
    await this.updateComplete;
    this.#cell(index)?.focus();
  }

  #selectGroup(group: number): void {
    this.query = '';
    this.group = group;
    this.activeIndex = 0;
  }

  #onSearchInput = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.activeIndex = 0;
  };

  #onSearchKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' && this.#shown.length > 0) {
      event.preventDefault();
      void this.#focusCell(0);
    } else if (event.key === 'Enter' && this.query.trim() && this.#shown[0]) {
      event.preventDefault();
      this.#pick(this.#shown[0]);
    }
  };

  #onTabsKeydown = (event: KeyboardEvent): void => {
    const current = emojiCategories.findIndex((category) => category.group === this.group);
    const last = emojiCategories.length - 1;
    let next: number;
    if (event.key === 'ArrowRight') next = current >= last ? 0 : current + 1;
    else if (event.key === 'ArrowLeft') next = current <= 0 ? last : current - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else return;
    event.preventDefault();
    this.#selectGroup(emojiCategories[next]!.group);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#${this.#ids}-tab-${this.group}`)?.focus(),
    );
  };

  #onGridKeydown = (event: KeyboardEvent): void => {
    const index = Number((event.target as HTMLElement).dataset['index']);
    const count = this.#shown.length;
    if (!Number.isInteger(index) || count === 0) return;
    const rowStart = index - (index % COLUMNS);
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = Math.min(index + 1, count - 1);
        break;
      case 'ArrowLeft':
        next = Math.max(index - 1, 0);
        break;
      case 'ArrowDown':
        next = index + COLUMNS < count ? index + COLUMNS : index;
        break;
      case 'ArrowUp':
        if (index < COLUMNS) {
          // Above the first row is the search field.
          event.preventDefault();
          this.searchInput?.focus();
          return;
        }
        next = index - COLUMNS;
        break;
      case 'Home':
        next = event.ctrlKey ? 0 : rowStart;
        break;
      case 'End':
        next = event.ctrlKey ? count - 1 : Math.min(rowStart + COLUMNS - 1, count - 1);
        break;
      default:
        return; // Enter and Space click the focused button.
    }
    event.preventDefault();
    void this.#focusCell(next);
  };

  #onGridFocusin = (event: FocusEvent): void => {
    const index = Number((event.target as HTMLElement).dataset['index']);
    if (Number.isInteger(index)) this.activeIndex = index;
  };

  #onGridPointer = (event: Event): void => {
    const index = Number(
      (event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index'],
    );
    this.hovered = Number.isInteger(index) ? (this.#shown[index] ?? null) : null;
  };

  protected override render(): TemplateResult {
    const t = this.#localize.t;
    const searching = this.query.trim() !== '';
    return html`<div class="picker" part="picker" role="group" aria-label=${this.label || t('emoji-picker.label')}>
      <div class="search" part="search">
        ${searchIcon}
        <input
          type="search"
          part="search-input"
          aria-label=${t('emoji-picker.search')}
          placeholder=${t('emoji-picker.search-placeholder')}
          autocomplete="off"
          spellcheck="false"
          aria-controls=${`${this.#ids}-panel`}
          .value=${this.query}
          @input=${this.#onSearchInput}
          @keydown=${this.#onSearchKeydown}
        />
      </div>
      <div
        class="tabs"
        part="tabs"
        role="tablist"
        aria-label=${t('emoji-picker.categories')}
        @keydown=${this.#onTabsKeydown}
      >
        ${emojiCategories.map((category) => {
          const selected = !searching && category.group === this.group;
          const label = t(category.labelKey);
          return html`<button
            type="button"
            class="tab"
            part=${selected ? 'tab tab-selected' : 'tab'}
            role="tab"
            id=${`${this.#ids}-tab-${category.group}`}
            aria-selected=${selected ? 'true' : 'false'}
            aria-controls=${`${this.#ids}-panel`}
            aria-label=${label}
            title=${label}
            tabindex=${category.group === this.group ? '0' : '-1'}
            @click=${() => this.#selectGroup(category.group)}
          >
            <span aria-hidden="true">${category.icon}</span>
          </button>`;
        })}
      </div>
      <div
        class="panel"
        part="panel"
        id=${`${this.#ids}-panel`}
        role=${searching ? 'region' : 'tabpanel'}
        aria-labelledby=${searching ? `${this.#ids}-heading` : `${this.#ids}-tab-${this.group}`}
      >
        ${this.#renderBody(searching)}
      </div>
      ${this.#renderPreview()}
      <div class="visually-hidden" role="status">${this.#status(searching)}</div>
    </div>`;
  }

  #status(searching: boolean): string {
    if (!searching || !this.entries) return '';
    return this.#shown.length === 0 ? this.#localize.t('emoji-picker.no-results') : '';
  }

  #renderBody(searching: boolean): TemplateResult {
    const t = this.#localize.t;
    if (this.failed) {
      return html`<div class="state" part="error">
        <p class="state-title">${t('emoji-picker.error')}</p>
        <button type="button" class="retry" @click=${() => this.#load()}>${t('emoji-picker.retry')}</button>
      </div>`;
    }
    if (!this.entries) {
      return html`<div class="state" part="loading">
        <span class="spinner" aria-hidden="true"></span>
        <p>${this.loadingLabel || t('emoji-picker.loading')}</p>
      </div>`;
    }
    if (this.#shown.length === 0) {
      return html`<div class="state" part="empty">
        <span class="state-icon" aria-hidden="true">🔍</span>
        <p class="state-title">${t('emoji-picker.no-results')}</p>
        <p>${t('emoji-picker.no-results-hint')}</p>
      </div>`;
    }
    const heading = searching
      ? t('emoji-picker.results')
      : t(emojiCategories.find((category) => category.group === this.group)?.labelKey ?? 'emoji-picker.results');
    const rows: EmojiEntry[][] = [];
    for (let start = 0; start < this.#shown.length; start += COLUMNS)
      rows.push(this.#shown.slice(start, start + COLUMNS));
    return html`<h3 class="category-label" part="category-label" id=${`${this.#ids}-heading`}>${heading}</h3>
      <div
        class="grid"
        part="grid"
        role="grid"
        aria-labelledby=${`${this.#ids}-heading`}
        @keydown=${this.#onGridKeydown}
        @focusin=${this.#onGridFocusin}
        @pointerover=${this.#onGridPointer}
        @pointerleave=${() => {
          this.hovered = null;
        }}
      >
        ${rows.map(
          (row, r) => html`<div class="row" role="row">
            ${row.map((entry, c) => {
              const index = r * COLUMNS + c;
              return html`<div class="cell" role="gridcell">
                <button
                  type="button"
                  class="emoji"
                  part="emoji"
                  data-index=${index}
                  tabindex=${index === this.activeIndex ? '0' : '-1'}
                  aria-label=${entry.annotation}
                  @click=${() => this.#pick(entry)}
                >
                  ${entry.emoji}
                </button>
              </div>`;
            })}
          </div>`,
        )}
      </div>`;
  }

  #renderPreview(): TemplateResult | typeof nothing {
    const entry = this.hovered ?? this.#shown[this.activeIndex];
    if (!this.entries || !entry) return nothing;
    const code = entry.shortcodes[0];
    return html`<div class="preview" part="preview" aria-hidden="true">
      <span class="preview-emoji">${entry.emoji}</span>
      <span class="preview-text">
        <span class="preview-name">${entry.annotation}</span>
        ${code ? html`<span class="preview-code">:${code}:</span>` : nothing}
      </span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-emoji-picker': PoolseEmojiPicker;
  }
}
