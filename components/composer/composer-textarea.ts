/**
 * The composer's text area: its template (one half of the mention /
 * shortcode combobox), its auto-growing height, the selection remembered
 * across blur (where an emoji goes in) and putting the caret back after a
 * change re-rendered the text.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Translator } from '../shared/localize/keys.js';
import { MAX_BODY_LENGTH } from '../../src/sdk/limits.js';
import type { Suggestions } from './suggestion-list.js';

export interface TextAreaView {
  t: Translator;
  ids: string;
  listId: string;
  suggestions: Suggestions | null;
  placeholder: string;
  ready: boolean;
  value: string;
}

export interface TextAreaIntents {
  input(event: InputEvent): void;
  keydown(event: KeyboardEvent): void;
  paste(event: ClipboardEvent): void;
  select(): void;
  blur(): void;
}

export function renderTextArea(v: TextAreaView, on: TextAreaIntents): TemplateResult {
  const { t, suggestions } = v;
  return html`<textarea
    part="textarea"
    dir="auto"
    role="combobox"
    aria-label=${t('composer.label')}
    aria-autocomplete="list"
    aria-haspopup="listbox"
    aria-expanded=${suggestions ? 'true' : 'false'}
    aria-controls=${v.listId}
    aria-activedescendant=${ifDefined(
      suggestions ? suggestions.options[suggestions.active]?.id : undefined,
    )}
    aria-describedby=${`${v.ids}-hint`}
    rows="1"
    maxlength=${MAX_BODY_LENGTH}
    placeholder=${v.placeholder}
    ?disabled=${!v.ready}
    .value=${live(v.value)}
    @input=${on.input}
    @keydown=${on.keydown}
    @paste=${on.paste}
    @select=${on.select}
    @keyup=${on.select}
    @pointerup=${on.select}
    @blur=${on.blur}
  ></textarea>`;
}

/** The images of a paste, or null when it holds none; a paste of only images is kept from the text. */
export function pastedImages(event: ClipboardEvent): File[] | null {
  const data = event.clipboardData;
  if (!data) return null;
  const images = Array.from(data.files).filter((file) => file.type.startsWith('image/'));
  if (images.length === 0) return null;
  // Keep a text paste that comes with an image (e.g. from a word processor) as text.
  if (!data.types.includes('text/plain')) event.preventDefault();
  return images;
}

export interface TextAreaHost {
  readonly updateComplete: Promise<boolean>;
}

export class ComposerTextArea {
  /** The last selection, kept while focus is elsewhere (the emoji picker). */
  selection = { start: 0, end: 0 };

  constructor(
    private readonly host: TextAreaHost,
    private readonly element: () => HTMLTextAreaElement | null,
  ) {}

  /** Grows the area to its content; the CSS max-height caps it and the area scrolls beyond. */
  autosize(): void {
    const textarea = this.element();
    if (!textarea) return;
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight + textarea.offsetHeight - textarea.clientHeight}px`;
  }

  autosizeAfterRender(): void {
    void this.host.updateComplete.then(() => this.autosize());
  }

  remember(): void {
    const textarea = this.element();
    if (!textarea) return;
    this.selection = { start: textarea.selectionStart ?? 0, end: textarea.selectionEnd ?? 0 };
  }

  /** Focuses and puts the caret at `caret` (the end when omitted) once the new text is rendered. */
  placeCaret(caret?: number): void {
    if (caret !== undefined) this.selection = { start: caret, end: caret };
    void this.host.updateComplete.then(() => {
      const textarea = this.element();
      if (!textarea) return;
      const at = caret ?? textarea.value.length;
      textarea.focus();
      textarea.setSelectionRange(at, at);
      this.autosize();
    });
  }

  /** The remembered selection, clamped to `body`. */
  range(body: string): { start: number; end: number } {
    const start = Math.min(this.selection.start, body.length);
    return { start, end: Math.min(Math.max(this.selection.end, start), body.length) };
  }
}
