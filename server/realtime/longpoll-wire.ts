/**
 * One long-poll session seen as a socket: it offers the `SessionWire` a
 * `SocketSession` drives, so long-poll clients get the very same frame
 * handling and limits as WebSocket ones. Outbound frames wait in a queue
 * (its size is the `bufferedAmount` the session bounds) until the client's
 * next poll takes them; inbound frames arrive from POSTed batches.
 */
import { EventEmitter } from 'node:events';
import type { LongPollAnswer } from '../contracts.js';
import type { SessionWire } from './session.js';

const OPEN = 1;
const CLOSED = 3;

interface ParkedPoll {
  answer(reply: LongPollAnswer): void;
}

export class LongPollWire extends EventEmitter implements SessionWire {
  readonly OPEN = OPEN;
  readyState = OPEN;
  bufferedAmount = 0;
  /** When the last poll arrived or was answered: a wire with no poll for a while is a gone client. */
  lastPollAt = Date.now();

  private queue: string[] = [];
  private parked: ParkedPoll | null = null;
  private flushScheduled = false;

  constructor(
    /** The session token the client polls with. */
    readonly token: string,
    private readonly windowMs: number,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.readyState === OPEN;
  }

  /** True while a poll waits here: the client is there, listening. */
  get isPolling(): boolean {
    return this.parked !== null;
  }

  send(bytesOrText: string | Buffer): void {
    if (!this.isOpen) return;
    const frame = typeof bytesOrText === 'string' ? bytesOrText : bytesOrText.toString('utf8');
    this.queue.push(frame);
    this.bufferedAmount += Buffer.byteLength(frame);
    // Frames written in one turn (a join reply and its presence state) leave in one answer.
    if (this.parked && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (this.parked && this.queue.length > 0) this.answerParked({ status: 200 });
      });
    }
  }

  close(): void {
    this.end();
  }

  terminate(): void {
    this.end();
  }

  /**
   * The client polls: answered at once with what is queued, else held until
   * a frame arrives or the window ends (204). A newer poll answers an older
   * one that is still held (its client gave up on it).
   */
  poll(signal: AbortSignal): Promise<LongPollAnswer> {
    this.lastPollAt = Date.now();
    if (this.parked) this.answerParked({ status: 204 });
    if (!this.isOpen) return Promise.resolve({ status: 410 });
    if (this.queue.length > 0) return Promise.resolve(this.drain());
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answerParked({ status: 204 }), this.windowMs);
      const onAbort = (): void => {
        if (this.parked === parked) this.answerParked({ status: 204 });
      };
      const parked: ParkedPoll = {
        answer: (reply) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          this.lastPollAt = Date.now();
          resolve(reply);
        },
      };
      this.parked = parked;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands POSTed frames to the session, in order, as if each had arrived on a socket. */
  receive(lines: readonly string[]): void {
    for (const line of lines) {
      if (!this.isOpen) return;
      this.emit('message', Buffer.from(line, 'utf8'), false);
    }
  }

  private drain(): LongPollAnswer {
    const messages = this.queue;
    this.queue = [];
    this.bufferedAmount = 0;
    return { status: 200, messages };
  }

  private answerParked(reply: LongPollAnswer): void {
    const parked = this.parked;
    if (!parked) return;
    this.parked = null;
    parked.answer(reply.status === 200 ? this.drain() : reply);
  }

  private end(): void {
    if (!this.isOpen) return;
    this.readyState = CLOSED;
    // A held poll still takes the frames written before the end (a `phx_close`, say); the next one hears 410.
    if (this.parked) this.answerParked(this.queue.length > 0 ? { status: 200 } : { status: 410 });
    this.queue = [];
    this.bufferedAmount = 0;
    this.emit('close');
  }
}
