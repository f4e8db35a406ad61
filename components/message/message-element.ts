import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { storeContext } from '../../src/context/contexts.js';
import type { Attachment, Message, Uuid } from '../../src/sdk/types.js';
import type { ChatStore, Profile } from '../../src/state/types.js';
import type { PoolseReactions } from '../reactions/reactions-element.js';
import { formatDateTime, formatFileSize, formatTime } from '../shared/format.js';
import { renderRichText } from '../shared/rich-text.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import '../conversation/conversation.strings.js';
import {
  attachmentUrl,
  isImage,
  recordedDimensions,
  thumbnailBox,
  type AttachmentUrlSource,
} from './attachment-url.js';
import { icons } from './icons.js';
import { menuActions, type MessageAction } from './message-actions.js';
import { messageStyles } from './message.styles.js';
import { MessageMenuController } from './message-menu.js';
import { PendingWaitController } from './pending-wait.js';
import { loadLightbox } from '../shared/lazy.js';
import { withoutBidiControls } from '../shared/bidi.js';
import { cssProps } from '../shared/css-props.js';

export type MessageStatus = 'sent' | 'pending' | 'failed';

export type { MessageActionDetail, ThreadOpenDetail } from '../shared/events.js';

export { MESSAGE_PARTS } from './message-parts.js';

/**
 * One message of a timeline or a thread, rendered from the wire `Message`
 * plus what the timeline knows about it (sender profile, grouping, send
 * status, receipts). User text is rendered as text only, with links and
 * @mentions highlighted.
 *
 * Actions go through a cancelable `poolse-message-action` event first; when
 * nothing cancels it the message performs the action through the store
 * (quote and edit set the composer's draft, delete asks first).
 *
 * @event poolse-message-action - Cancelable intent: `detail: { action, messageId, message }` (`reply`, `quote`, `react`, `copy`, `edit`, `delete`, `retry`, `open-thread`).
 * @event poolse-thread-open - The reader asked to open the thread of `detail.rootId` (after an uncanceled `reply` / `open-thread`).
 * @event poolse-reaction-toggle - From the reactions bar (see `<poolse-reactions>`).
 * @event poolse-lightbox-close - From an image viewer a message opened (see `<poolse-lightbox>`).
 *
 * @csspart row - Avatar and content side by side.
 * @csspart avatar - The sender's avatar (first message of a group).
 * @csspart content - The column with header, bubble and extras.
 * @csspart header - Sender name and time.
 * @csspart sender - The sender's name.
 * @csspart time - The send time.
 * @csspart bubble - The message bubble.
 * @csspart body - The text.
 * @csspart link - A link in the text.
 * @csspart mention - An @mention in the text.
 * @csspart mention-self - An @mention that names the reader (beside `mention`).
 * @csspart edited - The edited mark.
 * @csspart tombstone - The text shown for a deleted message.
 * @csspart quote - The quoted message preview.
 * @csspart quote-sender - Name in the quote.
 * @csspart quote-body - Text of the quote.
 * @csspart attachments - The attachments row.
 * @csspart image-button - An image thumbnail (opens the lightbox).
 * @csspart image - The thumbnail image.
 * @csspart file - A file card.
 * @csspart file-icon - Icon of a file card.
 * @csspart file-name - Name of a file.
 * @csspart file-size - Size of a file.
 * @csspart download-button - Download button of a file card.
 * @csspart reactions - The `<poolse-reactions>` bar.
 * @csspart reaction - A chip of the reactions bar (forwarded from `<poolse-reactions>`).
 * @csspart reaction-own - A chip of an emoji the reader reacted with (forwarded).
 * @csspart add-button - The add-reaction button (forwarded).
 * @csspart replies - The "N replies" button.
 * @csspart status - Sending / failed line.
 * @csspart retry-button - Retry of a failed send.
 * @csspart receipt - "Seen by …".
 * @csspart system - A system message.
 * @csspart actions - The hover toolbar.
 * @csspart action-button - A toolbar button.
 * @csspart menu - The message menu.
 * @csspart menu-item - An item of the menu.
 * @csspart confirm - The delete confirmation dialog.
 * @csspart confirm-cancel - Its cancel button.
 * @csspart confirm-delete - Its delete button.
 *
 * @cssproperty --poolse-message-bubble-background - Bubble of others' messages.
 * @cssproperty --poolse-message-bubble-color - Text of others' messages.
 * @cssproperty --poolse-message-own-bubble-background - Bubble of the reader's messages.
 * @cssproperty --poolse-message-own-bubble-color - Text of the reader's messages.
 * @cssproperty --poolse-message-bubble-radius - Bubble corner radius.
 * @cssproperty --poolse-message-max-width - Widest a bubble gets.
 * @cssproperty --poolse-message-hover-background - Row background on hover/focus.
 */
