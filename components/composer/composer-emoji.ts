/**
 * The composer's emoji popover: loads the picker on first use, opens and
 * closes it (Escape and a click outside close it, focus returns to the
 * emoji button), and hands the chosen emoji to the host.
 */
import { html, type TemplateResult } from 'lit';
import { loadEmojiPicker } from '../shared/lazy.js';

export interface EmojiPopoverHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

export interface EmojiPopoverLabels {
  picker: string;
  loading: string;
}

export class ComposerEmoji {
  #open = false;

  constructor(
    private readonly host: EmojiPopoverHost,
    /** Inserts the chosen emoji (at the remembered selection). */
    private readonly insert: (emoji: string) => void,
  ) {}

  get open(): boolean {
    return this.#open;
  }

  async toggle(): Promise<void> {
    if (this.#open) {
      this.close(true);
      return;
    }
    await loadEmojiPicker();
    this.#open = true;
    this.host.requestUpdate();
    document.addEventListener('pointerdown', this.#onDocumentPointerDown, true);
    await this.host.updateComplete;
    await this.host.renderRoot.querySelector<HTMLElement>('poolse-emoji-picker')?.focus();
  }

  close(returnFocus: boolean): void {
    this.#open = false;
    this.host.requestUpdate();
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown, true);
    if (returnFocus)
      this.host.renderRoot.querySelector<HTMLButtonElement>('[part~="emoji-button"]')?.focus();
  }

  /** Stops listening (the host left the page). */
  disconnect(): void {
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown, true);
  }

  render(id: string, labels: EmojiPopoverLabels): TemplateResult {
    return html`<div
      class="emoji-popover"
      part="emoji-popover"
      id=${id}
      role="dialog"
      aria-label=${labels.picker}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          this.close(true);
        }
      }}
      @poolse-emoji-select=${(event: CustomEvent<{ emoji: string }>) => {
        event.stopPropagation();
        this.insert(event.detail.emoji);
      }}
    >
      <poolse-emoji-picker
        .label=${labels.picker}
        .loadingLabel=${labels.loading}
        .theme=${this.#theme()}
      ></poolse-emoji-picker>
    </div>`;
  }

  #theme(): 'light' | 'dark' {
    return getComputedStyle(this.host).colorScheme.includes('dark') ? 'dark' : 'light';
  }

  #onDocumentPointerDown = (event: PointerEvent): void => {
    const path = event.composedPath();
    const root = this.host.renderRoot;
    const popover = root.querySelector('.emoji-popover');
    const button = root.querySelector('[part~="emoji-button"]');
    if ((popover && path.includes(popover)) || (button && path.includes(button))) return;
    this.close(false);
  };
}
