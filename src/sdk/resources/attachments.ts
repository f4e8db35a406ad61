import { toSignal, type SignalInput } from '../abort.js';
import { parseRetryAfter } from '../backoff.js';
import { PoolseError, errorFromResponse } from '../errors.js';
import type { RestClient } from '../rest-client.js';
import type {
  Attachment,
  AttachmentDownloadResponse,
  AttachmentUploadRequest,
  AttachmentUploadResponse,
  Uuid,
} from '../types.js';
import { putUpload, type UploadProgressEvent } from './upload-transport.js';

export type { UploadProgressEvent } from './upload-transport.js';

/** The signed headers of the PUT, with `Content-Type` once whatever its spelling. */
function uploadHeaders(
  contentType: string,
  signed: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  headers['content-type'] ??= contentType;
  return headers;
}

/** What {@link AttachmentsResource.upload} sends. */
export interface AttachmentUploadInput {
  /** The bytes: a `File`/`Blob` in browsers, a `Uint8Array`/`ArrayBuffer`/string anywhere. */
  body: BodyInit;
  /** MIME type; signed into the upload URL, so it must match the bytes' type. */
  contentType: string;
  /** Exact number of bytes in `body`. */
  byteSize: number;
  /** Shown in download UIs. */
  filename?: string;
}

/** Options of every attachment method. */
export interface AttachmentOptions {
  signal?: AbortSignal;
  /**
   * Upload progress. Switches the PUT to `XMLHttpRequest` in browsers; in
   * runtimes without it (Node) no events are sent. The last event reports
   * `loaded === total`.
   */
  onProgress?: (event: UploadProgressEvent) => void;
}

/** `/v1/attachments`: two-step uploads (presign, then PUT) and handles. */
export class AttachmentsResource {
  constructor(
    private readonly client: RestClient,
    private readonly fetchFn: typeof globalThis.fetch,
    private readonly apiUrl: string,
  ) {}

  /** `POST /v1/attachments/upload-url`: step one, a presigned PUT URL for your own upload. */
  requestUpload(
    attrs: AttachmentUploadRequest,
    opts: AttachmentOptions | SignalInput = {},
  ): Promise<AttachmentUploadResponse> {
    return this.client.request<AttachmentUploadResponse>({
      method: 'POST',
      path: '/v1/attachments/upload-url',
      body: attrs,
      signal: toSignal(opts),
    });
  }

  /**
   * Presigns and PUTs the bytes in one call; resolves with the uploaded
   * attachment (still `pending` until a message references its id in
   * `attachment_ids`).
   *
   * @throws {ApiError} the presign or the PUT was refused (size, type, expiry).
   */
  async upload(input: AttachmentUploadInput, opts: AttachmentOptions = {}): Promise<Attachment> {
    const attrs: AttachmentUploadRequest = {
      content_type: input.contentType,
      byte_size: input.byteSize,
    };
    if (input.filename !== undefined) attrs.original_filename = input.filename;
    const presigned = await this.requestUpload(attrs, { signal: opts.signal });
    const result = await putUpload({
      url: new URL(presigned.upload.url, `${this.apiUrl}/`).toString(),
      body: input.body,
      headers: uploadHeaders(input.contentType, presigned.upload.headers),
      total: input.byteSize,
      signal: opts.signal,
      onProgress: opts.onProgress,
      fetch: this.fetchFn,
    });
    if (result.status < 200 || result.status >= 300) {
      throw errorFromResponse(result.status, result.text, parseRetryAfter(result.retryAfter));
    }
    if (result.text === '') return { ...presigned.attachment };
    try {
      return JSON.parse(result.text) as Attachment;
    } catch (err) {
      throw new PoolseError('the upload answer is not JSON', { cause: err });
    }
  }

  /** A handle on one attachment (no request is made). */
  one(id: Uuid): AttachmentHandle {
    return new AttachmentHandle(this.client, id);
  }
}

/** One attachment by id: download URL and delete. */
export class AttachmentHandle {
  constructor(
    private readonly client: RestClient,
    readonly id: Uuid,
  ) {}

  /** `GET /v1/attachments/:id/download-url`: a signed GET URL (~1 h TTL). */
  downloadUrl(opts: AttachmentOptions | SignalInput = {}): Promise<AttachmentDownloadResponse> {
    return this.client.request<AttachmentDownloadResponse>({
      method: 'GET',
      path: `/v1/attachments/${encodeURIComponent(this.id)}/download-url`,
      signal: toSignal(opts),
    });
  }

  /** `DELETE /v1/attachments/:id`. */
  async delete(opts: AttachmentOptions | SignalInput = {}): Promise<void> {
    await this.client.request<void>({
      method: 'DELETE',
      path: `/v1/attachments/${encodeURIComponent(this.id)}`,
      signal: toSignal(opts),
    });
  }
}
