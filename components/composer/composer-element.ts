import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LocaleStrings } from '../shared/localize/keys.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { consume } from '@lit/context';
import { clientContext, storeContext } from '../../src/context/contexts.js';
import type { Message, Uuid } from '../../src/sdk/types.js';
import type { ChatStore, ComposerDraft, SendDraft } from '../../src/state/types.js';
import { composerStyles } from './composer.styles.js';
import type { UploadErrorDetail } from './composer-events.js';
import { renderAttachmentChips } from './attachment-chips.js';
import { FileDropController } from './file-drop-controller.js';
import { attachIcon, emojiIcon, sendIcon } from './icons.js';
import { excerptOf, renderModeBanners, type ModeBanner } from './mode-banner.js';
import {
  moveActive,
  renderSuggestionList,
  type MentionOption,
  type SuggestionOption,
  type Suggestions,
} from './suggestion-list.js';
import { activeToken, nameMatches, replaceRange, type ActiveToken } from './text-tokens.js';
import { ThumbnailUrls } from './thumbnail-urls.js';
import { TypingThrottle } from './typing-throttle.js';
import { MAX_ATTACHMENTS, MAX_BODY_LENGTH } from '../../src/sdk/limits.js';
import { UploadQueue, type UploadFile, type UploadItem, type Uploader } from './upload-queue.js';
import { ComposerStoreLink, type ComposerSlice } from './composer-store-link.js';
import { uploaderFrom } from './uploader.js';
import { measureImage } from './measure-image.js';
import { loadEmojiPicker, loadShortcodes } from '../shared/lazy.js';
import './composer.strings.js';

/** The composer's draft as kept in the store: the store's draft plus the mentioned user ids. */
export type ComposerDraftState = ComposerDraft & { mentions?: readonly Uuid[] };

