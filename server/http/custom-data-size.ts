/**
 * `custom_data` and `settings` are free-form, so their size is checked as
 * JSON bytes: without it one member could store a megabyte per message (or
 * per conversation) and make every page that carries it huge for everyone.
 */
import fp from 'fastify-plugin';
import { MAX_CUSTOM_DATA_BYTES } from '../../src/sdk/limits.js';
import { ApiError } from '../errors.js';

const FREE_FORM_FIELDS = ['custom_data', 'settings'] as const;

export const customDataSizePlugin = fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      const body = request.body;
      if (typeof body !== 'object' || body === null) return;
      for (const field of FREE_FORM_FIELDS) {
        const value = (body as Record<string, unknown>)[field];
        if (value === undefined || value === null) continue;
        if (Buffer.byteLength(JSON.stringify(value)) > MAX_CUSTOM_DATA_BYTES) {
          throw ApiError.invalidField(
            field,
            `must be at most ${MAX_CUSTOM_DATA_BYTES} bytes of JSON`,
          );
        }
      }
    });
  },
  { name: 'poolse-custom-data-size' },
);
