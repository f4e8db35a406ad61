/**
 * An uploader that does nothing until the test says so: it reports progress,
 * succeeds or fails on command, and rejects with an AbortError when its
 * signal aborts, like the SDK's XHR upload.
 */
import type { Attachment } from '../../../src/sdk/types.js';
import type {
  UploadInput,
  UploadOptions,
  Uploader,
} from '../../../src/state/upload-queue.js';

export interface PendingUpload {
  input: UploadInput;
  options: UploadOptions;
  resolve(attachment: Attachment): void;
  reject(error: unknown): void;
}

/** An uploader that does nothing until the test tells it to. */
export class ManualUploader {
  readonly calls: PendingUpload[] = [];
  #count = 0;

  readonly upload: Uploader = (input, options) =>
    new Promise<Attachment>((resolve, reject) => {
      options.signal?.addEventListener('abort', () =>
        reject(new DOMException('The upload was aborted.', 'AbortError')),
      );
      this.calls.push({ input, options, resolve, reject });
    });

  /** Finishes upload `index` with a ready attachment row. */
  succeed(index: number): Attachment {
    const call = this.calls[index];
    this.#count += 1;
    const at = new Date().toISOString();
    const attachment: Attachment = {
      id: `00000000-0000-4000-8000-${String(this.#count).padStart(12, '0')}`,
      tenant_id: '00000000-0000-4000-8000-000000000000',
      message_id: null,
      sender_id: null,
      content_type: call.input.contentType,
      byte_size: call.input.byteSize,
      sha256: null,
      original_filename: call.input.filename ?? null,
      status: 'pending',
      inserted_at: at,
      updated_at: at,
    };
    call.options.onProgress?.({ loaded: call.input.byteSize, total: call.input.byteSize });
    call.resolve(attachment);
    return attachment;
  }
}
