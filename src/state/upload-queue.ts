/**
 * The attachments of one message being written: each file's upload, its
 * progress, cancel and retry.
 *
 * It holds no DOM and no element code: it only needs an `Uploader` (the
 * SDK's `client.attachments.upload`, or anything with the same shape). The
 * store keeps one queue per draft (`uploads.ts`).
 *
 * Every change replaces the item objects (never mutates them) and reports the
 * new list through `onChange`, so a renderer can compare by reference.
 */
import { MAX_ATTACHMENTS } from '../sdk/limits.js';
import type { Attachment, Uuid } from '../sdk/types.js';

/** The file facts an upload needs: a `File` has them all. */
export interface UploadFile extends Blob {
  readonly name: string;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** What the SDK's `attachments.upload` takes as its first argument. */
export interface UploadInput {
  body: Blob;
  contentType: string;
  byteSize: number;
  filename?: string;
}

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (event: UploadProgress) => void;
}

/** Same shape as `client.attachments.upload(input, { onProgress, signal })`. */
export type Uploader = (input: UploadInput, options: UploadOptions) => Promise<Attachment>;

export type UploadStatus = 'uploading' | 'done' | 'failed';

/** Why an upload failed, as the server (or the queue itself) put it. */
export interface UploadError {
  code: string;
  message: string;
}

export interface UploadItem {
  /** Local key, stable for the life of the item (retry keeps it). */
  readonly key: string;
  readonly file: UploadFile;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly status: UploadStatus;
  readonly loaded: number;
  readonly total: number;
  readonly attachment: Attachment | null;
  readonly error: UploadError | null;
}

/** Pixel size of an image. */
export interface ImageSize {
  width: number;
  height: number;
}

export interface UploadQueueOptions {
  upload: Uploader;
  /**
   * Measures an image file (null when it is not one or cannot be decoded),
   * so the message can record its size and readers reserve its box.
   */
  measureImage?: (file: UploadFile) => Promise<ImageSize | null>;
  onChange: (items: readonly UploadItem[]) => void;
  onProgress?: (item: UploadItem) => void;
  onError?: (item: UploadItem) => void;
  maxFiles?: number;
}

export interface AddResult {
  added: UploadItem[];
  /** Files left out because the message already holds the most it may. */
  overLimit: UploadFile[];
}

const GENERIC_CONTENT_TYPE = 'application/octet-stream';

let nextKey = 0;
function newKey(): string {
  nextKey += 1;
  return `upload-${nextKey}`;
}

/** True for the `AbortError` that `fetch`/XHR uploads throw on cancel. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

/** The server's error code and message from an SDK error (ApiError), or a fallback. */
export function uploadErrorFrom(error: unknown): UploadError {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' && code !== '' ? code : 'upload_failed',
      message: typeof message === 'string' && message !== '' ? message : 'Upload failed',
    };
  }
  return {
    code: 'upload_failed',
    message: typeof error === 'string' && error !== '' ? error : 'Upload failed',
  };
}

export class UploadQueue {
  readonly #sizes = new Map<string, ImageSize>();
  #items: readonly UploadItem[] = [];
  readonly #controllers = new Map<string, AbortController>();
  readonly #options: UploadQueueOptions;
  readonly #maxFiles: number;

  constructor(options: UploadQueueOptions) {
    this.#options = options;
    this.#maxFiles = options.maxFiles ?? MAX_ATTACHMENTS;
  }

  get items(): readonly UploadItem[] {
    return this.#items;
  }

  /** True while at least one file is still uploading. */
  get busy(): boolean {
    return this.#items.some((item) => item.status === 'uploading');
  }

  get hasFailures(): boolean {
    return this.#items.some((item) => item.status === 'failed');
  }

  /** Recorded sizes of the uploaded images, by attachment id (for the message's `custom_data`). */
  get imageSizes(): Record<Uuid, ImageSize> {
    const sizes: Record<Uuid, ImageSize> = {};
    for (const item of this.#items) {
      const size = this.#sizes.get(item.key);
      if (item.status === 'done' && item.attachment && size) sizes[item.attachment.id] = size;
    }
    return sizes;
  }

