/** The backend's (API-key) routes for webhook endpoints and their deliveries. */
import type { FastifyPluginAsync } from 'fastify';
import type { WebhookEventType } from '../../src/sdk/types.js';
import { ApiError } from '../errors.js';
import { tenantOf } from '../http/request-pipeline.js';
import { idParams, MAX_URL_LENGTH, objectSchema } from '../http/schemas.js';
import {
  deliveryAnswer,
  findDelivery,
  listDeliveries,
  replayDelivery,
} from '../webhooks/deliveries.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.js';
import {
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listEndpoints,
  serializeEndpoint,
  updateEndpoint,
} from '../webhooks/endpoints.js';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/event-types.js';

const DEFAULT_DELIVERIES = 50;
const MAX_DELIVERIES = 100;

const url = { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH } as const;
const eventTypes = {
  type: 'array',
  items: { type: 'string', enum: WEBHOOK_EVENT_TYPES },
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
} as const;
const description = { type: ['string', 'null'], maxLength: 500 } as const;

interface EndpointBody {
  url: string;
  event_types: WebhookEventType[];
  description?: string | null;
  enabled?: boolean;
}

export interface WebhookRoutesOptions {
  dispatcher: WebhookDispatcher;
}

/** Registered with the `/v1` prefix. */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, options) => {
  const { dispatcher } = options;
  const { db } = app;
  const requireEndpoint = (tenantId: string, id: string) => {
    const row = findEndpoint(db, tenantId, id);
    if (!row) throw ApiError.notFound('Webhook endpoint');
    return row;
  };

  app.post<{ Body: EndpointBody }>(
    '/webhooks',
    {
      config: { auth: 'apiKey' },
      schema: {
        body: objectSchema(
          { url, event_types: eventTypes, description, enabled: { type: 'boolean' } },
          ['url', 'event_types'],
        ),
      },
    },
    async (request, reply) => {
      const row = createEndpoint(db, tenantOf(request), request.body);
      return reply.code(201).send(serializeEndpoint(row, true));
    },
  );

  app.get('/webhooks', { config: { auth: 'apiKey' } }, async (request) => ({
    data: listEndpoints(db, tenantOf(request)).map((row) => serializeEndpoint(row)),
  }));

  app.get<{ Params: { id: string } }>(
    '/webhooks/:id',
    { config: { auth: 'apiKey' }, schema: { params: idParams('id') } },
    async (request) =>
      serializeEndpoint(requireEndpoint(tenantOf(request), request.params.id), true),
  );

  app.patch<{ Params: { id: string }; Body: Partial<EndpointBody> }>(
    '/webhooks/:id',
    {
      config: { auth: 'apiKey' },
      schema: {
        params: idParams('id'),
        body: objectSchema({
          url,
          event_types: eventTypes,
          description,
          enabled: { type: 'boolean' },
        }),
      },
    },
    async (request) => {
      const row = requireEndpoint(tenantOf(request), request.params.id);
      return serializeEndpoint(updateEndpoint(db, row, request.body));
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/webhooks/:id',
    { config: { auth: 'apiKey' }, schema: { params: idParams('id') } },
    async (request, reply) => {
      deleteEndpoint(db, requireEndpoint(tenantOf(request), request.params.id));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/webhooks/:id/deliveries',
    {
      config: { auth: 'apiKey' },
      schema: {
        params: idParams('id'),
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: MAX_DELIVERIES } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const row = requireEndpoint(tenantOf(request), request.params.id);
      return { data: listDeliveries(db, row.id, request.query.limit ?? DEFAULT_DELIVERIES) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/webhooks/deliveries/:id',
    { config: { auth: 'apiKey' }, schema: { params: idParams('id') } },
    async (request) => {
      const row = findDelivery(db, tenantOf(request), request.params.id);
      if (!row) throw ApiError.notFound('Webhook delivery');
      return deliveryAnswer(db, row);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/webhooks/deliveries/:id/replay',
    { config: { auth: 'apiKey', idempotent: true }, schema: { params: idParams('id') } },
    async (request, reply) => {
      const row = findDelivery(db, tenantOf(request), request.params.id);
      if (!row) throw ApiError.notFound('Webhook delivery');
      const replay = replayDelivery(db, row, dispatcher.retryForMs);
      dispatcher.kick();
      return reply.code(202).send(deliveryAnswer(db, replay));
    },
  );
};
