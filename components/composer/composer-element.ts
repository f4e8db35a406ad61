import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createTranslator, type StringTable, type Translator } from '../shared/strings.js';
import { consume } from '@lit/context';
import { localeContext, storeContext } from '../../src/context/contexts.js';
import type { Message, Uuid } from '../../src/sdk/types.js';
import type { ChatStore, ComposerDraft, ComposerTarget } from '../../src/state/types.js';
import {
  MAX_ATTACHMENTS,
  type UploadFile,
  type UploadItem,
  type Uploader,
} from '../../src/state/upload-queue.js';
import { uploadChanges } from '../../src/state/uploads.js';
import { composerStyles } from './composer.styles.js';
import type {
  MessageSendDetail,
  UploadErrorDetail,
  UploadProgressDetail,
} from './composer-events.js';
import { renderAttachmentChips } from './attachment-chips.js';
import { ComposerEmoji } from './composer-emoji.js';
import { ComposerSuggestions } from './composer-suggestions.js';
import { FileDropController } from './file-drop-controller.js';
import { attachIcon, emojiIcon, sendIcon } from './icons.js';
import { excerptOf, renderModeBanners, type ModeBanner } from './mode-banner.js';
import { renderSuggestionList } from './suggestion-list.js';
import { replaceRange } from './text-tokens.js';
import { ThumbnailUrls } from './thumbnail-urls.js';
import { ComposerStoreLink, type ComposerSlice } from './composer-store-link.js';
import { measureImage } from './measure-image.js';
import './composer.strings.js';

/** The composer's draft as kept in the store. */
export type ComposerDraftState = ComposerDraft;

/** Longest body the contract accepts. */
const MAX_BODY_LENGTH = 10_000;
const EMPTY_DRAFT: ComposerDraft = { body: '' };

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
export class PoolseComposer extends LitElement {
  static override styles = composerStyles;
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
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
  @property({ attribute: false }) strings: StringTable | null = null;

  @consume({ context: storeContext, subscribe: true })
  @state()
  private contextStore?: ChatStore;

  @consume({ context: localeContext, subscribe: true })
  @state()
  private locale = '';

