/**
 * Bidirectional-text controls in user-supplied names. A right-to-left
 * override (U+202E) makes `invoice\u202Efdp.exe` display as
 * "invoiceexe.pdf", and in a name it reorders whatever is rendered after it.
 * File names carrying them are refused; display and conversation names have
 * them removed (a name is never an identifier, so nothing depends on them).
 */

/** LRM, RLM, ALM, the embeddings and overrides (LRE…RLO) and the isolates (LRI…PDI). */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function hasBidiControls(text: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  const found = BIDI_CONTROLS.test(text);
  BIDI_CONTROLS.lastIndex = 0;
  return found;
}

/** The name without bidi controls; null and undefined pass through. */
export function neutralizeName<T extends string | null | undefined>(name: T): T {
  if (typeof name !== 'string') return name;
  return name.replace(BIDI_CONTROLS, '') as T;
}
