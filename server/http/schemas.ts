/**
 * JSON-schema fragments shared by the routes. Bodies refuse unknown fields
 * (`additionalProperties: false`); the validator reports every problem.
 */
import {
  MAX_CUSTOM_DATA_PROPERTIES,
  MAX_EXTERNAL_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
} from '../../src/sdk/limits.js';

export {
  MAX_BODY_LENGTH,
  MAX_EXTERNAL_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
} from '../../src/sdk/limits.js';

export const uuid = { type: 'string', format: 'uuid' } as const;

export const externalId = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_EXTERNAL_ID_LENGTH,
} as const;

/** Free-form app data: an object of bounded size. */
export const customData = { type: 'object', maxProperties: MAX_CUSTOM_DATA_PROPERTIES } as const;

export const nullableName = { type: ['string', 'null'], maxLength: MAX_NAME_LENGTH } as const;

export const nullableUrl = { type: ['string', 'null'], maxLength: MAX_URL_LENGTH } as const;

export function objectSchema(
  properties: Record<string, unknown>,
  required: string[] = [],
): Record<string, unknown> {
  return { type: 'object', properties, required, additionalProperties: false };
}

export function idParams(...names: string[]): Record<string, unknown> {
  return objectSchema(Object.fromEntries(names.map((name) => [name, uuid])), names);
}

export function pageQuery(maxLimit: number): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: maxLimit },
      before: { type: 'integer', minimum: 0 },
      after: { type: 'integer', minimum: 0 },
    },
  };
}
