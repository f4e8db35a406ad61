import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Uuid } from '../../src/sdk/types.js';
import type { ChatStore } from '../../src/state/types.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { moveFocus } from '../shared/controllers/roving-list.js';
import { placePopover } from '../shared/controllers/popover-placement.js';
import '../conversation/conversation.strings.js';
import { reactionsStyles } from './reactions.styles.js';
import { loadEmojiPicker } from '../shared/lazy.js';

/** The quick set offered before the full picker (kept small: one row). */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'] as const;

import type { ReactionToggleDetail } from '../shared/events.js';

export type { ReactionToggleDetail };

/**
 * The reactions bar of a message: one chip per emoji with its count (the
 * reader's own reactions pressed), and an add button opening a quick picker
 * with a "more" button that loads the full emoji picker on first use.
 *
 * @event poolse-reaction-toggle - Cancelable intent before the store adds or removes the reader's reaction. `detail: { messageId, emoji, add }`.
 *
 * @csspart base - The row of chips.
 * @csspart reaction - One emoji chip.
 * @csspart reaction-own - A chip of an emoji the reader reacted with (beside `reaction`).
 * @csspart emoji - The emoji in a chip.
 * @csspart count - The count in a chip.
 * @csspart add-button - The add-reaction button.
 * @csspart picker - The popover with the quick set.
 * @csspart quick-list - The quick set row.
 * @csspart quick-emoji - One emoji of the quick set.
 * @csspart more-button - Opens the full emoji picker.
 * @csspart full-picker - The full emoji picker, once loaded.
 *
 * @cssproperty --poolse-reactions-chip-background - Background of a chip.
 * @cssproperty --poolse-reactions-chip-border-color - Border of a chip.
 * @cssproperty --poolse-reactions-own-background - Background of the reader's own reaction.
 * @cssproperty --poolse-reactions-own-border-color - Border of the reader's own reaction.
 * @cssproperty --poolse-reactions-own-color - Text colour of the reader's own reaction.
 */
export class PoolseReactions extends PoolseElement {
  static override styles = reactionsStyles;

  /** The message the reactions belong to. */
  @property({ attribute: 'message-id' }) messageId = '';
  /** emoji -> ids of the users who reacted with it (the wire shape). */
  @property({ attribute: false }) reactions: Readonly<Record<string, readonly Uuid[]>> = {};
  /** The reader's user id, to press their own reactions. */
  @property({ attribute: 'own-user-id' }) ownUserId: Uuid | null = null;
  /** The store the toggles go to (the message hands its own down). */
  @property({ attribute: false }) store: ChatStore | null = null;
  readonly #localize = new LocalizeController(this);
  /** Hides the add button (e.g. on a deleted or unsent message). */
  @property({ type: Boolean, attribute: 'no-add' }) noAdd = false;

  @state() private pickerOpen = false;
  @state() private fullPicker = false;

  /** Opens the quick picker (the message menu's "React" action). */
  async openPicker(): Promise<void> {
    this.pickerOpen = true;
    await this.updateComplete;
    this.#placePicker();
    this.renderRoot.querySelector<HTMLElement>('[part~="quick-emoji"]')?.focus();
  }

  closePicker(): void {
    this.pickerOpen = false;
    this.fullPicker = false;
  }

  /** Adds or removes the reader's reaction, after a cancelable intent event. */
  toggle(emoji: string): void {
    const own = this.#isOwn(emoji);
    const detail: ReactionToggleDetail = { messageId: this.messageId, emoji, add: !own };
    const event = this.emit('poolse-reaction-toggle', detail, { cancelable: true });
    if (event.defaultPrevented) return;
    // The store applies it optimistically and rolls back on failure; the
    // rollback is visible in the bar, so the rejection needs no handling here.
    this.store?.toggleReaction(this.messageId, emoji).catch(() => undefined);
  }

