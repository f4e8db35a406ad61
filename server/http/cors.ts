/**
 * CORS for every route: the widget calls this API from other origins.
 * Callers authenticate with bearer tokens, never cookies, so any origin may
 * call and no credentials mode is needed.
 */
import fp from 'fastify-plugin';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Phoenix-AuthToken';
const EXPOSED_HEADERS = 'Retry-After, Idempotent-Replayed, X-Poolse-Demo';

/** Wrapped in fastify-plugin: the headers go on every answer, errors and 404s included. */
export const corsPlugin = fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const origin = request.headers.origin;
      reply.header(
        'Access-Control-Allow-Origin',
        typeof origin === 'string' && origin !== '' ? origin : '*',
      );
      reply.header('Vary', 'Origin');
      reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      return payload;
    });
    // Preflights for any path, including routes that do not exist (their real request then gets 404).
    app.options('/*', async (_request, reply) => {
      reply
        .code(204)
        .header('Access-Control-Allow-Methods', ALLOWED_METHODS)
        .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
        .header('Access-Control-Max-Age', '600');
      return reply.send();
    });
  },
  { name: 'poolse-cors' },
);
