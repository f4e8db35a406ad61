import { abortError, isAbortLike } from '../abort.js';
import { NetworkError } from '../errors.js';

/** Upload progress: bytes sent so far of `total`. */
export interface UploadProgressEvent {
  loaded: number;
  total: number;
}

/** A raw answer of the upload PUT. */
export interface PutResult {
  status: number;
  text: string;
  retryAfter: string | null;
}

export interface PutRequest {
  url: string;
  body: BodyInit;
  headers: Record<string, string>;
  total: number;
  signal: AbortSignal | undefined;
  onProgress?: (event: UploadProgressEvent) => void;
  fetch: typeof globalThis.fetch;
}

/** Headers a browser refuses to let scripts set (it sets them itself). */
const BROWSER_MANAGED_HEADERS = new Set([
  'content-length',
  'host',
  'connection',
  'accept-encoding',
]);

/** XHR accepts these bodies; a `ReadableStream` body has to go through fetch. */
function xhrCanSend(body: BodyInit): body is XMLHttpRequestBodyInit {
  return typeof ReadableStream === 'undefined' || !(body instanceof ReadableStream);
}

/**
 * PUTs the bytes to the presigned URL, without the SDK's `Authorization`
 * (the URL carries its own signature). With `onProgress`, and where
 * `XMLHttpRequest` exists (browsers), it uses XHR, the only browser API that
 * reports upload progress; elsewhere it uses fetch and reports nothing.
 */
export function putUpload(req: PutRequest): Promise<PutResult> {
  if (req.onProgress && typeof XMLHttpRequest !== 'undefined' && xhrCanSend(req.body)) {
    return putWithXhr(req, req.body, req.onProgress);
  }
  return putWithFetch(req);
}

async function putWithFetch(req: PutRequest): Promise<PutResult> {
  let response: Response;
  try {
    response = await req.fetch(req.url, {
      method: 'PUT',
      headers: req.headers,
      body: req.body,
      signal: req.signal,
    });
    return {
      status: response.status,
      text: await response.text(),
      retryAfter: response.headers.get('Retry-After'),
    };
  } catch (err) {
    if (req.signal?.aborted) throw abortError(req.signal);
    if (isAbortLike(err)) throw err;
    throw new NetworkError(
      `upload failed: ${err instanceof Error ? err.message : String(err)}`,
      err,
    );
  }
}

function putWithXhr(
  req: PutRequest,
  body: XMLHttpRequestBodyInit,
  onProgress: (event: UploadProgressEvent) => void,
): Promise<PutResult> {
  return new Promise((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(abortError(req.signal));
      return;
    }
    const xhr = new XMLHttpRequest();
    let lastLoaded = -1;
    const report = (loaded: number, total: number): void => {
      if (loaded === lastLoaded) return;
      lastLoaded = loaded;
      onProgress({ loaded, total });
    };
    const onAbort = (): void => xhr.abort();
    const cleanup = (): void => req.signal?.removeEventListener('abort', onAbort);

    xhr.open('PUT', req.url);
    for (const [name, value] of Object.entries(req.headers)) {
      if (!BROWSER_MANAGED_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      const total = event.lengthComputable ? event.total : req.total;
      report(Math.min(event.loaded, total), total);
    };
    // Some browsers skip the final progress event; the last report must say "all sent".
    xhr.upload.onload = () => report(req.total, req.total);
    xhr.onload = () => {
      cleanup();
      resolve({
        status: xhr.status,
        text: xhr.responseText,
        retryAfter: xhr.getResponseHeader('Retry-After'),
      });
    };
    xhr.onerror = () => {
      cleanup();
      reject(
        new NetworkError(
          'upload failed: the connection was lost',
          new Error('XMLHttpRequest error'),
        ),
      );
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      cleanup();
      reject(abortError(req.signal));
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(body);
  });
}