export class PoolseMessage extends PoolseElement {
  static override styles = messageStyles;

  @property({ attribute: false }) message: Message | null = null;
  /** Send state: `pending` and `failed` come from the store's outbox. */
  @property({ reflect: true }) status: MessageStatus = 'sent';
  /** Continues the previous message's sender group: no avatar, no name. */
  @property({ type: Boolean, reflect: true }) continued = false;
  /** The sender's profile (name, avatar); falls back to the external id. */
  @property({ attribute: false }) profile: Profile | null = null;
  /** The quoted message's sender's profile. */
  @property({ attribute: false }) quotedProfile: Profile | null = null;
  @property({ attribute: 'own-user-id' }) ownUserId: Uuid | null = null;
  /** The reader's external id, to mark @mentions of them. */
  @property({ attribute: 'own-external-id' }) ownExternalId: string | null = null;
  /** Names of the members who have read up to this message (shown as "Seen by …"). */
  @property({ attribute: false }) seenBy: readonly string[] = [];
  /** Inside a thread panel: no "reply in thread", no replies count. */
  @property({ type: Boolean, attribute: 'in-thread' }) inThread = false;
  @property({ attribute: false }) store: ChatStore | null = null;
  /** Where attachment download URLs come from (default: the store's optional `attachmentUrl`). */
  @property({ attribute: false }) attachmentSource: AttachmentUrlSource | null = null;
  readonly #localize = new LocalizeController(this, { locale: () => this.locale });
  @property() locale: string | undefined = undefined;

  /** The provider's store, for a message used on its own (the timeline hands `store` down). */
  readonly #contextStore = new ContextConsumer(this, { context: storeContext, subscribe: true });

  readonly #pendingWait = new PendingWaitController(this);
  @state() private confirming = false;
  @state() private urls: Readonly<Record<Uuid, string>> = {};
  @state() private lightbox: { src: string; name: string } | null = null;

  readonly #menu = new MessageMenuController(this, (action) => this.perform(action));

  /** Opens the message menu and focuses its first item. */
  openMenu(): Promise<void> {
    return this.#menu.show();
  }

  closeMenu(returnFocus = true): void {
    this.#menu.close(returnFocus);
  }

  /**
   * Runs an action after a cancelable `poolse-message-action` event.
   * Returns false when a listener canceled it.
   */
  perform(action: MessageAction): boolean {
    const message = this.message;
    if (!message) return false;
    const intent = this.emit(
      'poolse-message-action',
      { action, messageId: message.id, message },
      { cancelable: true },
    );
    if (intent.defaultPrevented) return false;
    const store = this.#activeStore;
    switch (action) {
      case 'reply':
      case 'open-thread':
        this.emit('poolse-thread-open', { rootId: message.thread_root_id ?? message.id });
        break;
      case 'quote':
        store?.quoteInDraft(message.conversation_id, message.id);
        break;
      case 'edit':
        store?.startEdit(message.conversation_id, message.id);
        break;
      case 'copy':
        void navigator.clipboard?.writeText(message.body ?? '').catch(() => undefined);
        break;
      case 'react':
        void this.#reactions()?.openPicker();
        break;
      case 'delete':
        void this.#askDelete();
        break;
      case 'retry':
        store?.retry(message.id);
        break;
    }
    return true;
  }