  /** Ids of the uploaded attachments, in the order the files were added. */
  get attachmentIds(): Uuid[] {
    return this.#items.flatMap((item) =>
      item.status === 'done' && item.attachment ? [item.attachment.id] : [],
    );
  }

  /** Overall progress of the files still uploading or done, 0..1. */
  get progress(): number {
    const counted = this.#items.filter((item) => item.status !== 'failed');
    const total = counted.reduce((sum, item) => sum + item.total, 0);
    if (total === 0)
      return counted.length > 0 && counted.every((item) => item.status === 'done') ? 1 : 0;
    return counted.reduce((sum, item) => sum + item.loaded, 0) / total;
  }

  /** Starts uploading each file, up to the per-message limit. */
  add(files: Iterable<UploadFile>): AddResult {
    const added: UploadItem[] = [];
    const overLimit: UploadFile[] = [];
    let room = this.#maxFiles - this.#items.length;
    for (const file of files) {
      if (room <= 0) {
        overLimit.push(file);
        continue;
      }
      room -= 1;
      added.push({
        key: newKey(),
        file,
        name: file.name || 'file',
        size: file.size,
        contentType: file.type || GENERIC_CONTENT_TYPE,
        status: 'uploading',
        loaded: 0,
        total: file.size,
        attachment: null,
        error: null,
      });
    }
    if (added.length > 0) {
      this.#set([...this.#items, ...added]);
      for (const item of added) {
        void this.#start(item.key);
        void this.#measure(item);
      }
    }
    return { added, overLimit };
  }

  /** Aborts the upload (if running) and drops the file from the message. */
  cancel(key: string): void {
    this.#controllers.get(key)?.abort();
    this.#controllers.delete(key);
    if (!this.#items.some((item) => item.key === key)) return;
    this.#set(this.#items.filter((item) => item.key !== key));
  }

  /** Uploads a failed file again under the same key. */
  retry(key: string): void {
    const item = this.#find(key);
    if (!item || item.status !== 'failed') return;
    this.#replace(key, { status: 'uploading', loaded: 0, error: null });
    void this.#start(key);
  }

  /** Forgets every file; running uploads are aborted. Used after a send. */
  clear(): void {
    for (const controller of this.#controllers.values()) controller.abort();
    this.#controllers.clear();
    this.#sizes.clear();
    if (this.#items.length > 0) this.#set([]);
  }

  /** Like `clear`, but keeps nothing running and reports nothing: for teardown. */
  dispose(): void {
    for (const controller of this.#controllers.values()) controller.abort();
    this.#controllers.clear();
    this.#sizes.clear();
    this.#items = [];
  }

  async #measure(item: UploadItem): Promise<void> {
    if (!this.#options.measureImage || !item.contentType.startsWith('image/')) return;
    try {
      const size = await this.#options.measureImage(item.file);
      if (size && this.#find(item.key)) this.#sizes.set(item.key, size);
    } catch {
      // A file that cannot be decoded just gets no recorded size.
    }
  }

  async #start(key: string): Promise<void> {
    const item = this.#find(key);
    if (!item) return;
    const controller = new AbortController();
    this.#controllers.set(key, controller);
    try {
      const attachment = await this.#options.upload(
        {
          body: item.file,
          contentType: item.contentType,
          byteSize: item.size,
          filename: item.name,
        },
        {
          signal: controller.signal,
          onProgress: ({ loaded, total }) => {
            if (controller.signal.aborted || !this.#find(key)) return;
            const updated = this.#replace(key, { loaded: Math.min(loaded, total), total });
            if (updated) this.#options.onProgress?.(updated);
          },
        },
      );
      if (controller.signal.aborted) return;
      this.#replace(key, { status: 'done', attachment, loaded: item.size, total: item.size });
    } catch (error) {
      // A cancel removed the item already; an abort is never a failure to show.
      if (controller.signal.aborted || isAbortError(error)) return;
      const failed = this.#replace(key, { status: 'failed', error: uploadErrorFrom(error) });
      if (failed) this.#options.onError?.(failed);
    } finally {
      if (this.#controllers.get(key) === controller) this.#controllers.delete(key);
    }
  }

  #find(key: string): UploadItem | undefined {
    return this.#items.find((item) => item.key === key);
  }

  #replace(key: string, patch: Partial<UploadItem>): UploadItem | undefined {
    let updated: UploadItem | undefined;
    const items = this.#items.map((item) => {
      if (item.key !== key) return item;
      updated = { ...item, ...patch };
      return updated;
    });
    if (updated) this.#set(items);
    return updated;
  }

  #set(items: readonly UploadItem[]): void {
    this.#items = items;
    this.#options.onChange(items);
  }
}
