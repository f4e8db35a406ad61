/** Webhook endpoints a tenant registers with its API key. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { WebhookEndpoint, WebhookEventType } from '../../src/sdk/types.js';
import type { Db } from '../db/database.js';
import { ApiError } from '../errors.js';
import { isoNow } from '../time.js';

/** Endpoints per tenant: enough for several services, bounded so one event's fan-out stays cheap. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

export interface WebhookEndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  secret: string;
  event_types: string;
  description: string | null;
  enabled: number;
  inserted_at: string;
  updated_at: string;
}

export function serializeEndpoint(row: WebhookEndpointRow, withSecret = false): WebhookEndpoint {
  const endpoint: WebhookEndpoint = {
    id: row.id,
    url: row.url,
    event_types: JSON.parse(row.event_types) as WebhookEventType[],
    description: row.description,
    enabled: row.enabled === 1,
    inserted_at: row.inserted_at,
    updated_at: row.updated_at,
  };
  if (withSecret) endpoint.secret = row.secret;
  return endpoint;
}

/** Only absolute http(s) URLs without credentials in them. */
export function requireWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw ApiError.invalidField('url', 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw ApiError.invalidField('url', 'must be an http or https URL');
  if (parsed.username !== '' || parsed.password !== '')
    throw ApiError.invalidField('url', 'must not carry credentials');
  return parsed.href;
}

export function findEndpoint(db: Db, tenantId: string, id: string): WebhookEndpointRow | undefined {
  return db
    .prepare('SELECT * FROM webhook_endpoints WHERE id = ? AND tenant_id = ?')
    .get(id, tenantId) as WebhookEndpointRow | undefined;
}

export function listEndpoints(db: Db, tenantId: string): WebhookEndpointRow[] {
  return db
    .prepare('SELECT * FROM webhook_endpoints WHERE tenant_id = ? ORDER BY inserted_at, rowid')
    .all(tenantId) as WebhookEndpointRow[];
}

export interface EndpointFields {
  url?: string;
  event_types?: WebhookEventType[];
  description?: string | null;
  enabled?: boolean;
}

export function createEndpoint(
  db: Db,
  tenantId: string,
  fields: Required<Pick<EndpointFields, 'url' | 'event_types'>> & EndpointFields,
): WebhookEndpointRow {
  const count = (
    db.prepare('SELECT COUNT(*) AS n FROM webhook_endpoints WHERE tenant_id = ?').get(tenantId) as {
      n: number;
    }
  ).n;
  if (count >= MAX_ENDPOINTS_PER_TENANT)
    throw ApiError.conflict(`A tenant may register at most ${MAX_ENDPOINTS_PER_TENANT} endpoints.`);
  const now = isoNow();
  const row: WebhookEndpointRow = {
    id: randomUUID(),
    tenant_id: tenantId,
    url: requireWebhookUrl(fields.url),
    secret: `whsec_${randomBytes(32).toString('hex')}`,
    event_types: JSON.stringify([...new Set(fields.event_types)]),
    description: fields.description ?? null,
    enabled: fields.enabled === false ? 0 : 1,
    inserted_at: now,
    updated_at: now,
  };
  db.prepare(
    `INSERT INTO webhook_endpoints (id, tenant_id, url, secret, event_types, description, enabled, inserted_at, updated_at)
     VALUES (@id, @tenant_id, @url, @secret, @event_types, @description, @enabled, @inserted_at, @updated_at)`,
  ).run(row);
  return row;
}

export function updateEndpoint(
  db: Db,
  row: WebhookEndpointRow,
  fields: EndpointFields,
): WebhookEndpointRow {
  const next: WebhookEndpointRow = { ...row, updated_at: isoNow() };
  if (fields.url !== undefined) next.url = requireWebhookUrl(fields.url);
  if (fields.event_types !== undefined)
    next.event_types = JSON.stringify([...new Set(fields.event_types)]);
  if (fields.description !== undefined) next.description = fields.description;
  if (fields.enabled !== undefined) next.enabled = fields.enabled ? 1 : 0;
  db.prepare(
    `UPDATE webhook_endpoints SET url = @url, event_types = @event_types, description = @description,
       enabled = @enabled, updated_at = @updated_at WHERE id = @id`,
  ).run(next);
  return next;
}

/** Removes the endpoint with its deliveries and their attempts (cascade). */
export function deleteEndpoint(db: Db, row: WebhookEndpointRow): void {
  db.prepare('DELETE FROM webhook_endpoints WHERE id = ?').run(row.id);
}
