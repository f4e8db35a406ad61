/**
 * The row under the text area: the slots for a host's own buttons, attach
 * and emoji buttons, the keyboard hint, and the send (or save) button,
 * which reads "Uploading…" while an armed send waits for its files.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Translator } from '../shared/localize/keys.js';
import { attachIcon, emojiIcon, sendIcon } from './icons.js';

export interface ToolbarView {
  t: Translator;
  /** Id prefix of this composer's elements (hint, emoji popover). */
  ids: string;
  ready: boolean;
  editing: boolean;
  canSend: boolean;
  /** A send is armed and waits for uploads. */
  armed: boolean;
  /** Some file is still uploading. */
  busy: boolean;
  emojiOpen: boolean;
  noHint: boolean;
}

export interface ToolbarIntents {
  attach(): void;
  filesPicked(event: Event): void;
  toggleEmoji(): void;
  send(): void;
}

export function renderToolbar(v: ToolbarView, on: ToolbarIntents): TemplateResult {
  const { t } = v;
  const waiting = v.armed && v.busy;
  const label = v.editing
    ? t('composer.save')
    : waiting
      ? t('composer.uploading')
      : t('composer.send');
  const hint = v.armed
    ? t('composer.uploading-hint')
    : t(v.editing ? 'composer.hint-edit' : 'composer.hint');
  return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${t('composer.tools')}>
    <slot name="toolbar-start"></slot>
    <button
      class="icon-button"
      part="attach-button"
      type="button"
      aria-label=${t('composer.attach')}
      title=${t('composer.attach')}
      ?disabled=${!v.ready || v.editing}
      @click=${on.attach}
    >
      ${attachIcon}
    </button>
    <input type="file" multiple hidden tabindex="-1" @change=${on.filesPicked} />
    <button
      class="icon-button"
      part="emoji-button"
      type="button"
      aria-label=${t('composer.emoji')}
      title=${t('composer.emoji')}
      aria-haspopup="dialog"
      aria-expanded=${v.emojiOpen ? 'true' : 'false'}
      aria-controls=${ifDefined(v.emojiOpen ? `${v.ids}-emoji` : undefined)}
      ?disabled=${!v.ready}
      @click=${on.toggleEmoji}
    >
      ${emojiIcon}
    </button>
    <span class="spacer"></span>
    <span class="hint" part="hint" id=${`${v.ids}-hint`} ?hidden=${v.noHint}>${hint}</span>
    <slot name="toolbar-end"></slot>
    <button
      class="send"
      part="send-button"
      type="button"
      aria-busy=${waiting ? 'true' : 'false'}
      ?disabled=${!v.canSend}
      @click=${on.send}
    >
      ${v.editing ? nothing : sendIcon}<span>${label}</span>
    </button>
  </div>`;
}
