/**
 * Where the emoji data comes from: the `emoji-picker-element-data` package
 * shipped with poolse elements, served from the same origin as the code,
 * never from a CDN at run time.
 *
 * The URL is resolved relative to this module so both Vite (which copies the
 * file into the build as an asset) and the plain dev/test server find it.
 * Hosts that serve the file elsewhere call `setEmojiDataUrl()` once.
 */
let override: string | null = null;

export function emojiDataUrl(): string {
  return (
    override ??
    new URL('../../node_modules/emoji-picker-element-data/en/emojibase/data.json', import.meta.url)
      .href
  );
}

/** Points the picker and the `:shortcode` suggestions at another copy of the data. */
export function setEmojiDataUrl(url: string | null): void {
  override = url;
}
