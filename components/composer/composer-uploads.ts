/**
 * The composer's side of its draft's uploads, which the store runs: it
 * hands files to the store (with the element's `uploader` or `client` if
 * set), turns the store's upload changes into `poolse-upload-progress` and
 * `poolse-upload-error` events, and holds an armed send until the last
 * upload finishes.
 */
import type { ChatStore } from '../../src/state/types.js';
import { MAX_ATTACHMENTS } from '../../src/sdk/limits.js';
import type { UploadFile, UploadItem, Uploader } from '../../src/state/upload-queue.js';
import { uploadChanges } from '../../src/state/uploads.js';
import type { Translator } from '../shared/localize/keys.js';
import type { UploadErrorDetail, UploadProgressDetail } from './composer-events.js';
import { measureImage } from './measure-image.js';

export interface UploadsHost extends HTMLElement {
  requestUpdate(): void;
}

export interface UploadsContext {
  store(): ChatStore | null;
  draftKey(): string | null;
  conversationId(): string | null;
  uploader(): Uploader | null;
  client(): unknown;
  t(): Translator;
  /** Shows (or with '' clears) the line under the box. */
  notice(message: string): void;
  /** Sends the draft now (the armed send's uploads are done). */
  send(): void;
  emitProgress(detail: UploadProgressDetail): void;
  emitError(detail: UploadErrorDetail): void;
}

export class ComposerUploads {
  #armed = false;

  constructor(
    private readonly host: UploadsHost,
    private readonly c: UploadsContext,
  ) {}

  /** Whether a send waits for uploads. */
  get armed(): boolean {
    return this.#armed;
  }

  disarm(): void {
    this.#set(false);
  }

  /** A send while files upload: arm it (or, `toggle`, a second press disarms it). */
  arm(toggle: boolean): void {
    this.#set(toggle ? !this.#armed : true);
  }

  add(files: readonly UploadFile[]): void {
    const key = this.c.draftKey();
    const store = this.c.store();
    if (files.length === 0 || !key || !store) return;
    const { overLimit } = store.addUploads(key, files, {
      uploader: this.c.uploader(),
      client: this.c.client(),
      measureImage,
    });
    if (overLimit.length === 0) {
      this.c.notice('');
      return;
    }
    const message = this.c.t()('composer.attachment.too-many', { max: MAX_ATTACHMENTS });
    this.c.notice(message);
    for (const file of overLimit)
      this.#emitError({ key: '', name: file.name, code: 'too_many_files', message });
  }

  retry(uploadKey: string): void {
    const key = this.c.draftKey();
    if (key) this.c.store()?.retryUpload(key, uploadKey);
  }

  cancel(uploadKey: string): void {
    const key = this.c.draftKey();
    if (key) this.c.store()?.cancelUpload(key, uploadKey);
  }

  /** The store changed this draft's uploads (called synchronously, once per change). */
  changed(previous: readonly UploadItem[], next: readonly UploadItem[]): void {
    const { progressed, failed } = uploadChanges(previous, next);
    for (const item of progressed) this.#emitProgress(item);
    for (const item of failed)
      if (item.error) this.#emitError({ key: item.key, name: item.name, ...item.error });
    const key = this.c.draftKey();
    const store = this.c.store();
    if (!this.#armed || !key || !store) return;
    const summary = store.uploadSummary(key);
    if (summary.busy) return;
    this.#set(false);
    if (!summary.hasFailures) this.c.send();
  }

  #set(armed: boolean): void {
    if (armed === this.#armed) return;
    this.#armed = armed;
    this.host.requestUpdate();
  }

  #emitProgress(item: UploadItem): void {
    this.c.emitProgress({
      conversationId: this.c.conversationId(),
      key: item.key,
      name: item.name,
      loaded: item.loaded,
      total: item.total,
    });
  }

  #emitError(detail: Omit<UploadErrorDetail, 'conversationId'>): void {
    this.c.emitError({ conversationId: this.c.conversationId(), ...detail });
  }
}
