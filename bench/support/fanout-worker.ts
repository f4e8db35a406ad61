/**
 * A fan-out client process: holds thousands of real `phoenix` sockets, each
 * joined to the benchmark's group conversation, and records when each
 * `message:new` arrives (latency from the sender's stamp, as a histogram so
 * the report stays small). Driven by the benchmark over IPC; exits on `close`
 * or when its parent goes away.
 */
import { Socket, type Channel } from 'phoenix';
import WebSocket from 'ws';
import type {
  DeliveryReport,
  FanoutStamp,
  FromWorker,
  JoinReport,
  ToWorker,
} from './fanout-protocol.js';

interface Reader {
  socket: Socket;
  channel: Channel;
  joined: boolean;
  /** Which messages of the current run this socket has seen (index → 1). */
  seen: Uint8Array;
}

const readers: Reader[] = [];
let runId = '';
let expectedMessages = 0;
let received = 0;
let distinct = 0;
let duplicates = 0;
let drops = 0;
let stopJoining = false;
let perMessage: number[] = [];
const histogram = new Map<number, number>();

function send(message: FromWorker): void {
  process.send?.(message);
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

function isStamp(value: unknown): value is FanoutStamp {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.bench_run === 'string' && typeof r.i === 'number' && typeof r.sent_at === 'number'
  );
}

function onMessage(reader: Reader, payload: unknown): void {
  const arrived = now();
  const stamp =
    typeof payload === 'object' && payload !== null
      ? (payload as { custom_data?: unknown }).custom_data
      : undefined;
  if (!isStamp(stamp) || stamp.bench_run !== runId) return;
  received += 1;
  if (stamp.i < 0 || stamp.i >= reader.seen.length) return;
  if (reader.seen[stamp.i]) {
    duplicates += 1;
    return;
  }
  reader.seen[stamp.i] = 1;
  distinct += 1;
  perMessage[stamp.i] = (perMessage[stamp.i] ?? 0) + 1;
  const bucket = Math.max(0, Math.round((arrived - stamp.sent_at) * 10));
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
}

function openReader(
  socketUrl: string,
  conversationId: string,
  token: string,
  joinTimeoutMs: number,
): Promise<Reader> {
  const socket = new Socket(socketUrl, {
    transport: WebSocket as unknown as new (endpoint: string) => object,
    params: { token },
    timeout: joinTimeoutMs,
    heartbeatIntervalMs: 30_000,
    // A benchmark socket that drops should show up as a drop, not quietly reconnect at once.
    reconnectAfterMs: () => 10_000,
    rejoinAfterMs: () => 10_000,
  });
  const channel = socket.channel(`conversation:${conversationId}`, {});
  const reader: Reader = { socket, channel, joined: false, seen: new Uint8Array(0) };
  channel.on('message:new', (payload: unknown) => onMessage(reader, payload));
  channel.onError(() => {
    if (reader.joined) drops += 1;
    reader.joined = false;
  });
  socket.connect();
  return new Promise((resolve, reject) => {
    channel
      .join(joinTimeoutMs)
      .receive('ok', () => {
        reader.joined = true;
        resolve(reader);
      })
      .receive('error', (response: unknown) =>
        reject(new Error(`join refused: ${JSON.stringify(response)}`)),
      )
      .receive('timeout', () => reject(new Error('join timed out')));
  });
}

async function connectAll(message: Extract<ToWorker, { type: 'connect' }>): Promise<JoinReport> {
  const started = performance.now();
  const errors = new Map<string, number>();
  let next = 0;
  let failed = 0;
  const lane = async (): Promise<void> => {
    while (next < message.tokens.length && !stopJoining) {
      const token = message.tokens[next] as string;
      next += 1;
      try {
        readers.push(
          await openReader(message.socketUrl, message.conversationId, token, message.joinTimeoutMs),
        );
      } catch (error) {
        failed += 1;
        const text = error instanceof Error ? error.message : String(error);
        errors.set(text, (errors.get(text) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, message.concurrency) }, lane));
  return {
    type: 'joined',
    joined: readers.filter((r) => r.joined).length,
    failed,
    ms: performance.now() - started,
    errors: [...errors].map(([text, count]) => `${count}× ${text}`),
  };
}

function report(): DeliveryReport {
  return {
    type: 'report',
    joined: readers.filter((r) => r.joined).length,
    received,
    distinct,
    duplicates,
    perMessage,
    histogram: [...histogram],
    drops,
  };
}

function closeAll(): void {
  for (const reader of readers) {
    try {
      reader.socket.disconnect();
    } catch {
      // Closing anyway.
    }
  }
  readers.length = 0;
}

process.on('message', (raw: unknown) => {
  const message = raw as ToWorker;
  switch (message.type) {
    case 'connect':
      void connectAll(message).then(send);
      break;
    case 'expect':
      runId = message.runId;
      expectedMessages = message.messages;
      received = 0;
      distinct = 0;
      duplicates = 0;
      histogram.clear();
      perMessage = new Array<number>(expectedMessages).fill(0);
      for (const reader of readers) reader.seen = new Uint8Array(expectedMessages);
      break;
    case 'stop-joining':
      stopJoining = true;
      break;
    case 'report':
      send(report());
      break;
    case 'close':
      closeAll();
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => {
  closeAll();
  process.exit(0);
});
send({ type: 'ready' });
