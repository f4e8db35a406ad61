import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, query, state } from 'lit/decorators.js';
import type { LocaleStrings } from '../shared/localize/keys.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { consume } from '@lit/context';
import { storeContext } from '../../src/context/contexts.js';
import type { Message, Uuid } from '../../src/sdk/types.js';
import type { ChatStore } from '../../src/state/types.js';
import type { UploadFile, UploadItem, Uploader } from '../../src/state/upload-queue.js';
import { composerStyles } from './composer.styles.js';
import { renderAttachmentChips } from './attachment-chips.js';
import { ComposerEmoji } from './composer-emoji.js';
import { ComposerSuggestions } from './composer-suggestions.js';
import { FileDropController } from './file-drop-controller.js';
import { modeBanners } from './composer-modes.js';
import { renderToolbar } from './composer-toolbar.js';
import { ComposerUploads } from './composer-uploads.js';
import { renderModeBanners } from './mode-banner.js';
import { renderSuggestionList } from './suggestion-list.js';
import { ComposerIntents } from './composer-intents.js';
import { ComposerTextArea, renderTextArea } from './composer-textarea.js';
import { ThumbnailUrls } from './thumbnail-urls.js';
import { uploadMilestones } from './upload-milestones.js';
import { ComposerStoreLink, type ComposerSlice } from './composer-store-link.js';
import './composer.strings.js';

let instanceCount = 0;

/**
 * The message composer: an auto-growing text area with attachments, mentions,
 * emoji, typing pings and reply/quote/edit modes.
 *
 * Use it inside `<poolse-conversation>` (its `composer` slot and thread
 * panel) or alone with `conversation-id`, under a `<poolse-provider>`.
 *
 * Keyboard: Enter sends, Shift+Enter breaks the line, and Enter while an
 * input method is composing (`isComposing`) never sends. Up arrow in an empty
 * composer edits the user's last message; Escape cancels an edit or a quote.
 * `@` suggests the conversation's members (an ARIA combobox: arrows move,
 * Enter or Tab choose, Escape closes); `:sm` suggests emoji shortcodes.
 *
 * Drafts (text, mode and mentions) are kept in the store per conversation
 * (per thread root for a thread composer), so switching conversations keeps
 * what was typed. A host can set a mode by writing the store's draft
 * (`quotedMessageId`, `replyToId`, `editingMessageId`) or with `quote()`,
 * `replyInThread()` and `edit()`.
 *
 * Attachments: picker, paste of images, and drops onto the composer (a
 * conversation forwards drops anywhere on it through `addFiles()`); at most
 * 10 per message. Each file uploads at once and shows a chip with its
 * progress, a cancel button (which aborts the upload) and, after a failure,
 * the server's error and a retry button.
 *
 * **Sending while files upload:** the message waits for its attachments.
 * Pressing Send while uploads run arms the send: the button reads
 * "Uploading…" and the message (text and every attachment) goes out by
 * itself as soon as the last upload finishes. The user may keep typing
 * meanwhile; what is in the box then is sent. If an upload fails, the armed
 * send is dropped and the failed chip says why; nothing is sent until the
 * user retries or removes that file. Pressing the button again (not Enter)
 * disarms it.
 *
 * @event poolse-message-send - Cancelable. Fired before the store sends a message; `detail.draft` (a `SendDraft`) may be changed or replaced to transform it, `preventDefault()` vetoes it (the draft stays in the box).
 * @event poolse-upload-progress - An upload moved: `detail` has `name`, `loaded`, `total`.
 * @event poolse-upload-error - An upload failed or a file was refused: `detail` has `name`, `code` and the server's `message`.
 *
 * @slot toolbar-start - Extra buttons before the attach and emoji buttons.
 * @slot toolbar-end - Extra buttons before the send button.
 *
 * @csspart frame - The bordered box around everything.
 * @csspart mode - The banner of the current mode (thread, quote, edit).
 * @csspart mode-close - The banner's close button.
 * @csspart attachments - The list of attachment chips.
 * @csspart attachment - One attachment chip (`data-status`: uploading, done, failed).
 * @csspart attachment-thumbnail - The image thumbnail or file-type badge of a chip.
 * @csspart attachment-name - The file name on a chip.
 * @csspart attachment-error - The server's error on a failed chip.
 * @csspart progress - The progress bar of an upload (`role="progressbar"`).
 * @csspart attachment-cancel - The cancel / remove button of a chip.
 * @csspart attachment-retry - The retry button of a failed chip.
 * @csspart textarea - The text area.
 * @csspart toolbar - The row of buttons under the text area.
 * @csspart attach-button - The attach-files button.
 * @csspart emoji-button - The emoji button.
 * @csspart emoji-popover - The popover holding the emoji picker.
 * @csspart hint - The keyboard hint next to the send button.
 * @csspart send-button - The send (or save) button.
 * @csspart suggestions - The mention / shortcode suggestion list (`role="listbox"`).
 * @csspart suggestion - One suggestion (`role="option"`).
 * @csspart notice - An error line under the box (e.g. too many files).
 * @csspart drop-hint - The "Drop files to attach" overlay shown while files are dragged over.
 *
 * @cssproperty --poolse-composer-background - Background of the box.
 * @cssproperty --poolse-composer-border-color - Border colour of the box.
 * @cssproperty --poolse-composer-radius - Corner radius of the box.
 * @cssproperty --poolse-composer-max-height - Height at which the text area stops growing and scrolls (default 12.5em).
 * @cssproperty --poolse-composer-padding - Space around the box.
 * @cssproperty --poolse-composer-send-background - Background of the send button.
 */
