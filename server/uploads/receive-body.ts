/**
 * Streams an upload body straight to a `.part` file: never more than one
 * chunk in memory, the signed size enforced while the bytes arrive, the
 * SHA-256 computed on the way, the first bytes checked against the declared
 * type, and the whole thing cut off at a deadline. Only a body that passes
 * every check is renamed into place.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, linkSync, mkdirSync, rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ApiError } from '../errors.js';
import { bytesMatchDeclaredType } from './content-types.js';
import { storedFilePath } from './file-store.js';

/** Enough leading bytes for every magic-number check in `content-types.ts`. */
const HEAD_BYTES = 16;

export interface ReceiveOptions {
  uploadsDir: string;
  attachmentId: string;
  contentType: string;
  /** The size the URL was signed for: the body must be exactly this long. */
  byteSize: number;
  deadlineMs: number;
}

/** The body did not arrive within its deadline (answered 408, like Node's own request timeout). */
export class UploadTimeoutError extends ApiError {
  constructor(deadlineMs: number) {
    super('validation_failed', 'The upload body did not arrive in time.', {
      body: [`must arrive within ${Math.round(deadlineMs / 1000)} s`],
    });
  }
}

/** Resolves with the SHA-256 (hex) of the stored bytes; rejects with an ApiError and leaves nothing on disk. */
export function receiveUpload(body: Readable, options: ReceiveOptions): Promise<string> {
  mkdirSync(options.uploadsDir, { recursive: true });
  const target = storedFilePath(options.uploadsDir, options.attachmentId);
  // One partial file per attempt: two PUTs of the same URL never write into each other.
  const partial = `${target}.${randomUUID()}.part`;
  const file = createWriteStream(partial);
  const hash = createHash('sha256');
  let received = 0;
  let head = Buffer.alloc(0);
  let headChecked = false;

  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const fail = (error: ApiError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      body.off('data', onData);
      body.pause();
      file.destroy();
      file.once('close', () => rmSync(partial, { force: true }));
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new UploadTimeoutError(options.deadlineMs)),
      options.deadlineMs,
    );
    const checkHead = (): void => {
      headChecked = true;
      if (!bytesMatchDeclaredType(options.contentType, head)) {
        fail(
          new ApiError(
            'unsupported_media_type',
            `The bytes are not a ${options.contentType} file.`,
          ),
        );
      }
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > options.byteSize) {
        fail(
          new ApiError(
            'attachment_too_large',
            `The body is larger than the ${options.byteSize} bytes the URL was signed for.`,
            { max_bytes: options.byteSize },
          ),
        );
        return;
      }
      if (!headChecked) {
        head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        if (head.length >= HEAD_BYTES || received === options.byteSize) checkHead();
        if (settled) return;
      }
      hash.update(chunk);
      // Back-pressure: stop reading while the disk catches up, so memory holds about one chunk.
      if (!file.write(chunk)) {
        body.pause();
        file.once('drain', () => {
          if (!settled) body.resume();
        });
      }
    };
    body.on('data', onData);
    body.once('error', () =>
      fail(new ApiError('validation_failed', 'The upload body was interrupted.')),
    );
    body.once('aborted', () =>
      fail(new ApiError('validation_failed', 'The upload body was interrupted.')),
    );
    body.once('end', () => {
      if (settled) return;
      if (received !== options.byteSize) {
        fail(
          ApiError.invalidField('byte_size', `must be exactly ${options.byteSize} bytes as signed`),
        );
        return;
      }
      if (!headChecked) checkHead();
      if (settled) return;
      file.end(() => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // link, not rename: it refuses to replace a file another attempt already stored.
        try {
          linkSync(partial, target);
        } catch (error) {
          rmSync(partial, { force: true });
          const taken = (error as NodeJS.ErrnoException).code === 'EEXIST';
          reject(taken ? ApiError.conflict('The attachment was already uploaded.') : error);
          return;
        }
        rmSync(partial, { force: true });
        resolve(hash.digest('hex'));
      });
    });
    file.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      body.pause();
      rmSync(partial, { force: true });
      reject(error);
    });
  });
}
