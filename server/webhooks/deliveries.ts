/**
 * Webhook deliveries, kept in the database so that nothing is lost across a
 * restart: one row per (event, endpoint), delivered in `seq` order per
 * endpoint and ordering key (the conversation), with every attempt recorded.
 */
import { randomUUID } from 'node:crypto';
import type {
  JsonObject,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEvent,
  WebhookEventType,
} from '../../src/sdk/types.js';
import type { Db } from '../db/database.js';
import { isoFromMs, isoNow } from '../time.js';
import type { WebhookEndpointRow } from './endpoints.js';

export interface DeliveryRow {
  seq: number;
  id: string;
  endpoint_id: string;
  tenant_id: string;
  event_id: string;
  event_type: WebhookEventType;
  ordering_key: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempt_count: number;
  next_attempt_at_ms: number;
  give_up_at_ms: number;
  replay_of: string | null;
  inserted_at: string;
  updated_at: string;
}

export interface DeliveryHead extends DeliveryRow {
  url: string;
  secret: string;
}

/**
 * Writes one delivery per enabled endpoint of the tenant subscribed to the
 * event's type; answers how many. One event object (and id) for them all.
 */
export function enqueueEvent(
  db: Db,
  tenantId: string,
  type: WebhookEventType,
  orderingKey: string,
  data: JsonObject,
  retryForMs: number,
  nowMs = Date.now(),
): number {
  const endpoints = (
    db
      .prepare('SELECT * FROM webhook_endpoints WHERE tenant_id = ? AND enabled = 1')
      .all(tenantId) as WebhookEndpointRow[]
  ).filter((endpoint) => (JSON.parse(endpoint.event_types) as string[]).includes(type));
  if (endpoints.length === 0) return 0;
  const now = isoFromMs(nowMs);
  const event: WebhookEvent = {
    id: randomUUID(),
    type,
    tenant_id: tenantId,
    created_at: now,
    data,
  };
  const payload = JSON.stringify(event);
  const insert = db.prepare(
    `INSERT INTO webhook_deliveries (id, endpoint_id, tenant_id, event_id, event_type, ordering_key, payload,
       status, attempt_count, next_attempt_at_ms, give_up_at_ms, inserted_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const endpoint of endpoints) {
      insert.run(
        randomUUID(),
        endpoint.id,
        tenantId,
        event.id,
        type,
        orderingKey,
        payload,
        nowMs,
        nowMs + retryForMs,
        now,
        now,
      );
    }
  })();
  return endpoints.length;
}

/**
 * The oldest pending delivery of each (endpoint, ordering key), soonest due
 * first: only a head may be attempted, which keeps each conversation's
 * events in order at each endpoint.
 */
export function pendingHeads(db: Db, limit: number): DeliveryHead[] {
  // The inner query reads only the (status, endpoint, ordering key, seq) index.
  return db
    .prepare(
      `SELECT d.*, e.url, e.secret FROM (
         SELECT MIN(seq) AS head FROM webhook_deliveries WHERE status = 'pending'
         GROUP BY endpoint_id, ordering_key
       ) h
       JOIN webhook_deliveries d ON d.seq = h.head
       JOIN webhook_endpoints e ON e.id = d.endpoint_id
       ORDER BY d.next_attempt_at_ms, d.seq
       LIMIT ?`,
    )
    .all(limit) as DeliveryHead[];
}

export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface RetryPolicy {
  /** First retry delay; each later one doubles. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Records the attempt and moves the delivery on: delivered, retried later, or given up. */
export function recordAttempt(
  db: Db,
  delivery: DeliveryRow,
  outcome: AttemptOutcome,
  policy: RetryPolicy,
  nowMs = Date.now(),
): DeliveryRow['status'] {
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const attempts = delivery.attempt_count + 1;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  const status = ok ? 'delivered' : nowMs + delay > delivery.give_up_at_ms ? 'failed' : 'pending';
  db.transaction(() => {
    const moved = db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, attempt_count = ?, next_attempt_at_ms = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(status, attempts, nowMs + delay, isoFromMs(nowMs), delivery.id);
    // The endpoint (and its deliveries) may have been deleted while the attempt was in flight.
    if (moved.changes === 0) return;
    db.prepare(
      `INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(delivery.id, isoFromMs(nowMs), outcome.statusCode, outcome.error, outcome.durationMs);
  })();
  return status;
}

function serializeDelivery(db: Db, row: DeliveryRow): WebhookDelivery {
  const attempts = db
    .prepare(
      `SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempts
       WHERE delivery_id = ? ORDER BY id`,
    )
    .all(row.id) as WebhookAttempt[];
  return {
    id: row.id,
    endpoint_id: row.endpoint_id,
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status,
    attempt_count: row.attempt_count,
    next_attempt_at: row.status === 'pending' ? isoFromMs(row.next_attempt_at_ms) : null,
    replay_of: row.replay_of,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
    attempts,
    payload: JSON.parse(row.payload) as WebhookEvent,
  };
}

/** The endpoint's most recent deliveries, newest first. */
export function listDeliveries(db: Db, endpointId: string, limit: number): WebhookDelivery[] {
  const rows = db
    .prepare('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY seq DESC LIMIT ?')
    .all(endpointId, limit) as DeliveryRow[];
  return rows.map((row) => serializeDelivery(db, row));
}

export function findDelivery(db: Db, tenantId: string, id: string): DeliveryRow | undefined {
  return db
    .prepare('SELECT * FROM webhook_deliveries WHERE id = ? AND tenant_id = ?')
    .get(id, tenantId) as DeliveryRow | undefined;
}

export function deliveryAnswer(db: Db, row: DeliveryRow): WebhookDelivery {
  return serializeDelivery(db, row);
}

/**
 * Sends the same event again as a new delivery, due now. It gets an ordering
 * key of its own: a replay is a deliberate repeat and waits for nothing.
 */
export function replayDelivery(
  db: Db,
  row: DeliveryRow,
  retryForMs: number,
  nowMs = Date.now(),
): DeliveryRow {
  const now = isoNow();
  const id = randomUUID();
  db.prepare(
    `INSERT INTO webhook_deliveries (id, endpoint_id, tenant_id, event_id, event_type, ordering_key, payload,
       status, attempt_count, next_attempt_at_ms, give_up_at_ms, replay_of, inserted_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    row.endpoint_id,
    row.tenant_id,
    row.event_id,
    row.event_type,
    `replay:${id}`,
    row.payload,
    nowMs,
    nowMs + retryForMs,
    row.id,
    now,
    now,
  );
  return db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as DeliveryRow;
}

/** Forgets finished deliveries older than `keepMs` (their attempts go with them). */
export function pruneDeliveries(db: Db, keepMs: number, nowMs = Date.now()): void {
  db.prepare(`DELETE FROM webhook_deliveries WHERE status != 'pending' AND updated_at < ?`).run(
    isoFromMs(nowMs - keepMs),
  );
}
