/**
 * The signature header of every webhook POST (the Stripe scheme):
 * `Poolse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is the attempt's, so a receiver can refuse stale replays.
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Poolse-Signature';

export function signatureHeader(secret: string, body: string, timestampSec: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${body}`, 'utf8').digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}
