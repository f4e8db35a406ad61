import type { ImageSize, UploadFile } from '../../src/state/upload-queue.js';

/**
 * Decodes an image file just far enough to know its pixel size (off the
 * main thread where the browser can), so the message records it and every
 * reader reserves the thumbnail's box before the image loads.
 */
export async function measureImage(file: UploadFile): Promise<ImageSize | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const bitmap = await createImageBitmap(file);
  try {
    return bitmap.width > 0 && bitmap.height > 0
      ? { width: bitmap.width, height: bitmap.height }
      : null;
  } finally {
    bitmap.close();
  }
}
