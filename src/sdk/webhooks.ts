/**
 * Verifying poolse webhooks on your backend (Node 20+, Deno, Bun, workers):
 *
 * ```js
 * import { verifyWebhook } from '@poolse/elements/webhooks';
 * const event = await verifyWebhook(rawBody, req.headers['poolse-signature'], process.env.POOLSE_WEBHOOK_SECRET);
 * ```
 *
 * The header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * Uses Web Crypto only (`crypto.subtle`), whose HMAC verify compares in
 * constant time.
 */
import type { WebhookEvent } from './types.js';

export interface VerifyWebhookOptions {
  /** Largest age (and clock skew) of the timestamp accepted, in seconds. Default 300. */
  toleranceSec?: number;
  /** The current time in ms (tests). Default `Date.now()`. */
  nowMs?: number;
}

export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_out_of_tolerance'
  | 'signature_mismatch'
  | 'invalid_body';

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: WebhookVerificationReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1') signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks the signature and the timestamp and answers the parsed event;
 * throws a `WebhookVerificationError` otherwise. Pass the body exactly as
 * received (a string or bytes), before any JSON parsing.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  header: string | string[] | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value === '')
    throw new WebhookVerificationError('missing_header', 'The Poolse-Signature header is missing.');
  const parsed = parseHeader(value);
  if (!parsed)
    throw new WebhookVerificationError(
      'malformed_header',
      'The Poolse-Signature header is malformed.',
    );
  const tolerance = options.toleranceSec ?? DEFAULT_WEBHOOK_TOLERANCE_SEC;
  const nowSec = Math.floor((options.nowMs ?? Date.now()) / 1000);
  if (Math.abs(nowSec - parsed.timestamp) > tolerance)
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `The signature's timestamp is more than ${tolerance} s away from now.`,
    );
  const encoder = new TextEncoder();
  const body = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const signed = encoder.encode(`${parsed.timestamp}.${body}`);
  let valid = false;
  for (const signature of parsed.signatures) {
    const bytes = fromHex(signature);
    if (bytes && (await crypto.subtle.verify('HMAC', key, bytes, signed))) valid = true;
  }
  if (!valid)
    throw new WebhookVerificationError('signature_mismatch', 'The signature does not match.');
  try {
    return JSON.parse(body) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('invalid_body', 'The body is not JSON.');
  }
}
