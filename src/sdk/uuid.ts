/**
 * UUID v4 generation. `crypto.randomUUID` exists only in secure contexts
 * (https or localhost), so pages served over plain http fall back to
 * `crypto.getRandomValues`, which exists everywhere.
 */

/** Whether this runtime can make random UUIDs at all. */
export function canGenerateUuid(): boolean {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' || typeof c?.getRandomValues === 'function';
}

/** A random (v4) UUID. */
export function randomUuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
