/**
 * JSON bodies: Fastify's own parser (it refuses `__proto__` and
 * `constructor.prototype` keys), except that an empty body means "no body"
 * instead of an error, since many clients send `Content-Type: application/json`
 * on a body-less DELETE.
 */
import type { FastifyInstance } from 'fastify';

export const JSON_BODY_LIMIT = 1024 * 1024;

export function installJsonBodyParser(app: FastifyInstance): void {
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  // The API speaks JSON only: a text/plain body is refused (415) rather than half-understood.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT },
    (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      defaultParser(request, text, done);
    },
  );
}
