/**
 * The `uploads` slice: the attachments of each draft being written (keyed
 * like drafts: the conversation id, or the thread root id of a thread
 * composer), each file's upload with its progress, cancel, retry and error.
 * Uploads go through the store's client (`client.attachments.upload`) unless
 * the caller names another uploader, so no element talks to the network.
 */
import type { Uuid } from '../sdk/types.js';
import { removeKey, type StoreCore } from './core.js';
import {
  UploadQueue,
  type AddResult,
  type ImageSize,
  type UploadFile,
  type UploadItem,
  type Uploader,
} from './upload-queue.js';
import { uploaderFrom } from './uploader.js';

/** Where a draft's files are uploaded, and how images are measured. */
export interface UploadSource {
  /** Uploads one file; wins over `client`. */
  uploader?: Uploader | null;
  /** A client with `attachments.upload` to use instead of the store's. */
  client?: unknown;
  /** Measures an image file so the message records its size (browsers: `createImageBitmap`). */
  measureImage?: (file: UploadFile) => Promise<ImageSize | null>;
}

/** What a send needs from a draft's uploads. */
export interface UploadSummary {
  items: readonly UploadItem[];
  /** Some file is still uploading. */
  busy: boolean;
  hasFailures: boolean;
  /** Ids of the finished uploads, in the order the files were added. */
  attachmentIds: Uuid[];
  /** Pixel sizes of the finished images, by attachment id. */
  imageSizes: Record<Uuid, ImageSize>;
}

/** What changed between two lists of one draft's uploads, for progress and error events. */
export function uploadChanges(
  previous: readonly UploadItem[],
  next: readonly UploadItem[],
): { progressed: UploadItem[]; failed: UploadItem[] } {
  const before = new Map(previous.map((item) => [item.key, item]));
  const progressed: UploadItem[] = [];
  const failed: UploadItem[] = [];
  for (const item of next) {
    const old = before.get(item.key);
    if (!old || old === item) continue;
    if (item.status === 'failed' && old.status !== 'failed') failed.push(item);
    else if (
      item.status === 'uploading' &&
      old.status === 'uploading' &&
      (item.loaded !== old.loaded || item.total !== old.total)
    )
      progressed.push(item);
  }
  return { progressed, failed };
}

const NO_ITEMS: readonly UploadItem[] = [];

export class Uploads {
  readonly #queues = new Map<string, { queue: UploadQueue; source: UploadSource }>();

  constructor(
    private readonly core: StoreCore,
    /** The draft's finished uploads changed (the draft mirrors their ids). */
    private readonly finished: (key: string, attachmentIds: readonly Uuid[]) => void,
  ) {}

  /** Starts uploading `files` into the draft, up to the per-message limit. */
  add(key: string, files: readonly UploadFile[], source: UploadSource = {}): AddResult {
    return this.#queue(key, source).add(files);
  }

  /** Aborts an upload (if running) and drops the file from the draft. */
  cancel(key: string, itemKey: string): void {
    this.#queues.get(key)?.queue.cancel(itemKey);
  }

  /** Uploads a failed file again. */
  retry(key: string, itemKey: string): void {
    this.#queues.get(key)?.queue.retry(itemKey);
  }

  /** Forgets the draft's files (after a send); running uploads are aborted. */
  clear(key: string): void {
    this.#queues.get(key)?.queue.clear();
  }

  summary(key: string): UploadSummary {
    const queue = this.#queues.get(key)?.queue;
    if (!queue)
      return {
        items: NO_ITEMS,
        busy: false,
        hasFailures: false,
        attachmentIds: [],
        imageSizes: {},
      };
    return {
      items: queue.items,
      busy: queue.busy,
      hasFailures: queue.hasFailures,
      attachmentIds: queue.attachmentIds,
      imageSizes: queue.imageSizes,
    };
  }

  destroy(): void {
    for (const { queue } of this.#queues.values()) queue.dispose();
    this.#queues.clear();
  }

  #queue(key: string, source: UploadSource): UploadQueue {
    const existing = this.#queues.get(key);
    if (existing) {
      // The latest caller's uploader applies to the next file (and to retries).
      existing.source = source;
      return existing.queue;
    }
    const holder: { queue: UploadQueue; source: UploadSource } = {
      source,
      queue: new UploadQueue({
        upload: (input, options) => {
          const upload =
            holder.source.uploader ??
            uploaderFrom(holder.source.client) ??
            uploaderFrom(this.core.client);
          if (!upload)
            return Promise.reject(
              new Error('No uploader: give the composer a client or an uploader.'),
            );
          return upload(input, options);
        },
        measureImage: (file) => holder.source.measureImage?.(file) ?? Promise.resolve(null),
        onChange: (items) => {
          this.core.state.updateSlice('uploads', (uploads) =>
            items.length === 0 ? removeKey(uploads, key) : { ...uploads, [key]: items },
          );
          this.finished(key, holder.queue.attachmentIds);
        },
      }),
    };
    this.#queues.set(key, holder);
    return holder.queue;
  }
}
