import { LitElement, html, css, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles, token } from '../shared/tokens.styles.js';
import { emojiDataUrl } from './emoji-data.js';

export interface EmojiSelectDetail {
  /** The chosen emoji as text (with the skin tone the user picked). */
  emoji: string;
}

type PickerModule = typeof import('emoji-picker-element');
type PickerI18n = import('emoji-picker-element/shared').I18n;

/** The picker's own labels for the locales poolse ships strings for (English is built in). */
const pickerI18n: Record<string, () => Promise<{ default: PickerI18n }>> = {
  en: () => import('emoji-picker-element/i18n/en.js'),
  fr: () => import('emoji-picker-element/i18n/fr.js'),
};

let pickerModule: Promise<PickerModule> | null = null;

/** Loads `emoji-picker-element` once, on first use (it is too big for the initial script). */
export function loadEmojiPicker(): Promise<PickerModule> {
  pickerModule ??= import('emoji-picker-element').catch((error: unknown) => {
    pickerModule = null;
    throw error;
  });
  return pickerModule;
}

/**
 * A full emoji picker, loaded on first use: a thin wrapper around
 * `emoji-picker-element` that serves its data from this package (never a
 * CDN) and follows the poolse theme.
 *
 * @event poolse-emoji-select - An emoji was chosen. `detail.emoji` is its text.
 *
 * @csspart picker - The inner `emoji-picker` element.
 * @csspart loading - The placeholder shown while the picker loads.
 *
 * @cssproperty --poolse-emoji-picker-width - Width of the picker (default 340px).
 * @cssproperty --poolse-emoji-picker-height - Height of the picker (default 380px).
 */
export class PoolseEmojiPicker extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        --_width: var(--poolse-emoji-picker-width, 340px);
        --_height: var(--poolse-emoji-picker-height, 380px);
      }
      emoji-picker,
      .loading {
        width: var(--_width);
        max-width: 100%;
        height: var(--_height);
        --background: ${token('color-surface-raised')};
        --border-color: transparent;
        --border-radius: ${token('radius-lg')};
        --button-hover-background: ${token('color-surface-hover')};
        --button-active-background: ${token('color-surface-active')};
        --indicator-color: ${token('color-accent')};
        --input-border-color: ${token('color-border-strong')};
        --input-font-color: ${token('color-text')};
        --input-border-radius: ${token('radius-sm')};
        --input-placeholder-color: ${token('color-text-subtle')};
        --outline-color: ${token('color-focus-ring')};
        --category-font-color: ${token('color-text-muted')};
      }
      .loading {
        display: grid;
        place-items: center;
        color: ${token('color-text-muted')};
        font-size: ${token('font-size-sm')};
      }
    `,
  ];

  /** `light` or `dark`; anything else follows the OS. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Accessible name of the picker region. */
  @property() label = 'Emoji picker';

  /** Language of the picker's own labels (search, categories); its emoji names stay English. */
  @property() locale = '';

  /** Text shown while the picker code loads. */
  @property({ attribute: 'loading-label' }) loadingLabel = 'Loading…';

  @state() private ready = false;

  #picker: HTMLElement | null = null;
  #translated = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void loadEmojiPicker().then(
      () => {
        this.ready = true;
      },
      () => {
        // The picker failed to load (offline build, blocked chunk): the
        // placeholder stays, and the composer's `:shortcode` input still works.
      },
    );
  }

  /** Moves focus into the picker's search field once it is there. */
  override async focus(): Promise<void> {
    await loadEmojiPicker();
    await this.updateComplete;
    const search = this.#picker?.shadowRoot?.querySelector<HTMLElement>('input');
    (search ?? this.#picker)?.focus();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('ready') || changed.has('theme')) this.#syncPicker();
    if (changed.has('ready') || changed.has('locale')) void this.#syncLabels();
  }

  async #syncLabels(): Promise<void> {
    const language = this.locale.toLowerCase().split('-')[0] ?? '';
    // English labels are built in; load them only to undo another language.
    const load = pickerI18n[language] ?? (this.#translated ? pickerI18n.en : undefined);
    if (!this.#picker || !load) return;
    this.#translated = language in pickerI18n && language !== 'en';
    const picker = this.#picker;
    try {
      const { default: i18n } = await load();
      if (picker === this.#picker) (picker as HTMLElementTagNameMap['emoji-picker']).i18n = i18n;
    } catch {
      // Keep the English labels.
    }
  }

  #syncPicker(): void {
    if (!this.ready) return;
    const mount = this.renderRoot.querySelector('.mount');
    if (!mount) return;
    if (!this.#picker) {
      const picker = document.createElement('emoji-picker');
      picker.dataSource = emojiDataUrl();
      picker.setAttribute('part', 'picker');
      picker.addEventListener('emoji-click', (event) => {
        const unicode =
          event.detail.unicode ?? (event.detail.emoji as { unicode?: string }).unicode;
        if (!unicode) return;
        this.dispatchEvent(
          new CustomEvent<EmojiSelectDetail>('poolse-emoji-select', {
            detail: { emoji: unicode },
            bubbles: true,
            composed: true,
          }),
        );
      });
      mount.append(picker);
      this.#picker = picker;
    }
    this.#picker.classList.toggle('dark', this.theme === 'dark');
    this.#picker.classList.toggle('light', this.theme === 'light');
  }

  protected override render() {
    return html`<div class="mount" role="group" aria-label=${this.label}>
      ${this.ready ? null : html`<div class="loading" part="loading">${this.loadingLabel}</div>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-emoji-picker': PoolseEmojiPicker;
  }
  interface GlobalEventHandlersEventMap {
    'poolse-emoji-select': CustomEvent<EmojiSelectDetail>;
  }
}
