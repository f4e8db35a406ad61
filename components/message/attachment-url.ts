/**
 * Download URLs of attachments, asked of the store (which asks the SDK:
 * `GET /v1/attachments/:id/download-url`), shared between every message
 * on the page and kept a little less than their one-hour lifetime.
 *
 * The store exposes this as an optional `attachmentUrl(id)`; a store
 * without it (an older one, or a test double) simply yields no URL and the
 * message shows the file without a preview.
 */
import type { Attachment, Uuid } from '../../src/sdk/types.js';

/** What this module needs of a store. */
export interface AttachmentUrlSource {
  attachmentUrl?: (attachmentId: Uuid) => Promise<string>;
}

const TTL_MS = 50 * 60 * 1000;
const MAX_ENTRIES = 500;
const cache = new Map<Uuid, { url: Promise<string | null>; expires: number }>();

export function attachmentUrl(
  source: unknown,
  attachmentId: Uuid,
  now = Date.now(),
): Promise<string | null> {
  const cached = cache.get(attachmentId);
  if (cached && cached.expires > now) return cached.url;
  const resolver = (source as AttachmentUrlSource | null)?.attachmentUrl;
  if (typeof resolver !== 'function') return Promise.resolve(null);
  const url = resolver
    .call(source, attachmentId)
    .then((value) => (typeof value === 'string' && /^(https?:|blob:)/i.test(value) ? value : null))
    .catch(() => {
      cache.delete(attachmentId);
      return null;
    });
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(attachmentId, { url, expires: now + TTL_MS });
  return url;
}

/** Forgets every cached URL (tests, sign-out). */
export function clearAttachmentUrls(): void {
  cache.clear();
}

export function isImage(attachment: Attachment): boolean {
  return /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i.test(attachment.content_type);
}

export interface Dimensions {
  width: number;
  height: number;
}

/**
 * Pixel size of an image attachment when the sender recorded it in the
 * message's `custom_data` (`{ attachment_dimensions: { <id>: { width, height } } }`),
 * so the thumbnail box is reserved before the image loads.
 */
export function recordedDimensions(
  customData: Record<string, unknown>,
  attachmentId: Uuid,
): Dimensions | null {
  const all = customData['attachment_dimensions'];
  if (typeof all !== 'object' || all === null) return null;
  const entry = (all as Record<string, unknown>)[attachmentId];
  if (typeof entry !== 'object' || entry === null) return null;
  const { width, height } = entry as { width?: unknown; height?: unknown };
  if (typeof width !== 'number' || typeof height !== 'number') return null;
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) return null;
  return { width, height };
}

/** The thumbnail box: the recorded aspect within the max box, else a fixed 4:3 box. */
export function thumbnailBox(
  dimensions: Dimensions | null,
  maxWidth = 320,
  maxHeight = 240,
): Dimensions {
  if (!dimensions) return { width: maxWidth, height: maxHeight };
  const scale = Math.min(1, maxWidth / dimensions.width, maxHeight / dimensions.height);
  return {
    width: Math.max(48, Math.round(dimensions.width * scale)),
    height: Math.max(48, Math.round(dimensions.height * scale)),
  };
}
