import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationType, Uuid } from '../../src/sdk/types.js';
import { StoreController } from '../../src/context/index.js';
import type { ChatState, ChatStore } from '../../src/state/types.js';
import type { StringKey, Translator } from '../shared/localize/keys.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { moveFocus } from '../shared/controllers/roving-list.js';
import { ClockController } from '../shared/controllers/clock.js';
import './inbox.strings.js';
import { alertIcon, chatIcon, composeIcon } from './icons.js';
import { buildRowView, profilesNeeded, type InboxRowView } from './inbox-row-model.js';
import { inboxStyles } from './inbox.styles.js';
import { buildCreateRequest } from './new-conversation.js';
import { withoutBidiControls } from '../shared/bidi.js';
import { cssProps } from '../shared/css-props.js';

export type { ConversationSelectDetail } from '../shared/events.js';

/** The parts of the store state the inbox shows; it re-renders when one changes. */
type InboxSlice = Pick<
  ChatState,
  | 'me'
  | 'started'
  | 'error'
  | 'inbox'
  | 'activeConversationId'
  | 'presence'
  | 'typing'
  | 'members'
  | 'profiles'
>;

function selectInboxSlice(s: ChatState): InboxSlice {
  return {
    me: s.me,
    started: s.started,
    error: s.error,
    inbox: s.inbox,
    activeConversationId: s.activeConversationId,
    presence: s.presence,
    typing: s.typing,
    members: s.members,
    profiles: s.profiles,
  };
}

function sameSlice(a: InboxSlice, b: InboxSlice): boolean {
  return (Object.keys(a) as (keyof InboxSlice)[]).every((key) => a[key] === b[key]);
}

/** How often row times ("5 min") are refreshed while nothing else changes. */
const CLOCK_TICK_MS = 30_000;
const SKELETON_ROWS = 6;

/**
 * The reader's conversations, newest activity first, as a keyboard-navigable
 * listbox. Selecting a row makes it the provider's active conversation.
 *
 * @event poolse-conversation-select - The user picked a conversation
 *   (click, Enter or Space, or one just created). Cancelable: cancel it to keep
 *   the current selection. `detail: { conversationId }`.
 *
 * @slot header - Replaces the title ("Messages") at the top of the inbox.
 * @slot empty - Replaces the empty state shown when there are no conversations.
 *
 * @csspart header - The bar holding the title and the new-conversation button.
 * @csspart header-content - The part of the header the `header` slot fills.
 * @csspart title - The default title.
 * @csspart new-button - The "new conversation" button.
 * @csspart list - The listbox of rows.
 * @csspart row - One conversation (`role="option"`); `[aria-selected="true"]` when active, `[data-unread]` with unread messages.
 * @csspart avatar - The row's `<poolse-avatar>`.
 * @csspart name - The conversation's name.
 * @csspart time - The time of the last activity.
 * @csspart preview - The last message preview, or the typing note (`[data-kind="typing"]`).
 * @csspart badge - The unread count.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's retry button.
 * @csspart new-dialog - The new-conversation dialog.
 * @csspart type-switch - Direct / group choice in the dialog.
 * @csspart members-input - The members field.
 * @csspart name-input - The group name field.
 * @csspart form-error - The dialog's error message.
 * @csspart cancel-button - The dialog's cancel button.
 * @csspart create-button - The dialog's create button.
 *
 * @cssproperty --poolse-inbox-width - Width of the inbox beside the conversation in a flex row (default 320px).
 * @cssproperty --poolse-inbox-background - Background of the whole inbox.
 * @cssproperty --poolse-inbox-row-padding - Padding of a row.
 * @cssproperty --poolse-inbox-row-radius - Corner radius of a row.
 * @cssproperty --poolse-inbox-row-hover-background - Row background on hover.
 * @cssproperty --poolse-inbox-row-selected-background - Background of the active row.
 * @cssproperty --poolse-inbox-name-color - Colour of names.
 * @cssproperty --poolse-inbox-preview-color - Colour of previews.
 * @cssproperty --poolse-inbox-time-color - Colour of times.
 * @cssproperty --poolse-inbox-badge-background - Unread badge background.
 * @cssproperty --poolse-inbox-badge-color - Unread badge text colour.
 * @cssproperty --poolse-inbox-typing-color - Colour of the "typing…" note.
 * @cssproperty --poolse-inbox-avatar-size - Diameter of row avatars (40px).
 */