  #isOwn(emoji: string): boolean {
    return !!this.ownUserId && (this.reactions[emoji] ?? []).includes(this.ownUserId);
  }

  #pick(emoji: string): void {
    // Picking an emoji the reader already reacted with keeps it (a picker adds).
    if (!this.#isOwn(emoji)) this.toggle(emoji);
    this.closePicker();
    this.renderRoot.querySelector<HTMLElement>('[part~="add-button"]')?.focus();
  }

  async #showFullPicker(): Promise<void> {
    await loadEmojiPicker();
    this.fullPicker = true;
    await this.updateComplete;
    this.#placePicker();
    const picker = this.renderRoot.querySelector('poolse-emoji-picker');
    await picker?.focus();
  }

  /** The popover lives in the top layer; place it above (or below) the bar, inside the window. */
  #placePicker(): void {
    const popover = this.renderRoot.querySelector<HTMLElement>('[part~="picker"]');
    if (!popover) return;
    if (!popover.matches(':popover-open')) popover.showPopover();
    placePopover(popover, this, { prefer: 'above', align: 'start', gap: 6 });
  }

  #onPopoverToggle = (event: Event): void => {
    // Light dismiss (Escape, click outside) closes the popover behind our back.
    if ((event as ToggleEvent).newState === 'closed' && this.pickerOpen) {
      this.pickerOpen = false;
      this.fullPicker = false;
    }
  };

  #onPickerKeydown = (event: KeyboardEvent): void => {
    const items = [
      ...this.renderRoot.querySelectorAll<HTMLElement>(
        '[part~="quick-emoji"], [part~="more-button"]',
      ),
    ];
    const index = items.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    moveFocus(event, items, index, { orientation: 'horizontal', wrap: true });
  };

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('reactions')) this.toggleAttribute('has-reactions', this.#entries().length > 0);
    if (changed.has('pickerOpen')) this.toggleAttribute('picker-open', this.pickerOpen);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('pickerOpen') && !this.pickerOpen) {
      const popover = this.renderRoot.querySelector<HTMLElement>('[part~="picker"]');
      if (popover?.matches(':popover-open')) popover.hidePopover();
    }
  }

  #entries(): Array<[string, readonly Uuid[]]> {
    return Object.entries(this.reactions).filter(
      ([, users]) => Array.isArray(users) && users.length > 0,
    );
  }

  protected override render() {
    const entries = this.#entries();
    // An empty group would be announced as "Reactions" on every message: only name one that has some.
    const label = entries.length > 0 ? this.#localize.t('reactions.label') : undefined;
    return html`<div part="base" role=${ifDefined(label && 'group')} aria-label=${ifDefined(label)}>
      ${entries.map(([emoji, users]) => {
        const own = this.#isOwn(emoji);
        return html`<button
          part=${own ? 'reaction reaction-own' : 'reaction'}
          type="button"
          aria-pressed=${own ? 'true' : 'false'}
          aria-label=${this.#localize.t('reactions.item', { emoji, count: users.length })}
          @click=${() => this.toggle(emoji)}
        >
          <span part="emoji" aria-hidden="true">${emoji}</span><span part="count" aria-hidden="true">${users.length}</span>
        </button>`;
      })}
      ${
        this.noAdd
          ? nothing
          : html`<button
            part="add-button"
            type="button"
            aria-label=${this.#localize.t('reactions.add')}
            aria-haspopup="true"
            aria-expanded=${this.pickerOpen ? 'true' : 'false'}
            @click=${() => (this.pickerOpen ? this.closePicker() : void this.openPicker())}
          >
            ${smileIcon}
          </button>`
      }
      ${
        this.pickerOpen
          ? html`<div
            part="picker"
            popover="auto"
            role="dialog"
            aria-label=${this.#localize.t('reactions.picker')}
            @toggle=${this.#onPopoverToggle}
          >
            <div part="quick-list" @keydown=${this.#onPickerKeydown}>
              ${QUICK_REACTIONS.map(
                (emoji) => html`<button
                  part="quick-emoji"
                  type="button"
                  aria-label=${emoji}
                  aria-pressed=${this.#isOwn(emoji) ? 'true' : 'false'}
                  @click=${() => this.#pick(emoji)}
                >
                  ${emoji}
                </button>`,
              )}
              <button part="more-button" type="button" aria-label=${this.#localize.t('reactions.more')} @click=${() => void this.#showFullPicker()}>
                ${plusIcon}
              </button>
            </div>
            ${
              this.fullPicker
                ? html`<poolse-emoji-picker
                  part="full-picker"
                  .label=${this.#localize.t('reactions.picker')}
                  .loadingLabel=${this.#localize.t('common.loading')}
                  @poolse-emoji-select=${(event: CustomEvent<{ emoji: string }>) => {
                    event.stopPropagation();
                    this.#pick(event.detail.emoji);
                  }}
                ></poolse-emoji-picker>`
                : nothing
            }
          </div>`
          : nothing
      }
    </div>`;
  }
}

const smileIcon = html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
  <circle cx="10" cy="10" r="7" />
  <path d="M7.2 11.6c.7 1 1.7 1.5 2.8 1.5s2.1-.5 2.8-1.5" />
  <path d="M7.5 8h.01M12.5 8h.01" stroke-width="2.2" />
</svg>`;

const plusIcon = html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
  <path d="M10 4v12M4 10h12" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'poolse-reactions': PoolseReactions;
  }
}
