/**
 * Object URLs for the thumbnails of image uploads, revoked as soon as the
 * file leaves the composer (or the composer leaves the page), so large
 * images do not stay pinned in memory.
 */
export class ThumbnailUrls {
  readonly #urls = new Map<string, string>();

  /** The thumbnail URL for an image file (created once per key), or null for other files. */
  get(key: string, file: Blob): string | null {
    if (!file.type.startsWith('image/')) return null;
    let url = this.#urls.get(key);
    if (!url) {
      url = URL.createObjectURL(file);
      this.#urls.set(key, url);
    }
    return url;
  }

  /** Revokes the URLs of every key not in `keep`. */
  retain(keep: Iterable<string>): void {
    const kept = new Set(keep);
    for (const [key, url] of this.#urls) {
      if (kept.has(key)) continue;
      URL.revokeObjectURL(url);
      this.#urls.delete(key);
    }
  }

  revokeAll(): void {
    this.retain([]);
  }

  get size(): number {
    return this.#urls.size;
  }
}