export class PoolseInbox extends PoolseElement {
  static override styles = inboxStyles;

  /** Hides the "new conversation" button (e.g. when the app creates conversations itself). */
  @property({ type: Boolean, attribute: 'hide-new-button' }) hideNewButton = false;

  /** The row that holds the roving tab stop (not necessarily the selected one). */
  @state() private focusedId: Uuid | null = null;
  @state() private newType: ConversationType = 'direct';
  @state() private newError: StringKey | null = null;
  @state() private creating = false;

  private readonly slice = new StoreController(this, selectInboxSlice, { equals: sameSlice });
  private readonly i18n = new LocalizeController(this);
  private readonly clock = new ClockController(this, CLOCK_TICK_MS);

  /** The store state, once a store is there (the slice fields are current). */
  private get chat(): ChatState | undefined {
    return this.slice.store ? this.slice.store.getState() : undefined;
  }

  private get store(): ChatStore | undefined {
    return this.slice.store;
  }

  private get t(): Translator {
    return this.i18n.t;
  }

  private get locale(): string | undefined {
    return this.i18n.locale;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.requestProfiles();
  }

  /** Asks the store for the profiles the rows name (it asks each person once). */
  private requestProfiles(): void {
    const chat = this.chat;
    const store = this.store;
    if (!chat || !store) return;
    for (const id of chat.inbox.ids) {
      const conversation = chat.inbox.byId[id];
      if (conversation) store.ensureProfiles(profilesNeeded(conversation, chat));
    }
  }

  private rows(chat: ChatState): InboxRowView[] {
    const ctx = { t: this.t, locale: this.locale, now: this.clock.now };
    const rows: InboxRowView[] = [];
    for (const id of chat.inbox.ids) {
      const conversation = chat.inbox.byId[id];
      if (conversation) rows.push(buildRowView(conversation, chat, ctx));
    }
    return rows;
  }

  override render() {
    const chat = this.chat;
    return html`${this.renderHeader()}${this.renderBody(chat)}${this.renderNewDialog()}`;
  }

  private renderHeader() {
    const t = this.t;
    return html`<div part="header">
      <div part="header-content">
        <slot name="header"><h2 part="title">${t('inbox.title')}</h2></slot>
      </div>
      ${
        this.hideNewButton
          ? nothing
          : html`<button
              part="new-button"
              class="icon-button"
              type="button"
              aria-label=${t('inbox.new')}
              title=${t('inbox.new')}
              aria-haspopup="dialog"
              @click=${this.openNewDialog}
            >
              ${composeIcon}
            </button>`
      }
    </div>`;
  }

