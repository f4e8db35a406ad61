/**
 * JSON-schema fragments shared by the routes. Bodies refuse unknown fields
 * (`additionalProperties: false`); the validator reports every problem.
 */
export const MAX_BODY_LENGTH = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_EXTERNAL_ID_LENGTH = 255;
export const MAX_URL_LENGTH = 2048;

export const uuid = { type: 'string', format: 'uuid' } as const;

export const externalId = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_EXTERNAL_ID_LENGTH,
} as const;

/** Free-form app data: an object of bounded size. */
export const customData = { type: 'object', maxProperties: 100 } as const;

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
