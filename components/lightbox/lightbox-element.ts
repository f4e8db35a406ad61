import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import '../conversation/conversation.strings.js';
import { lightboxStyles } from './lightbox.styles.js';

/**
 * A full-window image viewer. It is a modal `<dialog>`: the page behind is
 * inert (so focus stays inside), Escape closes it, and focus returns to
 * whatever opened it.
 *
 * @event poolse-lightbox-close - The viewer closed (Escape, the close button or a click on the backdrop).
 *
 * @csspart dialog - The modal dialog.
 * @csspart frame - The layout inside the dialog.
 * @csspart toolbar - The row with the caption and the buttons.
 * @csspart caption - The file name.
 * @csspart download-button - The download link.
 * @csspart close-button - The close button.
 * @csspart stage - The area holding the image.
 * @csspart image - The image.
 *
 * @cssproperty --poolse-lightbox-scrim - Backdrop colour behind the image.
 * @cssproperty --poolse-lightbox-radius - Corner radius of the image.
 */
export class PoolseLightbox extends PoolseElement {
  static override styles = lightboxStyles;

  /** Image URL. */
  @property() src = '';
  /** Text alternative of the image (usually the file name). */
  @property() alt = '';
  /** Shown above the image. */
  @property() caption = '';
  /** Download link; the button is hidden without one. */
  @property({ attribute: 'download-url' }) downloadUrl = '';
  /** Whether the viewer is showing. */
  @property({ type: Boolean, reflect: true }) open = false;
  readonly #localize = new LocalizeController(this);

  #returnFocus: HTMLElement | null = null;

  /** Opens the viewer and remembers what had focus, to give it back on close. */
  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.open && !dialog.open) {
      this.#returnFocus = deepActiveElement();
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('[part~="close-button"]')?.focus();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
  }

  #onDialogClose = (): void => {
    // Reached by Escape (the browser closes the dialog) and by close().
    this.open = false;
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target?.isConnected) target.focus();
    this.emit('poolse-lightbox-close');
  };

  #onBackdropClick = (event: MouseEvent): void => {
    // A click on the dialog itself (not its content) is a click on the backdrop area.
    const part = (event.target as HTMLElement).getAttribute('part') ?? '';
    if (event.target === event.currentTarget || part.split(' ').includes('stage')) this.close();
  };

  protected override render() {
    return html`<dialog
      part="dialog"
      aria-label=${this.#localize.t('lightbox.label')}
      @close=${this.#onDialogClose}
      @click=${this.#onBackdropClick}
    >
      <div part="frame">
        <div part="toolbar">
          <span part="caption" dir="auto">${this.caption}</span>
          ${
            this.downloadUrl
              ? html`<a
                part="download-button"
                href=${this.downloadUrl}
                download=${this.caption || nothing}
                target="_blank"
                rel="noopener noreferrer"
                >${downloadIcon}<span>${this.#localize.t('lightbox.download')}</span></a
              >`
              : nothing
          }
          <button part="close-button" type="button" aria-label=${this.#localize.t('lightbox.close')} @click=${() => this.close()}>
            ${closeIcon}
          </button>
        </div>
        <div part="stage">
          ${this.open && this.src ? html`<img part="image" src=${this.src} alt=${this.alt} />` : nothing}
        </div>
      </div>
    </dialog>`;
  }
}

/** The focused element, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

const closeIcon = html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
  <path d="M5 5l10 10M15 5L5 15" />
</svg>`;

const downloadIcon = html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
  <path d="M10 3v10M6 9l4 4 4-4M4 16h12" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'poolse-lightbox': PoolseLightbox;
  }
}
