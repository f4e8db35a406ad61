/** Path of the Chromium the tests drive (CHROME_PATH, else Debian's). */
export function chromiumPath(): string;
/** Launch flags for Chromium on a machine with a closed network. */
export const chromiumArgs: string[];