  private renderBody(chat: ChatState | undefined) {
    const t = this.t;
    const inbox = chat?.inbox;
    // Rows from the offline cache stay on screen while the start is retried by itself.
    const failed = inbox?.loaded ? null : (chat?.error ?? inbox?.error ?? null);
    if (failed) {
      return html`<div part="error" role="alert">
        <span class="state-icon">${alertIcon}</span>
        <p class="state-title">${t('inbox.error.title')}</p>
        <button part="retry-button" class="button" type="button" @click=${this.retry}>
          ${t('common.retry')}
        </button>
      </div>`;
    }
    if (!chat || !inbox || !inbox.loaded) {
      return html`<div part="skeleton" role="status" aria-busy="true">
        <span class="visually-hidden">${t('inbox.loading')}</span>
        ${Array.from(
          { length: SKELETON_ROWS },
          (_, i) =>
            html`<div class="skeleton-row" aria-hidden="true">
              <span class="skeleton-block skeleton-avatar"></span>
              <span class="skeleton-lines">
                <span
                  class="skeleton-block skeleton-line"
                  style=${cssProps({ 'inline-size': `${55 - ((i * 13) % 25)}%` })}
                ></span>
                <span
                  class="skeleton-block skeleton-line"
                  style=${cssProps({ 'inline-size': `${85 - ((i * 17) % 30)}%` })}
                ></span>
              </span>
            </div>`,
        )}
      </div>`;
    }
    const rows = this.rows(chat);
    if (rows.length === 0) {
      return html`<div part="empty">
        <slot name="empty">
          <span class="state-icon">${chatIcon}</span>
          <p class="state-title">${t('inbox.empty.title')}</p>
          <p class="state-body">${t('inbox.empty.body')}</p>
        </slot>
      </div>`;
    }
    const selectedId = chat.activeConversationId;
    const focusId = rows.some((r) => r.id === this.focusedId)
      ? this.focusedId
      : rows.some((r) => r.id === selectedId)
        ? selectedId
        : (rows[0]?.id ?? null);
    return html`<div
      part="list"
      role="listbox"
      aria-label=${t('inbox.label')}
      @keydown=${this.onListKeydown}
    >
      ${repeat(
        rows,
        (row) => row.id,
        (row) => this.renderRow(row, row.id === selectedId, row.id === focusId),
      )}
    </div>`;
  }

  private renderRow(row: InboxRowView, selected: boolean, focusable: boolean) {
    const t = this.t;
    return html`<div
      part="row"
      role="option"
      data-id=${row.id}
      aria-selected=${selected ? 'true' : 'false'}
      tabindex=${focusable ? '0' : '-1'}
      ?data-unread=${row.unread > 0}
      ?data-typing=${row.previewKind === 'typing'}
      @click=${() => this.choose(row.id)}
      @focus=${() => (this.focusedId = row.id)}
    >
      <poolse-avatar
        part="avatar"
        decorative
        .name=${row.name}
        .src=${row.avatarUrl}
        .seed=${row.avatarSeed}
        .presence=${row.online ? 'online' : ''}
      ></poolse-avatar>
      <div class="row-main">
        <span part="name" dir="auto">${withoutBidiControls(row.name)}</span>
        <time part="time" datetime=${row.timeIso} title=${row.timeTitle}>${row.time}</time>
        <span part="preview" dir="auto" data-kind=${row.previewKind}>${row.preview}</span>
        ${row.badge ? html`<span part="badge" aria-hidden="true">${row.badge}</span>` : nothing}
      </div>
      ${
        row.online || row.unreadLabel
          ? html`<span class="visually-hidden"
              >${row.online ? `, ${t('inbox.online')}` : ''}${row.unreadLabel ? `, ${row.unreadLabel}` : ''}</span
            >`
          : nothing
      }
    </div>`;
  }