export class PoolseComposer extends PoolseElement {
  static override styles = composerStyles;
  static override shadowRootOptions: ShadowRootInit = {
    ...PoolseElement.shadowRootOptions,
    delegatesFocus: true,
  };

  /** The conversation to write in; defaults to the provider's active conversation. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId: string | null = null;

  /** Makes this a thread composer: every message is a reply under this root. */
  @property({ attribute: 'thread-root-id', reflect: true }) threadRootId: string | null = null;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Overrides the placeholder of the text area. */
  @property() placeholder: string | null = null;

  /** Hides the "Enter to send" hint. */
  @property({ type: Boolean, attribute: 'no-hint' }) noHint = false;

  /**
   * Uploads one file. Defaults to the store's SDK client
   * (`client.attachments.upload`); set it to upload somewhere else.
   */
  @property({ attribute: false }) uploader: Uploader | null = null;

  /** A chat store to use instead of the provider's (from context). */
  @property({ attribute: false }) store: ChatStore | null = null;

  /** An SDK client to upload with instead of the store's. */
  @property({ attribute: false }) client: unknown = null;

  /** Overrides of single strings (keys of the strings table, e.g. `composer.placeholder`). */
  @property({ attribute: false }) strings: LocaleStrings | null = null;

  @consume({ context: storeContext, subscribe: true })
  @state()
  private contextStore?: ChatStore;

