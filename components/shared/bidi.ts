/**
 * Names come from other users. Each is rendered in its own bidi isolate
 * (`dir="auto"` + `unicode-bidi: isolate`), so it cannot reorder what follows
 * it; and the explicit direction controls inside it (embeddings, overrides,
 * isolates, marks) are dropped, so `invoice\u202Efdp.exe` cannot display as
 * "invoiceexe.pdf" either. The server refuses or strips them too; this also
 * covers data stored before that, or from another server.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
