/**
 * Phoenix serializer 2.0.0: every frame is a JSON array
 * `[join_ref, ref, topic, event, payload]`. Inbound frames come from
 * untrusted clients, so parsing validates every field and never throws.
 */

/** A well-formed frame from a client. */
export interface InboundFrame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

export type ParsedFrame =
  | { ok: true; frame: InboundFrame }
  /** Enough of the bad frame to answer it, when it carried a ref. */
  | { ok: false; joinRef: string | null; ref: string | null; topic: string | null };

/** Refs are counters in the phoenix client; anything longer is abuse. */
const MAX_REF_LENGTH = 64;
const MAX_TOPIC_LENGTH = 255;
const MAX_EVENT_LENGTH = 128;

function optionalRef(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_REF_LENGTH) return value;
  return undefined;
}

function boundedString(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseFrame(text: string): ParsedFrame {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return { ok: false, joinRef: null, ref: null, topic: null };
  }
  if (!Array.isArray(decoded)) return { ok: false, joinRef: null, ref: null, topic: null };

  const joinRef = optionalRef(decoded[0]);
  const ref = optionalRef(decoded[1]);
  const topic = boundedString(decoded[2], MAX_TOPIC_LENGTH);
  const event = boundedString(decoded[3], MAX_EVENT_LENGTH);
  const payload: unknown = decoded[4];
  if (
    decoded.length !== 5 ||
    joinRef === undefined ||
    ref === undefined ||
    topic === null ||
    event === null ||
    !isPlainObject(payload)
  ) {
    return { ok: false, joinRef: joinRef ?? null, ref: ref ?? null, topic };
  }
  return { ok: true, frame: { joinRef, ref, topic, event, payload } };
}

export function encodeFrame(
  joinRef: string | null,
  ref: string | null,
  topic: string,
  event: string,
  payload: unknown,
): string {
  return JSON.stringify([joinRef, ref, topic, event, payload]);
}

export type ReplyStatus = 'ok' | 'error';

export function encodeReply(
  joinRef: string | null,
  ref: string | null,
  topic: string,
  status: ReplyStatus,
  response: Record<string, unknown> = {},
): string {
  return encodeFrame(joinRef, ref, topic, 'phx_reply', { status, response });
}