  @state() private notice = '';
  @state() private sendArmed = false;

  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  readonly #ids = `poolse-composer-${++instanceCount}`;
  readonly #link = new ComposerStoreLink(
    this,
    () => ({ conversationId: this.conversationId, threadRootId: this.threadRootId }),
    () => this.store ?? this.contextStore ?? null,
    (previous, next) => this.#onUploadsChanged(previous, next),
  );
  #translator: Translator = createTranslator();
  #translatorFor: { locale: string; strings: StringTable | null } = { locale: '', strings: null };
  readonly #drop = new FileDropController(this, {
    enabled: () => !this.disabled && !!this.#draftKey(),
    onDrop: (files) => this.addFiles(files),
  });
  readonly #thumbnails = new ThumbnailUrls();
  readonly #suggestions = new ComposerSuggestions({
    idPrefix: this.#ids,
    slice: () => this.#slice(),
    nameOf: (externalId) => this.#nameOfExternal(externalId),
    draft: () => this.#draft(),
    updateDraft: (patch) => this.#updateDraft(patch),
    placeCaret: (caret) => this.#placeCaret(caret),
    requestUpdate: () => this.requestUpdate(),
  });
  readonly #emoji = new ComposerEmoji(this, (emoji) => this.#insertEmoji(emoji));
  #selection = { start: 0, end: 0 };
  #blurTimer: ReturnType<typeof setTimeout> | undefined;

  /** The strings lookup for the provider's locale and this element's overrides. */
  private get translator(): Translator {
    const { locale, strings } = this.#translatorFor;
    if (locale !== this.locale || strings !== this.strings) {
      this.#translatorFor = { locale: this.locale, strings: this.strings };
      this.#translator = createTranslator({
        ...(this.locale ? { locale: this.locale } : {}),
        ...(this.strings ? { overrides: this.strings } : {}),
      });
    }
    return this.#translator;
  }

  // ---------------------------------------------------------------------
  // Public API
  // ---------------------------------------------------------------------

  /** Adds files as attachments (what a drop anywhere on a conversation forwards here). */
  addFiles(files: Iterable<UploadFile> | ArrayLike<UploadFile>): void {
    const list = Array.from(files as ArrayLike<UploadFile>);
    const key = this.#draftKey();
    const store = this.#link.store;
    if (list.length === 0 || !key || !store) return;
    const { overLimit } = store.addUploads(key, list, {
      uploader: this.uploader,
      client: this.client,
      measureImage,
    });
    if (overLimit.length > 0) {
      const message = this.translator('composer.attachment.too-many', { max: MAX_ATTACHMENTS });
      this.notice = message;
      for (const file of overLimit) {
        this.#emitUploadError({ key: '', name: file.name, code: 'too_many_files', message });
      }
    } else {
      this.notice = '';
    }
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
    void this.updateComplete.then(() => {
      const textarea = this.textarea;
      if (!textarea) return;
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
      this.#autosize();
    });
  }

  /** Leaves edit mode and brings back what was in the box before. */
  cancelEdit(): void {
    const key = this.#draftKey();
    if (!key || !this.#draft().editingMessageId) return;
    this.#link.store?.cancelEdit(key);
    void this.updateComplete.then(() => this.#autosize());
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
    clearTimeout(this.#blurTimer);
    this.#thumbnails.revokeAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') || changed.has('threadRootId')) {
      this.#suggestions.close();
      this.sendArmed = false;
    }
    // Read the store for the (maybe new) conversation before anything below looks at it.
    this.#link.refresh();
    this.#suggestions.recompute();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') || changed.has('threadRootId')) this.#autosize();
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

  #target(): ComposerTarget | null {
    const conversationId = this.#slice().conversationId;
    return conversationId ? { conversationId, threadRootId: this.threadRootId } : null;
  }

  #draft(): ComposerDraft {
    return this.#slice().draft ?? EMPTY_DRAFT;
  }

  #updateDraft(patch: Partial<ComposerDraft>): void {
    const key = this.#draftKey();
    if (key) this.#link.store?.updateDraft(key, patch);
  }

  /** The chips of the conversation (or thread) on screen. */
  private get uploads(): readonly UploadItem[] {
    return this.#slice().uploads ?? [];
  }

  #onUploadsChanged(previous: readonly UploadItem[], next: readonly UploadItem[]): void {
    const { progressed, failed } = uploadChanges(previous, next);
    for (const item of progressed) this.#emitUploadProgress(item);
    for (const item of failed)
      if (item.error) this.#emitUploadError({ key: item.key, name: item.name, ...item.error });
    // An armed send goes once the last upload finished (see the class comment).
    const key = this.#draftKey();
    const store = this.#link.store;
    if (this.sendArmed && key && store) {
      const summary = store.uploadSummary(key);
      if (!summary.busy) {
        this.sendArmed = false;
        if (!summary.hasFailures) this.#send();
      }
    }
  }

  #emitUploadProgress(item: UploadItem): void {
    this.dispatchEvent(
      new CustomEvent<UploadProgressDetail>('poolse-upload-progress', {
        detail: {
          conversationId: this.#slice().conversationId,
          key: item.key,
          name: item.name,
          loaded: item.loaded,
          total: item.total,
        },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #emitUploadError(detail: Omit<UploadErrorDetail, 'conversationId'>): void {
    this.dispatchEvent(
      new CustomEvent<UploadErrorDetail>('poolse-upload-error', {
        detail: { conversationId: this.#slice().conversationId, ...detail },
        bubbles: true,
        composed: true,
      }),
    );
  }

  // ---------------------------------------------------------------------
  // Sending
  // ---------------------------------------------------------------------

  #hasContent(): boolean {
    return this.#draft().body.trim() !== '' || this.uploads.length > 0;
  }

  /** Enter and the send button. `toggle`: a second press of the button disarms a waiting send. */
  #submit(toggle = false): void {
    const key = this.#draftKey();
    const store = this.#link.store;
    if (this.disabled || !key || !store) return;
    if (this.#draft().editingMessageId) {
      void this.#saveEdit(store, key);
      return;
    }
    const uploads = store.uploadSummary(key);
    if (uploads.busy) {
      // See the class comment: the send waits for the uploads.
      this.sendArmed = toggle ? !this.sendArmed : true;
      return;
    }
    if (uploads.hasFailures) {
      this.notice = this.translator('composer.attachment.failed');
      return;
    }
    this.#send();
  }

  #send(): void {
    const target = this.#target();
    const store = this.#link.store;
    if (!target || !store) return;
    const draft = store.prepareSend(target);
    if (!draft) return;
    const event = new CustomEvent<MessageSendDetail>('poolse-message-send', {
      detail: { conversationId: target.conversationId, draft },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (!this.dispatchEvent(event)) return;
    store.sendPrepared(target, event.detail.draft);
    this.notice = '';
    this.#suggestions.close();
    void this.updateComplete.then(() => this.#autosize());
  }

  async #saveEdit(store: ChatStore, key: string): Promise<void> {
    const saved = store.saveEdit(key);
    void this.updateComplete.then(() => this.#autosize());
    try {
      await saved;
    } catch (error) {
      // The store rolled the message back; say so where the user is looking.
      this.notice =
        error instanceof Error && error.message ? error.message : this.translator('common.error');
    }
  }

  // ---------------------------------------------------------------------
  // Messages and people
  // ---------------------------------------------------------------------

  #findMessage(id: Uuid): Message | null {
    const { timeline, thread } = this.#slice();
    return (
      thread?.byId[id] ??
      timeline?.byId[id] ??
      this.#link.store?.getState().outbox[id]?.message ??
      null
    );
  }

  #nameOfExternal(externalId: string): string {
    const store = this.#link.store;
    // `resolveUser` answers at once (a fallback until the name resolves, then the store updates).
    return store ? store.resolveUser(externalId).displayName : externalId;
  }

  #senderName(message: Pick<Message, 'sender_external_id' | 'sender_id'>): string {
    if (message.sender_external_id) return this.#nameOfExternal(message.sender_external_id);
    return this.translator('common.unknown-user');
  }

  #placeCaret(caret: number): void {
    this.#selection = { start: caret, end: caret };
    void this.updateComplete.then(() => {
      const textarea = this.textarea;
      if (!textarea) return;
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
      this.#autosize();
    });
  }

  #insertEmoji(emoji: string): void {
    const draft = this.#draft();
    const start = Math.min(this.#selection.start, draft.body.length);
    const end = Math.min(Math.max(this.#selection.end, start), draft.body.length);
    const { text, caret } = replaceRange(draft.body, start, end, emoji);
    this.#updateDraft({ body: text });
    this.#emoji.close(false);
    this.#placeCaret(caret);
  }

  // ---------------------------------------------------------------------
  // Text area events
  // ---------------------------------------------------------------------

  #autosize(): void {
    const textarea = this.textarea;
    if (!textarea) return;
    // Measure from the content's natural height; the CSS max-height caps it and the area scrolls beyond.
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight + textarea.offsetHeight - textarea.clientHeight}px`;
  }

  #rememberSelection(): void {
    const textarea = this.textarea;
    if (!textarea) return;
    this.#selection = { start: textarea.selectionStart ?? 0, end: textarea.selectionEnd ?? 0 };
  }

  #onInput = (event: InputEvent): void => {
    const textarea = event.target as HTMLTextAreaElement;
    this.#updateDraft({ body: textarea.value });
    this.#rememberSelection();
    this.#autosize();
    const conversationId = this.#slice().conversationId;
    // The store throttles the pings (and lets one through at once after a send).
    if (conversationId && textarea.value.trim() !== '' && !this.#draft().editingMessageId)
      this.#link.store?.sendTyping(conversationId);
    this.#suggestions.refresh(textarea.value, textarea.selectionStart ?? textarea.value.length);
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    // An input method is composing (Japanese, Chinese, Korean…): its Enter confirms a word, never sends.
    if (event.isComposing || event.keyCode === 229) return;
    if (this.#suggestions.handleKey(event)) return;

    const draft = this.#draft();
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.#submit();
      return;
    }
    if (
      event.key === 'ArrowUp' &&
      draft.body === '' &&
      !draft.editingMessageId &&
      this.uploads.length === 0
    ) {
      const target = this.#target();
      const last = target ? this.#link.store?.lastEditableMessage(target) : null;
      if (last) {
        event.preventDefault();
        this.edit(last.id);
      }
      return;
    }
    if (event.key === 'Escape') {
      if (draft.editingMessageId) {
        event.preventDefault();
        event.stopPropagation();
        this.cancelEdit();
      } else if (draft.quotedMessageId) {
        event.preventDefault();
        event.stopPropagation();
        this.#updateDraft({ quotedMessageId: null });
      }
    }
  };

  #onPaste = (event: ClipboardEvent): void => {
    const data = event.clipboardData;
    if (!data) return;
    const images = Array.from(data.files).filter((file) => file.type.startsWith('image/'));
    if (images.length === 0) return;
    // Keep a text paste that comes with an image (e.g. from a word processor) as text.
    if (!data.types.includes('text/plain')) event.preventDefault();
    this.addFiles(images);
  };

  #onFilesPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.files) this.addFiles(input.files);
    input.value = '';
    this.focus();
  };

  #onBlur = (): void => {
    this.#rememberSelection();
    // Let a click on an option land before the list goes away.
    clearTimeout(this.#blurTimer);
    this.#blurTimer = setTimeout(() => {
      if (!this.matches(':focus-within')) this.#suggestions.close();
    }, 150);
  };

  // ---------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.translator;
    const draft = this.#draft();
    const ready = !!this.#draftKey() && !this.disabled;
    const editing = !!draft.editingMessageId;
    const suggestions = this.#suggestions.value;
    const listId = `${this.#ids}-suggestions`;
    const busy = this.uploads.some((item) => item.status === 'uploading');
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
        ${renderModeBanners(this.#modeBanners(draft))}
        ${renderAttachmentChips(this.uploads, {
          t,
          thumbnail: (item) => this.#thumbnails.get(item.key, item.file),
          retry: (key) => this.#uploadIntent('retry', key),
          cancel: (key) => {
            this.#uploadIntent('cancel', key);
            this.focus();
          },
        })}
        ${suggestions ? renderSuggestionList(suggestions, listId, t, (option) => this.#suggestions.choose(option)) : nothing}
        <div class="input-row">
          <textarea
            part="textarea"
            role="combobox"
            aria-label=${t('composer.label')}
            aria-autocomplete="list"
            aria-haspopup="listbox"
            aria-expanded=${suggestions ? 'true' : 'false'}
            aria-controls=${listId}
            aria-activedescendant=${ifDefined(suggestions ? suggestions.options[suggestions.active]?.id : undefined)}
            aria-describedby=${`${this.#ids}-hint`}
            rows="1"
            maxlength=${MAX_BODY_LENGTH}
            placeholder=${placeholder}
            ?disabled=${!ready}
            .value=${live(draft.body)}
            @input=${this.#onInput}
            @keydown=${this.#onKeyDown}
            @paste=${this.#onPaste}
            @select=${this.#rememberSelection}
            @keyup=${this.#rememberSelection}
            @pointerup=${this.#rememberSelection}
            @blur=${this.#onBlur}
          ></textarea>
        </div>
        <div class="toolbar" part="toolbar" role="toolbar" aria-label=${t('composer.tools')}>
          <slot name="toolbar-start"></slot>
          <button
            class="icon-button"
            part="attach-button"
            type="button"
            aria-label=${t('composer.attach')}
            title=${t('composer.attach')}
            ?disabled=${!ready || editing}
            @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click()}
          >
            ${attachIcon}
          </button>
          <input type="file" multiple hidden tabindex="-1" @change=${this.#onFilesPicked} />
          <button
            class="icon-button"
            part="emoji-button"
            type="button"
            aria-label=${t('composer.emoji')}
            title=${t('composer.emoji')}
            aria-haspopup="dialog"
            aria-expanded=${this.#emoji.open ? 'true' : 'false'}
            aria-controls=${ifDefined(this.#emoji.open ? `${this.#ids}-emoji` : undefined)}
            ?disabled=${!ready}
            @click=${() => void this.#emoji.toggle()}
          >
            ${emojiIcon}
          </button>
          <span class="spacer"></span>
          <span class="hint" part="hint" id=${`${this.#ids}-hint`} ?hidden=${this.noHint}>
            ${this.sendArmed ? t('composer.uploading-hint') : t(editing ? 'composer.hint-edit' : 'composer.hint')}
          </span>
          <slot name="toolbar-end"></slot>
          ${this.#renderSendButton(canSend, busy, editing)}
        </div>
        ${
          this.#emoji.open
            ? this.#emoji.render(`${this.#ids}-emoji`, {
                picker: t('composer.emoji-picker'),
                loading: t('common.loading'),
                locale: this.locale,
              })
            : nothing
        }
        ${this.#drop.dragging ? html`<div class="drop-hint" part="drop-hint" aria-hidden="true">${t('composer.drop')}</div>` : nothing}
      </div>
      <div class="notice" part="notice" role="alert">${this.notice}</div>
    `;
  }

  #uploadIntent(intent: 'retry' | 'cancel', uploadKey: string): void {
    const key = this.#draftKey();
    const store = this.#link.store;
    if (!key || !store) return;
    if (intent === 'retry') store.retryUpload(key, uploadKey);
    else store.cancelUpload(key, uploadKey);
  }

  #renderSendButton(canSend: boolean, busy: boolean, editing: boolean): TemplateResult {
    const t = this.translator;
    const label = editing
      ? t('composer.save')
      : this.sendArmed && busy
        ? t('composer.uploading')
        : t('composer.send');
    return html`<button
      class="send"
      part="send-button"
      type="button"
      aria-busy=${this.sendArmed && busy ? 'true' : 'false'}
      ?disabled=${!canSend}
      @click=${() => {
        this.#submit(true);
        this.focus();
      }}
    >
      ${editing ? nothing : sendIcon}<span>${label}</span>
    </button>`;
  }

  /** What the next send will be (edit, thread reply, quote), as banners over the text area. */
  #modeBanners(draft: ComposerDraft): ModeBanner[] {
    const t = this.translator;
    if (draft.editingMessageId) {
      return [
        {
          mode: 'edit',
          title: t('composer.edit'),
          closeLabel: t('composer.edit.cancel'),
          onClose: () => {
            this.cancelEdit();
            this.focus();
          },
        },
      ];
    }
    const banners: ModeBanner[] = [];
    const replyToId = this.threadRootId ? null : (draft.replyToId ?? null);
    if (replyToId) {
      const root = this.#findMessage(replyToId);
      banners.push({
        mode: 'thread',
        title: t('composer.thread'),
        ...(root ? { excerpt: this.#excerpt(root) } : {}),
        closeLabel: t('common.close'),
        onClose: () => this.#updateDraft({ replyToId: null }),
      });
    }
    if (draft.quotedMessageId) {
      const quoted = this.#findMessage(draft.quotedMessageId);
      banners.push({
        mode: 'quote',
        title: t('composer.quote', { name: quoted ? this.#senderName(quoted) : '…' }),
        ...(quoted ? { excerpt: this.#excerpt(quoted) } : {}),
        closeLabel: t('composer.quote.close'),
        onClose: () => {
          this.#updateDraft({ quotedMessageId: null });
          this.focus();
        },
      });
    }
    return banners;
  }

  #excerpt(message: Message): string {
    return excerptOf(
      message.body,
      message.attachments.length,
      this.translator('composer.quote.attachment'),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-composer': PoolseComposer;
  }
}