const MAX_SUGGESTIONS = 8;
const EMPTY_DRAFT: ComposerDraftState = { body: '' };

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
   * Uploads one file. Defaults to the provider's SDK client
   * (`client.attachments.upload`); set it to upload somewhere else.
   */
  @property({ attribute: false }) uploader: Uploader | null = null;

  /** A chat store to use instead of the provider's (from context). */
  @property({ attribute: false }) store: ChatStore | null = null;

  /** An SDK client to upload with instead of the provider's (from context). */
  @property({ attribute: false }) client: unknown = null;

  /** Overrides of single strings (keys of the strings table, e.g. `composer.placeholder`). */
  @property({ attribute: false }) strings: LocaleStrings | null = null;

  @consume({ context: storeContext, subscribe: true })
  @state()
  private contextStore?: ChatStore;

  @consume({ context: clientContext, subscribe: true })
  @state()
  private contextClient?: unknown;

  @state() private suggestions: Suggestions | null = null;
  @state() private emojiOpen = false;
  @state() private notice = '';
  @state() private sendArmed = false;
  @state() private localDrafts: Readonly<Record<string, ComposerDraftState>> = {};

  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  readonly #ids = `poolse-composer-${++instanceCount}`;
  readonly #link = new ComposerStoreLink(
    this,
    () => ({ conversationId: this.conversationId, threadRootId: this.threadRootId }),
    () => this.store ?? this.contextStore ?? null,
  );
  readonly #localize = new LocalizeController(this, { strings: () => this.strings });
  readonly #drop = new FileDropController(this, {
    enabled: () => !this.disabled && !!this.#draftKey(),
    onDrop: (files) => this.addFiles(files),
  });
  readonly #queues = new Map<string, UploadQueue>();
  readonly #thumbnails = new ThumbnailUrls();
  readonly #typing = new TypingThrottle(() => {
    const id = this.#conversationId();
    if (id) this.#link.store?.sendTyping(id);
  });
  /** Text in the box before an edit began, restored when the edit ends. */
  readonly #beforeEdit = new Map<string, ComposerDraftState>();
  #selection = { start: 0, end: 0 };
  #suggestRequest = 0;
  #blurTimer: ReturnType<typeof setTimeout> | undefined;


  // ---------------------------------------------------------------------
  // Public API
  // ---------------------------------------------------------------------

  /** Adds files as attachments (what a drop anywhere on a conversation forwards here). */
  addFiles(files: Iterable<UploadFile> | ArrayLike<UploadFile>): void {
    const list = Array.from(files as ArrayLike<UploadFile>);
    if (list.length === 0) return;
    const queue = this.#queue();
    if (!queue) return;
    const { overLimit } = queue.add(list);
    if (overLimit.length > 0) {
      const message = this.#localize.t('composer.attachment.too-many', { max: MAX_ATTACHMENTS });
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
    this.#updateDraft({ quotedMessageId: messageId, editingMessageId: null });
    this.focus();
  }

  /** Makes the next send a reply in the thread of `messageId`. */
  replyInThread(messageId: Uuid): void {
    this.#updateDraft({ replyToId: messageId, editingMessageId: null });
    this.focus();
  }

  /** Starts editing one of the user's own messages. */
  edit(messageId: Uuid): void {
    const message = this.#findMessage(messageId);
    const key = this.#draftKey();
    if (!message || !key) return;
    const draft = this.#draft();
    if (!draft.editingMessageId) this.#beforeEdit.set(key, draft);
    this.#writeDraft({ body: message.body ?? '', editingMessageId: messageId });
    this.suggestions = null;
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
    const previous = this.#beforeEdit.get(key) ?? EMPTY_DRAFT;
    this.#beforeEdit.delete(key);
    this.#writeDraft({ ...previous, editingMessageId: null });
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
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown, true);
    clearTimeout(this.#blurTimer);
    for (const queue of this.#queues.values()) queue.dispose();
    this.#queues.clear();
    this.#thumbnails.revokeAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') || changed.has('threadRootId')) {
      this.suggestions = null;
      this.sendArmed = false;
    }
    // Read the store for the (maybe new) conversation before anything below looks at it.
    this.#link.refresh();
    // Names may resolve (or members load) while the list is open.
    const suggestions = this.suggestions;
    if (suggestions?.token.trigger === '@') {
      const options = this.#mentionOptions(suggestions.token.query);
      this.suggestions =
        options.length === 0
          ? null
          : { ...suggestions, options, active: Math.min(suggestions.active, options.length - 1) };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('conversationId') || changed.has('threadRootId')) this.#autosize();
    this.#thumbnails.retain(
      [...this.#queues.values()].flatMap((queue) => queue.items.map((item) => item.key)),
    );
  }

  // ---------------------------------------------------------------------
  // Draft (in the store when there is one)
  // ---------------------------------------------------------------------

  #slice(): ComposerSlice {
    return this.#link.slice;
  }

  #conversationId(): Uuid | null {
    return this.#slice().conversationId;
  }

  /** Thread composers keep their draft under the root id, so they never clash with the main one. */
  #draftKey(): string | null {
    return this.threadRootId ?? this.#conversationId();
  }

  #draft(): ComposerDraftState {
    const key = this.#draftKey();
    if (!key) return EMPTY_DRAFT;
    if (this.#link.store)
      return (this.#slice().draft as ComposerDraftState | undefined) ?? EMPTY_DRAFT;
    return this.localDrafts[key] ?? EMPTY_DRAFT;
  }

  #writeDraft(next: ComposerDraftState): void {
    const key = this.#draftKey();
    if (!key) return;
    const empty =
      next.body === '' &&
      !next.quotedMessageId &&
      !next.replyToId &&
      !next.editingMessageId &&
      !(next.attachmentIds && next.attachmentIds.length > 0);
    const store = this.#link.store;
    if (store) store.setDraft(key, empty ? null : next);
    else this.localDrafts = { ...this.localDrafts, [key]: next };
    this.requestUpdate();
  }

  #updateDraft(patch: Partial<ComposerDraftState>): void {
    this.#writeDraft({ ...this.#draft(), ...patch });
  }

  // ---------------------------------------------------------------------
  // Uploads
  // ---------------------------------------------------------------------

  #queue(create = true): UploadQueue | null {
    const key = this.#draftKey();
    if (!key) return null;
    let queue = this.#queues.get(key);
    if (!queue && create) {
      queue = new UploadQueue({
        upload: (input, options) => {
          const upload = this.uploader ?? uploaderFrom(this.client ?? this.contextClient);
          if (!upload)
            return Promise.reject(
              new Error('No uploader: give the composer a client or an uploader.'),
            );
          return upload(input, options);
        },
        measureImage,
        onChange: (items) => this.#onUploadsChanged(key, items),
        onProgress: (item) => this.#emitUploadProgress(item),
        onError: (item) => {
          if (item.error) this.#emitUploadError({ key: item.key, name: item.name, ...item.error });
        },
      });
      this.#queues.set(key, queue);
    }
    return queue ?? null;
  }

  #onUploadsChanged(key: string, items: readonly UploadItem[]): void {
    // The store's draft mirrors the finished uploads, so a store reader sees them.
    const ids = items.flatMap((item) =>
      item.status === 'done' && item.attachment ? [item.attachment.id] : [],
    );
    if (key === this.#draftKey()) {
      const draft = this.#draft();
      const previous = draft.attachmentIds ?? [];
      if (previous.length !== ids.length || previous.some((id, i) => id !== ids[i])) {
        this.#writeDraft({ ...draft, attachmentIds: ids });
      }
      if (this.sendArmed) {
        const queue = this.#queues.get(key);
        if (queue && !queue.busy) {
          this.sendArmed = false;
          if (!queue.hasFailures) this.#send();
        }
      }
    }
    this.requestUpdate();
  }

  #emitUploadProgress(item: UploadItem): void {
    this.emit('poolse-upload-progress', {
      conversationId: this.#conversationId(),
      key: item.key,
      name: item.name,
      loaded: item.loaded,
      total: item.total,
    });
  }

  #emitUploadError(detail: Omit<UploadErrorDetail, 'conversationId'>): void {
    this.emit('poolse-upload-error', { conversationId: this.#conversationId(), ...detail });
  }

  // ---------------------------------------------------------------------
  // Sending
  // ---------------------------------------------------------------------

  /** The chips of the conversation (or thread) on screen. */
  private get uploads(): readonly UploadItem[] {
    return this.#queue(false)?.items ?? [];
  }

  #hasContent(): boolean {
    return this.#draft().body.trim() !== '' || this.uploads.length > 0;
  }

  /** Enter and the send button. `toggle`: a second press of the button disarms a waiting send. */
  #submit(toggle = false): void {
    if (this.disabled) return;
    const draft = this.#draft();
    if (draft.editingMessageId) {
      void this.#saveEdit(draft.editingMessageId, draft.body);
      return;
    }
    const queue = this.#queue(false);
    if (queue?.busy) {
      // See the class comment: the send waits for the uploads.
      this.sendArmed = toggle ? !this.sendArmed : true;
      return;
    }
    if (queue?.hasFailures) {
      this.notice = this.#localize.t('composer.attachment.failed');
      return;
    }
    this.#send();
  }

  #send(): void {
    const conversationId = this.#conversationId();
    const store = this.#link.store;
    if (!conversationId || !store) return;
    const draft = this.#draft();
    const body = draft.body.trim();
    const attachmentIds = this.#queue(false)?.attachmentIds ?? [];
    if (body === '' && attachmentIds.length === 0) return;
    const imageSizes = this.#queue(false)?.imageSizes ?? {};

    const replyToId = this.threadRootId ?? draft.replyToId ?? null;
    const sendDraft: SendDraft = {
      body: body === '' ? null : body,
      attachmentIds,
      quotedMessageId: draft.quotedMessageId ?? null,
      replyToId,
      mentions: this.#mentionsIn(body, draft.mentions ?? []),
      ...(Object.keys(imageSizes).length > 0
        ? { customData: { attachment_dimensions: imageSizes } }
        : {}),
    };
    const event = this.emit('poolse-message-send', { conversationId, draft: sendDraft }, { cancelable: true });
    if (event.defaultPrevented) return;

    store.send(conversationId, event.detail.draft);
    this.#queue(false)?.clear();
    this.#typing.reset();
    this.notice = '';
    this.suggestions = null;
    // A thread composer keeps its thread; the main composer leaves reply/quote mode.
    this.#writeDraft({ body: '' });
    void this.updateComplete.then(() => this.#autosize());
  }

  /** Keeps only the chosen mentions whose `@Name` is still in the text. */
  #mentionsIn(body: string, chosen: readonly Uuid[]): Uuid[] {
    const result: Uuid[] = [];
    for (const userId of chosen) {
      const name = this.#nameOfUser(userId);
      if (name && !body.includes(`@${name}`)) continue;
      if (!result.includes(userId)) result.push(userId);
    }
    return result;
  }

  async #saveEdit(messageId: Uuid, text: string): Promise<void> {
    const store = this.#link.store;
    const body = text.trim();
    if (!store || body === '') return;
    const original = this.#findMessage(messageId);
    const key = this.#draftKey();
    if (key) {
      const previous = this.#beforeEdit.get(key) ?? EMPTY_DRAFT;
      this.#beforeEdit.delete(key);
      this.#writeDraft({ ...previous, editingMessageId: null });
    }
    void this.updateComplete.then(() => this.#autosize());
    if (original && original.body === body) return;
    try {
      await store.edit(messageId, body);
    } catch (error) {
      // The store rolled the message back; say so where the user is looking.
      this.notice =
        error instanceof Error && error.message ? error.message : this.#localize.t('common.error');
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

  /** The user's newest message that can still be edited, in this composer's feed. */
  #lastOwnMessage(): Message | null {
    const { timeline, thread, me } = this.#slice();
    if (!me) return null;
    const feed = this.threadRootId ? thread : timeline;
    if (!feed) return null;
    const ids = 'replyIds' in feed ? feed.replyIds : feed.messageIds;
    for (let i = ids.length - 1; i >= 0; i -= 1) {
      const message = feed.byId[ids[i]];
      if (message && message.sender_id === me.id && !message.deleted_at && message.type === 'text')
        return message;
    }
    return null;
  }

  #nameOfUser(userId: Uuid): string | null {
    const member = this.#slice().members?.[userId];
    if (!member) return null;
    return this.#nameOfExternal(member.external_id);
  }

  #nameOfExternal(externalId: string): string {
    const store = this.#link.store;
    // `resolveUser` answers at once (a fallback until the app's resolver answers, then the store updates).
    return store ? store.resolveUser(externalId).displayName : externalId;
  }

  #senderName(message: Pick<Message, 'sender_external_id' | 'sender_id'>): string {
    if (message.sender_external_id) return this.#nameOfExternal(message.sender_external_id);
    return this.#localize.t('common.unknown-user');
  }

  // ---------------------------------------------------------------------
  // Suggestions (mentions and :shortcodes)
  // ---------------------------------------------------------------------

  #refreshSuggestions(): void {
    const textarea = this.textarea;
    if (!textarea) return;
    const token = activeToken(textarea.value, textarea.selectionStart ?? textarea.value.length);
    const request = ++this.#suggestRequest;
    if (!token) {
      this.suggestions = null;
      return;
    }
    if (token.trigger === '@') {
      this.#showOptions(token, this.#mentionOptions(token.query));
      return;
    }
    void loadShortcodes()
      .then(({ searchShortcodes }) => searchShortcodes(token.query, MAX_SUGGESTIONS))
      .then((matches) => {
        if (request !== this.#suggestRequest) return;
        this.#showOptions(
          token,
          matches.map((match, i) => ({
            kind: 'emoji' as const,
            id: `${this.#ids}-option-${i}`,
            emoji: match.emoji,
            label: `:${match.shortcode}:`,
          })),
        );
      })
      .catch(() => {
        if (request === this.#suggestRequest) this.suggestions = null;
      });
  }

  #showOptions(token: ActiveToken, options: SuggestionOption[]): void {
    if (options.length === 0) {
      this.suggestions = null;
      return;
    }
    const keep =
      this.suggestions && this.suggestions.token.start === token.start
        ? this.suggestions.active
        : 0;
    this.suggestions = { token, options, active: Math.min(keep, options.length - 1) };
  }

  #mentionOptions(query: string): MentionOption[] {
    const { members, me } = this.#slice();
    if (!members) return [];
    const options: MentionOption[] = [];
    for (const member of Object.values(members)) {
      if (member.user_id === me?.id) continue;
      const label = this.#nameOfExternal(member.external_id);
      if (!nameMatches(label, query) && !nameMatches(member.external_id, query)) continue;
      options.push({
        kind: 'mention',
        id: '',
        userId: member.user_id,
        label,
        secondary: label === member.external_id ? '' : member.external_id,
      });
    }
    options.sort((a, b) => a.label.localeCompare(b.label));
    return options
      .slice(0, MAX_SUGGESTIONS)
      .map((option, i) => ({ ...option, id: `${this.#ids}-option-${i}` }));
  }

  #choose(option: SuggestionOption): void {
    const suggestions = this.suggestions;
    if (!suggestions) return;
    const draft = this.#draft();
    const { token } = suggestions;
    if (option.kind === 'mention') {
      const { text, caret } = replaceRange(draft.body, token.start, token.end, `@${option.label} `);
      const mentions = draft.mentions ?? [];
      this.#writeDraft({
        ...draft,
        body: text,
        mentions: mentions.includes(option.userId) ? mentions : [...mentions, option.userId],
      });
      this.#placeCaret(caret);
    } else {
      const { text, caret } = replaceRange(draft.body, token.start, token.end, option.emoji);
      this.#writeDraft({ ...draft, body: text });
      this.#placeCaret(caret);
    }
    this.suggestions = null;
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

  // ---------------------------------------------------------------------
  // Emoji picker
  // ---------------------------------------------------------------------

  async #toggleEmoji(): Promise<void> {
    if (this.emojiOpen) {
      this.#closeEmoji(true);
      return;
    }
    await loadEmojiPicker();
    this.emojiOpen = true;
    document.addEventListener('pointerdown', this.#onDocumentPointerDown, true);
    await this.updateComplete;
    await this.renderRoot.querySelector('poolse-emoji-picker')?.focus();
  }

  #closeEmoji(returnFocus: boolean): void {
    this.emojiOpen = false;
    document.removeEventListener('pointerdown', this.#onDocumentPointerDown, true);
    if (returnFocus)
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="emoji-button"]')?.focus();
  }

  #onDocumentPointerDown = (event: PointerEvent): void => {
    const path = event.composedPath();
    const popover = this.renderRoot.querySelector('.emoji-popover');
    const button = this.renderRoot.querySelector('[part~="emoji-button"]');
    if ((popover && path.includes(popover)) || (button && path.includes(button))) return;
    this.#closeEmoji(false);
  };

  #insertEmoji(emoji: string): void {
    const draft = this.#draft();
    const start = Math.min(this.#selection.start, draft.body.length);
    const end = Math.min(Math.max(this.#selection.end, start), draft.body.length);
    const { text, caret } = replaceRange(draft.body, start, end, emoji);
    this.#writeDraft({ ...draft, body: text });
    this.#closeEmoji(false);
    this.#placeCaret(caret);
  }

  #pickerTheme(): 'light' | 'dark' {
    return getComputedStyle(this).colorScheme.includes('dark') ? 'dark' : 'light';
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
    if (textarea.value.trim() !== '' && !this.#draft().editingMessageId) this.#typing.ping();
    this.#refreshSuggestions();
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    // An input method is composing (Japanese, Chinese, Korean…): its Enter confirms a word, never sends.
    if (event.isComposing || event.keyCode === 229) return;

    const suggestions = this.suggestions;
    if (suggestions) {
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          this.suggestions = moveActive(suggestions, 1);
          return;
        case 'ArrowUp':
          event.preventDefault();
          this.suggestions = moveActive(suggestions, -1);
          return;
        case 'Enter':
        case 'Tab': {
          if (event.shiftKey && event.key === 'Tab') break;
          event.preventDefault();
          const option = suggestions.options[suggestions.active];
          if (option) this.#choose(option);
          return;
        }
        case 'Escape':
          event.preventDefault();
          event.stopPropagation();
          this.suggestions = null;
          return;
        default:
          break;
      }
    }

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
      const last = this.#lastOwnMessage();
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

  // ---------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.#localize.t;
    const draft = this.#draft();
    const ready = !!this.#draftKey() && !this.disabled;
    const editing = !!draft.editingMessageId;
    const suggestions = this.suggestions;
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
          retry: (key) => this.#queue(false)?.retry(key),
          cancel: (key) => {
            this.#queue(false)?.cancel(key);
            this.focus();
          },
        })}
        ${suggestions ? renderSuggestionList(suggestions, listId, t, (option) => this.#choose(option)) : nothing}
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
            aria-expanded=${this.emojiOpen ? 'true' : 'false'}
            aria-controls=${ifDefined(this.emojiOpen ? `${this.#ids}-emoji` : undefined)}
            ?disabled=${!ready}
            @click=${() => void this.#toggleEmoji()}
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
        ${this.emojiOpen ? this.#renderEmojiPopover() : nothing}
        ${this.#drop.dragging ? html`<div class="drop-hint" part="drop-hint" aria-hidden="true">${t('composer.drop')}</div>` : nothing}
      </div>
      <div class="notice" part="notice" role="alert">${this.notice}</div>
    `;
  }

  #onBlur = (): void => {
    this.#rememberSelection();
    // Let a click on an option land before the list goes away.
    clearTimeout(this.#blurTimer);
    this.#blurTimer = setTimeout(() => {
      if (!this.matches(':focus-within')) this.suggestions = null;
    }, 150);
  };

  #renderSendButton(canSend: boolean, busy: boolean, editing: boolean): TemplateResult {
    const t = this.#localize.t;
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
  #modeBanners(draft: ComposerDraftState): ModeBanner[] {
    const t = this.#localize.t;
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
      this.#localize.t('composer.quote.attachment'),
    );
  }

  #renderEmojiPopover(): TemplateResult {
    const t = this.#localize.t;
    return html`<div
      class="emoji-popover"
      part="emoji-popover"
      id=${`${this.#ids}-emoji`}
      role="dialog"
      aria-label=${t('composer.emoji-picker')}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          this.#closeEmoji(true);
        }
      }}
      @poolse-emoji-select=${(event: CustomEvent<{ emoji: string }>) => {
        event.stopPropagation();
        this.#insertEmoji(event.detail.emoji);
      }}
    >
      <poolse-emoji-picker
        .label=${t('composer.emoji-picker')}
        .loadingLabel=${t('common.loading')}
        .theme=${this.#pickerTheme()}
      ></poolse-emoji-picker>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-composer': PoolseComposer;
  }
}