  private renderNewDialog() {
    const t = this.t;
    const direct = this.newType === 'direct';
    return html`<dialog part="new-dialog" aria-labelledby="new-title" @close=${this.onDialogClose}>
      <form method="dialog" novalidate @submit=${this.onCreate}>
        <h2 class="dialog-title" id="new-title">${t('inbox.new.title')}</h2>
        <fieldset>
          <legend>${t('inbox.new.type')}</legend>
          <div part="type-switch">
            <label
              ><input
                type="radio"
                name="type"
                value="direct"
                .checked=${direct}
                @change=${() => this.setNewType('direct')}
              />${t('inbox.new.direct')}</label
            >
            <label
              ><input
                type="radio"
                name="type"
                value="group"
                .checked=${!direct}
                @change=${() => this.setNewType('group')}
              />${t('inbox.new.group')}</label
            >
          </div>
        </fieldset>
        <div class="field">
          <label for="new-members"
            >${direct ? t('inbox.new.member') : t('inbox.new.members')}</label
          >
          <input
            id="new-members"
            part="members-input"
            name="members"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="new-members-hint"
          />
          <p class="hint" id="new-members-hint">
            ${direct ? t('inbox.new.member-hint') : t('inbox.new.members-hint')}
          </p>
        </div>
        ${
          direct
            ? nothing
            : html`<div class="field">
                <label for="new-name">${t('inbox.new.name')}</label>
                <input id="new-name" part="name-input" name="name" autocomplete="off" />
              </div>`
        }
        ${this.newError ? html`<p part="form-error" role="alert">${t(this.newError)}</p>` : nothing}
        <div class="dialog-actions">
          <button part="cancel-button" class="button" type="button" @click=${this.closeNewDialog}>
            ${t('common.cancel')}
          </button>
          <button
            part="create-button"
            class="button primary"
            type="submit"
            ?disabled=${this.creating}
          >
            ${this.creating ? t('inbox.new.creating') : t('inbox.new.create')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  // Selection ------------------------------------------------------------

  /**
   * The one path from a user's choice to the store: announce the intent,
   * and select unless a listener cancelled it.
   */
  private choose(conversationId: Uuid): void {
    this.focusedId = conversationId;
    const event = this.emit('poolse-conversation-select', { conversationId }, { cancelable: true });
    if (!event.defaultPrevented) this.store?.selectConversation(conversationId);
  }

  private onListKeydown = (event: KeyboardEvent): void => {
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="row"]')];
    if (rows.length === 0) return;
    const current = rows.findIndex((row) => row === this.shadowRoot?.activeElement);
    if (event.key === 'Enter' || event.key === ' ') {
      const id = rows[current]?.dataset.id;
      if (id) {
        event.preventDefault();
        this.choose(id);
      }
      return;
    }
    const next = moveFocus(event, rows, current, {
      labels: () => rows.map((row) => row.querySelector('[part~="name"]')?.textContent ?? ''),
      locale: this.locale,
    });
    if (next !== null) this.focusedId = rows[next]?.dataset.id ?? null;
  };

  private retry = (): void => {
    void this.store?.reload().catch(() => {
      // The store records the failure in state; the error view stays up.
    });
  };

  // New conversation -------------------------------------------------------

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private openNewDialog = (): void => {
    this.newError = null;
    this.dialog?.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#new-members')?.focus();
  };

  private closeNewDialog = (): void => {
    this.dialog?.close();
  };

  private onDialogClose = (): void => {
    this.renderRoot.querySelector('form')?.reset();
    this.newType = 'direct';
    this.newError = null;
  };

  private setNewType(type: ConversationType): void {
    this.newType = type;
    this.newError = null;
  }

  private onCreate = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const store = this.store;
    if (!store || this.creating) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const result = buildCreateRequest(
      this.newType,
      String(data.get('members') ?? ''),
      String(data.get('name') ?? ''),
      this.chat?.me?.external_id,
    );
    if (!result.ok) {
      this.newError = result.error;
      return;
    }
    this.creating = true;
    this.newError = null;
    try {
      const conversation = await store.createConversation(result.request);
      this.closeNewDialog();
      this.choose(conversation.id);
      await this.updateComplete;
      this.focusRow(conversation.id);
    } catch {
      this.newError = 'inbox.new.error';
    } finally {
      this.creating = false;
    }
  };

  /** Focuses the row holding the tab stop (the selected one, else the first). */
  override focus(options?: FocusOptions): void {
    const row = this.renderRoot.querySelector<HTMLElement>('[part~="row"][tabindex="0"]');
    if (row) row.focus(options);
    else super.focus(options);
  }

  private focusRow(id: Uuid): void {
    const row = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="row"]')].find(
      (r) => r.dataset.id === id,
    );
    row?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-inbox': PoolseInbox;
  }
}
