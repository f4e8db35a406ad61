/**
 * What the user's keys, clicks and pastes in the composer mean, forwarded
 * to the store: typing (input, pings, suggestions), Enter and the send
 * button (send, save an edit, or arm a send that waits for uploads), Up
 * arrow (edit the last message), Escape (leave an edit or a quote), pastes
 * and picked files (uploads), and an emoji chosen in the picker.
 */
import type { ComposerTarget } from '../../src/state/types.js';
import type { UploadFile } from '../../src/state/upload-queue.js';
import type { Translator } from '../shared/localize/keys.js';
import type { ComposerEmoji } from './composer-emoji.js';
import type { MessageSendDetail } from './composer-events.js';
import type { ComposerStoreLink } from './composer-store-link.js';
import type { ComposerSuggestions } from './composer-suggestions.js';
import { pastedImages, type ComposerTextArea } from './composer-textarea.js';
import type { ComposerUploads } from './composer-uploads.js';
import { replaceRange } from './text-tokens.js';

export interface IntentHost extends HTMLElement {
  readonly disabled: boolean;
  readonly threadRootId: string | null;
  edit(messageId: string): void;
  cancelEdit(): void;
  addFiles(files: Iterable<UploadFile> | ArrayLike<UploadFile>): void;
}

export interface IntentParts {
  link: ComposerStoreLink;
  text: ComposerTextArea;
  suggestions: ComposerSuggestions;
  uploads: ComposerUploads;
  emoji: ComposerEmoji;
  t(): Translator;
  /** Shows (or with '' clears) the line under the box. */
  notice(message: string): void;
  /** Fires the cancelable `poolse-message-send`. */
  emitSend(detail: MessageSendDetail): CustomEvent<MessageSendDetail>;
}

export class ComposerIntents {
  #blurTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: IntentHost,
    private readonly p: IntentParts,
  ) {}

  target(): ComposerTarget | null {
    const conversationId = this.p.link.slice.conversationId;
    return conversationId ? { conversationId, threadRootId: this.host.threadRootId } : null;
  }

  /** Enter and the send button. `toggle`: a second press of the button disarms a waiting send. */
  submit(toggle = false): void {
    const key = this.p.link.slice.draftKey;
    const store = this.p.link.store;
    if (this.host.disabled || !key || !store) return;
    if (this.p.link.draft.editingMessageId) {
      void this.#saveEdit(key);
      return;
    }
    const uploads = store.uploadSummary(key);
    if (uploads.busy) {
      // The send waits for the uploads (see the element's comment).
      this.p.uploads.arm(toggle);
      return;
    }
    if (uploads.hasFailures) {
      this.p.notice(this.p.t()('composer.attachment.failed'));
      return;
    }
    this.send();
  }

  /** Sends the draft, after the cancelable `poolse-message-send` event. */
  send(): void {
    const target = this.target();
    const store = this.p.link.store;
    if (!target || !store) return;
    const draft = store.prepareSend(target);
    if (!draft) return;
    const event = this.p.emitSend({ conversationId: target.conversationId, draft });
    if (event.defaultPrevented) return;
    store.sendPrepared(target, event.detail.draft);
    this.p.notice('');
    this.p.suggestions.close();
    this.p.text.autosizeAfterRender();
  }

  input = (event: InputEvent): void => {
    const textarea = event.target as HTMLTextAreaElement;
    const { link, text } = this.p;
    link.updateDraft({ body: textarea.value });
    text.remember();
    text.autosize();
    const conversationId = link.slice.conversationId;
    // The store throttles the pings (and lets one through at once after a send).
    if (conversationId && textarea.value.trim() !== '' && !link.draft.editingMessageId)
      link.store?.sendTyping(conversationId);
    this.p.suggestions.refresh(textarea.value, textarea.selectionStart ?? textarea.value.length);
  };

  keydown = (event: KeyboardEvent): void => {
    // An input method is composing (Japanese, Chinese, Korean…): its Enter confirms a word, never sends.
    if (event.isComposing || event.keyCode === 229) return;
    if (this.p.suggestions.handleKey(event)) return;
    const draft = this.p.link.draft;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.submit();
      return;
    }
    const noFiles = (this.p.link.slice.uploads ?? []).length === 0;
    if (event.key === 'ArrowUp' && draft.body === '' && !draft.editingMessageId && noFiles) {
      const target = this.target();
      const last = target ? this.p.link.store?.lastEditableMessage(target) : null;
      if (last) {
        event.preventDefault();
        this.host.edit(last.id);
      }
      return;
    }
    if (event.key !== 'Escape' || (!draft.editingMessageId && !draft.quotedMessageId)) return;
    event.preventDefault();
    event.stopPropagation();
    if (draft.editingMessageId) this.host.cancelEdit();
    else this.p.link.updateDraft({ quotedMessageId: null });
  };

  paste = (event: ClipboardEvent): void => {
    const images = pastedImages(event);
    if (images) this.host.addFiles(images);
  };

  filesPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.files) this.host.addFiles(input.files);
    input.value = '';
    this.host.focus();
  };

  select = (): void => this.p.text.remember();

  blur = (): void => {
    this.p.text.remember();
    // Let a click on an option land before the list goes away.
    clearTimeout(this.#blurTimer);
    this.#blurTimer = setTimeout(() => {
      if (!this.host.matches(':focus-within')) this.p.suggestions.close();
    }, 150);
  };

  /** Puts the emoji where the selection was when the picker opened. */
  insertEmoji(emoji: string): void {
    const { link, text } = this.p;
    const body = link.draft.body;
    const { start, end } = text.range(body);
    const replaced = replaceRange(body, start, end, emoji);
    link.updateDraft({ body: replaced.text });
    this.p.emoji.close(false);
    text.placeCaret(replaced.caret);
  }

  disconnect(): void {
    clearTimeout(this.#blurTimer);
  }

  async #saveEdit(key: string): Promise<void> {
    const saved = this.p.link.store?.saveEdit(key);
    this.p.text.autosizeAfterRender();
    try {
      await saved;
    } catch (error) {
      // The store rolled the message back; say so where the user is looking.
      this.p.notice(
        error instanceof Error && error.message ? error.message : this.p.t()('common.error'),
      );
    }
  }
}
