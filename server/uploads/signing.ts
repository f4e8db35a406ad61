/**
 * Signed upload and download URLs: HMAC-SHA256 over what the URL allows
 * (the attachment id, and for uploads its content type and size) plus the
 * expiry, so none of them can be changed without the server noticing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const UPLOAD_URL_TTL_SECONDS = 10 * 60;
export const DOWNLOAD_URL_TTL_SECONDS = 60 * 60;

export interface SignedQuery {
  expires: number;
  signature: string;
}

function hmac(secret: string, parts: (string | number)[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('hex');
}

export function signUpload(
  secret: string,
  attachmentId: string,
  contentType: string,
  byteSize: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignedQuery {
  const expires = nowSeconds + UPLOAD_URL_TTL_SECONDS;
  return {
    expires,
    signature: hmac(secret, ['put', attachmentId, contentType, byteSize, expires]),
  };
}

export function signDownload(
  secret: string,
  attachmentId: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): SignedQuery {
  const expires = nowSeconds + DOWNLOAD_URL_TTL_SECONDS;
  return { expires, signature: hmac(secret, ['get', attachmentId, expires]) };
}

function sameHex(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(given, 'utf8'));
}

export type SignatureCheck = 'ok' | 'bad_signature' | 'expired';

export function checkUploadSignature(
  secret: string,
  attachmentId: string,
  contentType: string,
  byteSize: number,
  query: SignedQuery,
): SignatureCheck {
  const expected = hmac(secret, ['put', attachmentId, contentType, byteSize, query.expires]);
  if (!sameHex(expected, query.signature)) return 'bad_signature';
  return query.expires < Math.floor(Date.now() / 1000) ? 'expired' : 'ok';
}

export function checkDownloadSignature(
  secret: string,
  attachmentId: string,
  query: SignedQuery,
): SignatureCheck {
  const expected = hmac(secret, ['get', attachmentId, query.expires]);
  if (!sameHex(expected, query.signature)) return 'bad_signature';
  return query.expires < Math.floor(Date.now() / 1000) ? 'expired' : 'ok';
}
