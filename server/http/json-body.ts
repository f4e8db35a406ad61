/**
 * JSON bodies: Fastify's own parser (it refuses `__proto__` and
 * `constructor.prototype` keys), except that an empty body means "no body"
 * instead of an error, since many clients send `Content-Type: application/json`
 * on a body-less DELETE.
 */
import fp from 'fastify-plugin';
import { MAX_JSON_BODY_BYTES, MAX_JSON_DEPTH } from '../../src/sdk/limits.js';
import { ApiError } from '../errors.js';

export const JSON_BODY_LIMIT = MAX_JSON_BODY_BYTES;
/*
 * MAX_JSON_DEPTH: parsing copes with any depth, but storing and answering use
 * recursive serialization, which a few thousand levels in `custom_data` would
 * overflow (a 500 on bad input).
 */

/** True when the JSON text nests deeper than `max` (strings skipped); a scan, so no recursion and no parse. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/** Wrapped in fastify-plugin: every route plugin parses JSON this way. */
export const jsonBodyParser = fp(
  async (app) => {
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
        if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
          done(
            ApiError.invalidField('body', `must not nest more than ${MAX_JSON_DEPTH} levels deep`),
            undefined,
          );
          return;
        }
        defaultParser(request, text, done);
      },
    );
  },
  { name: 'poolse-json-body' },
);
