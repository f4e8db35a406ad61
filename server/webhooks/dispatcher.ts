/**
 * Sends pending webhook deliveries from the database: at most `concurrency`
 * at once, one at a time per (endpoint, conversation) so each conversation's
 * events arrive in order, retrying with exponential backoff until the
 * delivery's give-up time. It reads its work from the table, so a restart
 * picks up exactly where the last process stopped; an attempt cut short by
 * the stop is sent again (at least once; the event `id` lets receivers
 * drop a repeat).
 */
import type { JsonObject, WebhookEventType } from '../../src/sdk/types.js';
import type { Db } from '../db/database.js';
import {
  enqueueEvent,
  pendingHeads,
  pruneDeliveries,
  recordAttempt,
  type DeliveryHead,
} from './deliveries.js';
import { postWebhook } from './sender.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export interface WebhookOptions {
  /** Time a receiver has to answer one attempt. Default 10 s. */
  timeoutMs?: number;
  /** First retry delay, doubling each time. Default 5 s. */
  retryBaseMs?: number;
  /** Longest delay between two attempts. Default 1 h. */
  retryMaxDelayMs?: number;
  /** How long a delivery is retried before it is marked failed. Default 3 days. */
  retryForMs?: number;
  /** Attempts in flight at once across all endpoints. Default 8. */
  concurrency?: number;
  /** How long finished deliveries stay listed. Default 7 days. */
  keepMs?: number;
}

const DEFAULTS: Required<WebhookOptions> = {
  timeoutMs: 10_000,
  retryBaseMs: 5_000,
  retryMaxDelayMs: 3_600_000,
  retryForMs: 3 * 24 * 3_600_000,
  concurrency: 8,
  keepMs: 7 * 24 * 3_600_000,
};

const PRUNE_EVERY_MS = 3_600_000;

export interface WebhookDispatcher {
  /** Records the event for every subscribed endpoint and wakes the sender. */
  enqueue(tenantId: string, type: WebhookEventType, orderingKey: string, data: JsonObject): void;
  /** Wakes the sender (new or replayed deliveries). */
  kick(): void;
  readonly retryForMs: number;
  /** Stops sending; attempts in flight are aborted and stay pending. */
  stop(): Promise<void>;
}

export function createWebhookDispatcher(
  db: Db,
  options: WebhookOptions = {},
  logError: (error: unknown, context: string) => void = () => undefined,
): WebhookDispatcher {
  const settings = { ...DEFAULTS, ...options };
  const inFlight = new Map<string, Promise<void>>();
  const stopController = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let scheduled = false;
  let stopped = false;
  let lastPruneMs = 0;

  const attempt = async (delivery: DeliveryHead): Promise<void> => {
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await postWebhook(
      delivery.url,
      delivery.payload,
      {
        [SIGNATURE_HEADER]: signatureHeader(delivery.secret, delivery.payload, timestamp),
        'Poolse-Event-Id': delivery.event_id,
        'Poolse-Event-Type': delivery.event_type,
        'Poolse-Delivery-Id': delivery.id,
      },
      settings.timeoutMs,
      stopController.signal,
    );
    // Cut short by a stop: leave it pending for the next start.
    if (stopped) return;
    recordAttempt(db, delivery, outcome, {
      baseDelayMs: settings.retryBaseMs,
      maxDelayMs: settings.retryMaxDelayMs,
    });
  };

  const run = (): void => {
    scheduled = false;
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      const now = Date.now();
      if (now - lastPruneMs > PRUNE_EVERY_MS) {
        lastPruneMs = now;
        pruneDeliveries(db, settings.keepMs, now);
      }
      const free = settings.concurrency - inFlight.size;
      const heads = pendingHeads(db, settings.concurrency + inFlight.size);
      let started = 0;
      let nextDueMs = Infinity;
      for (const head of heads) {
        if (inFlight.has(head.id)) continue;
        if (head.next_attempt_at_ms > now) {
          nextDueMs = Math.min(nextDueMs, head.next_attempt_at_ms);
          continue;
        }
        if (started >= free) break;
        started += 1;
        const done = attempt(head)
          .catch((error: unknown) => logError(error, 'webhook delivery'))
          .finally(() => {
            inFlight.delete(head.id);
            kick();
          });
        inFlight.set(head.id, done);
      }
      if (nextDueMs !== Infinity) {
        timer = setTimeout(run, Math.max(0, nextDueMs - now));
        timer.unref();
      }
    } catch (error) {
      logError(error, 'webhook dispatcher');
    }
  };

  const kick = (): void => {
    if (stopped || scheduled) return;
    scheduled = true;
    setImmediate(run);
  };

  // Deliveries left pending by the previous process.
  kick();

  return {
    retryForMs: settings.retryForMs,
    enqueue(tenantId, type, orderingKey, data) {
      if (enqueueEvent(db, tenantId, type, orderingKey, data, settings.retryForMs) > 0) kick();
    },
    kick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      stopController.abort();
      await Promise.all(inFlight.values());
    },
  };
}