  #reactions(): PoolseReactions | null {
    return this.renderRoot.querySelector('poolse-reactions');
  }

  async #askDelete(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('[part~="confirm"]');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('[part~="confirm-cancel"]')?.focus();
  }

  #closeConfirm(confirmed: boolean): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('[part~="confirm"]');
    if (dialog?.open) dialog.close();
    this.confirming = false;
    const message = this.message;
    if (confirmed && message) {
      // The store deletes optimistically and restores the message if the server refuses.
      this.#activeStore?.delete(message.id).catch(() => undefined);
      // The menu that had focus goes with the message: keep the keyboard in the conversation.
      this.closest<HTMLElement>('[role="log"]')?.focus({ preventScroll: true });
    } else {
      this.renderRoot.querySelector<HTMLElement>('[data-menu-trigger]')?.focus();
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    const message = this.message;
    if (changed.has('message') || changed.has('ownUserId')) {
      this.toggleAttribute(
        'own',
        !!message && !!this.ownUserId && message.sender_id === this.ownUserId,
      );
      this.toggleAttribute('deleted', !!message?.deleted_at);
    }
    if (changed.has('continued')) this.toggleAttribute('group-start', !this.continued);
    if (changed.has('status') || changed.has('message'))
      this.#pendingWait.follow(this.status === 'pending', this.message?.inserted_at);
  }

  protected override updated(): void {
    // On every update, not only a new message: the provider's store may
    // arrive through context later. Cheap: URLs are cached per attachment.
    void this.#loadImageUrls();
  }

  async #loadImageUrls(): Promise<void> {
    const message = this.message;
    const source = this.#urlSource();
    if (!message || !source) return;
    const wanted = message.attachments.filter(
      (a) => isImage(a) && a.status === 'ready' && !this.urls[a.id],
    );
    if (wanted.length === 0) return;
    for (const attachment of wanted) {
      const url = await attachmentUrl(source, attachment.id);
      if (url && this.message === message) this.urls = { ...this.urls, [attachment.id]: url };
    }
  }

  #urlSource(): unknown {
    return this.attachmentSource ?? this.#activeStore;
  }

  /** The store actions go to: the one handed down, else the provider's. */
  get #activeStore(): ChatStore | null {
    return this.store ?? this.#contextStore.value ?? null;
  }

  async #download(attachment: Attachment): Promise<void> {
    const url = this.urls[attachment.id] ?? (await attachmentUrl(this.#urlSource(), attachment.id));
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    link.download = attachment.original_filename ?? '';
    link.click();
  }

  async #openImage(attachment: Attachment): Promise<void> {
    const url = this.urls[attachment.id] ?? (await attachmentUrl(this.#urlSource(), attachment.id));
    if (!url) return;
    await loadLightbox();
    this.lightbox = {
      src: url,
      name: attachment.original_filename ?? this.#localize.t('message.attachment.image'),
    };
    await this.updateComplete;
    this.renderRoot.querySelector('poolse-lightbox')?.show();
  }

  #name(profile: Profile | null, externalId: string | null): string {
    return withoutBidiControls(
      profile?.displayName || externalId || this.#localize.t('common.unknown-user'),
    );
  }

  #isOwnMention = (handle: string): boolean =>
    !!this.ownExternalId && handle.toLowerCase() === this.ownExternalId.toLowerCase();

  protected override render() {
    const message = this.message;
    if (!message) return nothing;
    if (message.type === 'system') {
      return html`<div part="system" dir="auto">${message.body ?? ''}</div>`;
    }
    const own = this.hasAttribute('own');
    const deleted = !!message.deleted_at;
    const name = own
      ? this.#localize.t('common.you')
      : this.#name(this.profile, message.sender_external_id);
    const actions = menuActions(message, {
      own,
      confirmed: this.status === 'sent',
      inThread: this.inThread,
    });
    return html`<div part="row">
        ${
          this.continued
            ? html`<span class="avatar-spacer" aria-hidden="true"></span>`
            : html`<poolse-avatar
              part="avatar"
              size="sm"
              decorative
              .name=${name}
              .src=${this.profile?.avatarUrl ?? null}
              .seed=${message.sender_external_id ?? message.sender_id ?? ''}
            ></poolse-avatar>`
        }
        <div part="content">
          ${
            this.continued
              ? nothing
              : html`<div part="header">
                ${
                  own
                    ? html`<span class="visually-hidden">${name}</span>`
                    : html`<span part="sender" dir="auto">${name}</span>`
                }
                <time part="time" datetime=${message.inserted_at} title=${formatDateTime(message.inserted_at, this.#localize.locale)}
                  >${formatTime(message.inserted_at, this.#localize.locale)}</time
                >
              </div>`
          }
          ${
            // A screen reader reads each message on its own: who and when, even when the eye sees it from the one above.
            this.continued
              ? html`<span class="visually-hidden"
                  ><span dir="auto">${name}</span>
                  <time datetime=${message.inserted_at}>${formatTime(message.inserted_at, this.#localize.locale)}</time></span
                >`
              : nothing
          }
          ${deleted ? this.#renderTombstone() : this.#renderBubble(message)}
          ${deleted ? nothing : this.#renderAttachments(message.attachments, message)}
          ${
            !deleted &&
            this.status === 'sent' &&
            (Object.keys(message.reactions).length > 0 || actions.includes('react'))
              ? html`<poolse-reactions
                part="reactions"
                exportparts="reaction, reaction-own, add-button"
                .messageId=${message.id}
                .reactions=${message.reactions}
                .ownUserId=${this.ownUserId}
                .store=${this.#activeStore}
              ></poolse-reactions>`
              : nothing
          }
          ${
            !this.inThread && message.reply_count > 0
              ? html`<button part="replies" type="button" @click=${() => this.perform('open-thread')}>
                ${icons.thread}${this.#localize.t('message.replies', { count: message.reply_count })}
              </button>`
              : nothing
          }
          ${this.#renderStatus()}
          ${this.seenBy.length > 0 && !deleted ? html`<div part="receipt">${this.#seenByText()}</div>` : nothing}
        </div>
      </div>
      ${actions.length > 0 ? this.#menu.render(actions, this.#localize.t) : nothing}
      ${this.confirming ? this.#renderConfirm() : nothing}
      ${
        this.lightbox
          ? html`<poolse-lightbox
            .src=${this.lightbox.src}
            .alt=${this.lightbox.name}
            .caption=${this.lightbox.name}
            .downloadUrl=${this.lightbox.src}
            @poolse-lightbox-close=${() => (this.lightbox = null)}
          ></poolse-lightbox>`
          : nothing
      }`;
  }

  #renderTombstone() {
    return html`<div part="bubble"><span part="tombstone">${this.#localize.t('message.deleted')}</span></div>`;
  }

  #renderBubble(message: Message) {
    const hasText = !!message.body;
    const quoted = message.quoted_message;
    if (!hasText && !quoted) return nothing;
    return html`<div part="bubble">
      ${quoted ? this.#renderQuote(quoted) : nothing}
      ${
        hasText
          ? html`<p part="body" dir="auto">${renderRichText(message.body, { isSelf: this.#isOwnMention })}${
              message.edited_at
                ? html`<span part="edited" title=${formatDateTime(message.edited_at, this.#localize.locale)}>${this.#localize.t('message.edited')}</span>`
                : nothing
            }</p>`
          : nothing
      }
    </div>`;
  }

  #renderQuote(quoted: NonNullable<Message['quoted_message']>) {
    const name = this.#name(this.quotedProfile, quoted.sender_external_id);
    return html`<blockquote part="quote" aria-label=${this.#localize.t('message.quote', { name })}>
      <span part="quote-sender" dir="auto">${name}</span>
      <span part="quote-body" dir="auto"
        >${
          quoted.deleted_at
            ? this.#localize.t('message.quote-deleted')
            : quoted.body ||
              (quoted.attachments?.length ? this.#localize.t('message.attachment') : '')
        }</span
      >
    </blockquote>`;
  }

  #renderAttachments(attachments: readonly Attachment[], message: Message) {
    if (!Array.isArray(attachments) || attachments.length === 0) return nothing;
    return html`<div part="attachments">
      ${attachments.map((attachment) => {
        const name = withoutBidiControls(
          attachment.original_filename || this.#localize.t('message.attachment'),
        );
        if (isImage(attachment)) {
          const box = thumbnailBox(recordedDimensions(message.custom_data ?? {}, attachment.id));
          const url = this.urls[attachment.id];
          return html`<button
            part="image-button"
            type="button"
            style=${cssProps({ 'inline-size': `${box.width}px`, 'aspect-ratio': `${box.width} / ${box.height}` })}
            aria-label=${this.#localize.t('message.attachment.open', { name })}
            @click=${() => void this.#openImage(attachment)}
          >
            ${
              url
                ? html`<img part="image" src=${url} alt="" width=${box.width} height=${box.height} loading="lazy" decoding="async" />`
                : nothing
            }
          </button>`;
        }
        return html`<div part="file">
          <span part="file-icon">${icons.file}</span>
          <span class="file-text">
            <span part="file-name" dir="auto" title=${name}>${name}</span>
            <span part="file-size">${formatFileSize(attachment.byte_size, this.#localize.locale)}</span>
          </span>
          <button
            part="download-button"
            type="button"
            aria-label=${this.#localize.t('message.attachment.download', { name })}
            ?disabled=${this.status !== 'sent'}
            @click=${() => void this.#download(attachment)}
          >
            ${icons.download}
          </button>
        </div>`;
      })}
    </div>`;
  }

  #renderStatus() {
    if (this.status === 'pending') {
      // The timeline announces when a send lands or fails; the row itself stays quiet.
      const key = this.#pendingWait.waitedLong ? 'message.queued' : 'message.pending';
      return html`<div part="status">${this.#localize.t(key)}</div>`;
    }
    if (this.status === 'failed') {
      return html`<div part="status">
        <span>${this.#localize.t('message.failed')}</span>
        <button part="retry-button" type="button" @click=${() => this.perform('retry')}>${this.#localize.t('common.retry')}</button>
      </div>`;
    }
    return nothing;
  }

  #seenByText(): string {
    const names = this.seenBy;
    const shown = names.slice(0, 3).join(', ');
    if (names.length <= 3) return this.#localize.t('message.seen-by', { names: shown });
    return this.#localize.t('message.seen-by-more', { names: shown, count: names.length - 3 });
  }

  #renderConfirm() {
    return html`<dialog
      part="confirm"
      role="alertdialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      @cancel=${(event: Event) => {
        event.preventDefault();
        this.#closeConfirm(false);
      }}
    >
      <h2 id="confirm-title">${this.#localize.t('message.delete.title')}</h2>
      <p id="confirm-body">${this.#localize.t('message.delete.body')}</p>
      <div class="confirm-buttons">
        <button part="confirm-cancel" type="button" @click=${() => this.#closeConfirm(false)}>${this.#localize.t('common.cancel')}</button>
        <button part="confirm-delete" type="button" @click=${() => this.#closeConfirm(true)}>${this.#localize.t('message.delete.confirm')}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-message': PoolseMessage;
  }
}