  @state() private notice = '';
  /** The last upload milestone, read politely by screen readers. */
  @state() private uploadStatus = '';

  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  readonly #ids = `poolse-composer-${++instanceCount}`;
  readonly #link = new ComposerStoreLink(
    this,
    () => ({ conversationId: this.conversationId, threadRootId: this.threadRootId }),
    () => this.store ?? this.contextStore ?? null,
    (previous, next) => {
      this.#uploads.changed(previous, next);
      const milestone = uploadMilestones(previous, next, this.#localize.t);
      if (milestone) this.uploadStatus = milestone;
    },
  );
  readonly #uploads = new ComposerUploads(this, {
    store: () => this.#link.store,
    draftKey: () => this.#draftKey(),
    conversationId: () => this.#slice().conversationId,
    uploader: () => this.uploader,
    client: () => this.client,
    t: () => this.#localize.t,
    notice: (message) => (this.notice = message),
    send: () => this.#intents.send(),
    emitProgress: (detail) => this.emit('poolse-upload-progress', detail),
    emitError: (detail) => this.emit('poolse-upload-error', detail),
  });
  readonly #localize = new LocalizeController(this, { strings: () => this.strings });
  readonly #drop = new FileDropController(this, {
    enabled: () => !this.disabled && !!this.#draftKey(),
    onDrop: (files) => this.addFiles(files),
  });
  readonly #thumbnails = new ThumbnailUrls();
  readonly #suggestions = new ComposerSuggestions({
    idPrefix: this.#ids,
    slice: () => this.#slice(),
    nameOf: (externalId) => this.#link.nameOf(externalId),
    draft: () => this.#link.draft,
    updateDraft: (patch) => this.#link.updateDraft(patch),
    placeCaret: (caret) => this.#text.placeCaret(caret),
    requestUpdate: () => this.requestUpdate(),
  });
  readonly #emoji = new ComposerEmoji(this, (emoji) => this.#intents.insertEmoji(emoji));
  readonly #text = new ComposerTextArea(this, () => this.textarea);
  readonly #intents = new ComposerIntents(this, {
    link: this.#link,
    text: this.#text,
    suggestions: this.#suggestions,
    uploads: this.#uploads,
    emoji: this.#emoji,
    t: () => this.#localize.t,
    notice: (message) => (this.notice = message),
    emitSend: (detail) => this.emit('poolse-message-send', detail, { cancelable: true }),
  });

  // ---------------------------------------------------------------------
  // Public API
  // ---------------------------------------------------------------------

  /** Adds files as attachments (what a drop anywhere on a conversation forwards here). */
  addFiles(files: Iterable<UploadFile> | ArrayLike<UploadFile>): void {
    this.#uploads.add(Array.from(files as ArrayLike<UploadFile>));
  }

  /** Quotes a message in the next send. */
  quote(messageId: Uuid): void {
    const key = this.#draftKey();
    if (key) this.#link.store?.quoteInDraft(key, messageId);
    this.focus();
  }

  /** Makes the next send a reply in the thread of `messageId`. */
  replyInThread(messageId: Uuid): void {
    const key = this.#draftKey();
    if (key) this.#link.store?.replyInDraft(key, messageId);
    this.focus();
  }

  /** Starts editing one of the user's own messages. */
  edit(messageId: Uuid): void {
    const key = this.#draftKey();
    if (!key || !this.#link.store?.startEdit(key, messageId)) return;
    this.#suggestions.close();
    this.#text.placeCaret();
  }

  /** Leaves edit mode and brings back what was in the box before. */
  cancelEdit(): void {
    const key = this.#draftKey();
    if (!key || !this.#link.draft.editingMessageId) return;
    this.#link.store?.cancelEdit(key);
    this.#text.autosizeAfterRender();
  }

  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  // ---------------------------------------------------------------------
  // Lifecycle
  // ---------------------------------------------------------------------

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#emoji.disconnect();
    this.#intents.disconnect();
    this.#thumbnails.revokeAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') || changed.has('threadRootId')) {
      this.#suggestions.close();
      this.#uploads.disarm();
    }
    // Read the store for the (maybe new) conversation before anything below looks at it.
    this.#link.refresh();
    this.#suggestions.recompute();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') || changed.has('threadRootId')) this.#text.autosize();
    this.#thumbnails.retain(this.uploads.map((item) => item.key));
  }

  // ---------------------------------------------------------------------
  // Draft and uploads (kept in the store)
  // ---------------------------------------------------------------------

  #slice(): ComposerSlice {
    return this.#link.slice;
  }

  /** Thread composers keep their draft under the root id, so they never clash with the main one. */
  #draftKey(): string | null {
    return this.#slice().draftKey;
  }

  /** The chips of the conversation (or thread) on screen. */
  private get uploads(): readonly UploadItem[] {
    return this.#slice().uploads ?? [];
  }

  #hasContent(): boolean {
    return this.#link.draft.body.trim() !== '' || this.uploads.length > 0;
  }

  #senderName(message: Pick<Message, 'sender_external_id' | 'sender_id'>): string {
    if (message.sender_external_id) return this.#link.nameOf(message.sender_external_id);
    return this.#localize.t('common.unknown-user');
  }

  // ---------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.#localize.t;
    const draft = this.#link.draft;
    const ready = !!this.#draftKey() && !this.disabled;
    const editing = !!draft.editingMessageId;
    const suggestions = this.#suggestions.value;
    const listId = `${this.#ids}-suggestions`;
    const canSend = ready && (editing ? draft.body.trim() !== '' : this.#hasContent());
    const placeholder =
      this.placeholder ??
      t(
        editing
          ? 'composer.placeholder-edit'
          : this.threadRootId
            ? 'composer.placeholder-thread'
            : 'composer.placeholder',
      );

    return html`
      <div class="frame" part="frame">
        ${renderModeBanners(
          modeBanners(draft, {
            t,
            threadRootId: this.threadRootId,
            findMessage: (id) => this.#link.findMessage(id),
            senderName: (message) => this.#senderName(message),
            cancelEdit: () => {
              this.cancelEdit();
              this.focus();
            },
            leaveThread: () => this.#link.updateDraft({ replyToId: null }),
            dropQuote: () => {
              this.#link.updateDraft({ quotedMessageId: null });
              this.focus();
            },
          }),
        )}
        ${renderAttachmentChips(this.uploads, {
          t,
          thumbnail: (item) => this.#thumbnails.get(item.key, item.file),
          retry: (key) => this.#uploads.retry(key),
          cancel: (key) => {
            this.#uploads.cancel(key);
            this.focus();
          },
        })}
        ${suggestions ? renderSuggestionList(suggestions, listId, t, (option) => this.#suggestions.choose(option)) : nothing}
        <div class="input-row">
          ${renderTextArea(
            {
              t,
              ids: this.#ids,
              listId,
              suggestions,
              placeholder,
              ready,
              value: draft.body,
            },
            this.#intents,
          )}
        </div>
        ${renderToolbar(
          {
            t,
            ids: this.#ids,
            ready,
            editing,
            canSend,
            armed: this.#uploads.armed,
            busy: this.uploads.some((item) => item.status === 'uploading'),
            emojiOpen: this.#emoji.open,
            noHint: this.noHint,
          },
          {
            attach: () =>
              this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click(),
            filesPicked: this.#intents.filesPicked,
            toggleEmoji: () => void this.#emoji.toggle(),
            send: () => {
              this.#intents.submit(true);
              this.focus();
            },
          },
        )}
        ${
          this.#emoji.open
            ? this.#emoji.render(`${this.#ids}-emoji`, {
                picker: t('composer.emoji-picker'),
                loading: t('common.loading'),
              })
            : nothing
        }
        ${this.#drop.dragging ? html`<div class="drop-hint" part="drop-hint" aria-hidden="true">${t('composer.drop')}</div>` : nothing}
      </div>
      <div class="notice" part="notice" role="alert">${this.notice}</div>
      <div class="visually-hidden" role="status">${this.uploadStatus}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-composer': PoolseComposer;
  }
}
