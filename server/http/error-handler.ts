/**
 * The one place that turns anything thrown into the contract's error
 * envelope: our own ApiErrors, Fastify's validation and body-parsing errors,
 * unknown routes, and unexpected throws (logged, answered as `internal`).
 */
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorCode, JsonObject } from '../../src/sdk/types.js';
import { ApiError, errorEnvelope, ERROR_STATUS, type FieldErrors } from '../errors.js';
import type { ServerContext } from './context.js';
import { SERVICES_PLUGIN } from './services.js';

/** Route whose body limit is the upload limit, so an oversize body is `attachment_too_large`. */
export const UPLOAD_ROUTE_URL = '/v1/uploads/:attachment_id';

function fieldOf(error: FastifySchemaValidationError, part: string | undefined): string {
  const path = error.instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .join('.');
  const params = error.params as Record<string, unknown>;
  const child =
    typeof params.additionalProperty === 'string'
      ? params.additionalProperty
      : typeof params.missingProperty === 'string'
        ? params.missingProperty
        : '';
  const field = [path, child].filter((s) => s !== '').join('.');
  return field !== '' ? field : (part ?? 'body');
}

function problemOf(error: FastifySchemaValidationError): string {
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'required') return 'is required';
  return error.message ?? 'is invalid';
}

export function validationDetails(
  errors: FastifySchemaValidationError[],
  part: string | undefined,
): FieldErrors {
  // No prototype: a field named `constructor` or `__proto__` must not find Object's own members.
  const details = Object.create(null) as FieldErrors;
  for (const error of errors) {
    const field = fieldOf(error, part);
    const problems = (details[field] ??= []);
    const problem = problemOf(error);
    if (!problems.includes(problem)) problems.push(problem);
  }
  return details;
}

function isJsonSyntaxProblem(error: FastifyError): boolean {
  return (
    error instanceof SyntaxError ||
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
  );
}

interface Mapped {
  code: ErrorCode;
  message: string;
  details?: JsonObject;
  retryAfter?: number;
}

function mapError(error: FastifyError, request: FastifyRequest): Mapped | null {
  if (error instanceof ApiError) {
    const mapped: Mapped = { code: error.code, message: error.message };
    if (error.details !== undefined) mapped.details = error.details;
    if (error.retryAfter !== undefined) mapped.retryAfter = error.retryAfter;
    return mapped;
  }
  if (Array.isArray(error.validation)) {
    const part = error.validationContext;
    return {
      code: 'validation_failed',
      message: `The request ${part ?? 'input'} is not valid.`,
      details: validationDetails(error.validation, part),
    };
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return request.routeOptions.url === UPLOAD_ROUTE_URL
      ? { code: 'attachment_too_large', message: 'The upload is over the size limit.' }
      : { code: 'payload_too_large', message: 'The request body is over the size limit.' };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
    return { code: 'unsupported_media_type', message: 'This content type is not accepted here.' };
  }
  if (isJsonSyntaxProblem(error)) {
    return { code: 'invalid_json', message: 'The request body is not valid JSON.' };
  }
  const status = error.statusCode ?? 500;
  if (status === 404) return { code: 'not_found', message: 'Not found.' };
  if (status >= 400 && status < 500) {
    return { code: 'validation_failed', message: error.message || 'The request is not valid.' };
  }
  return null;
}

export function sendError(
  ctx: ServerContext,
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: JsonObject,
  retryAfter?: number,
): FastifyReply {
  if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
  return reply
    .code(ERROR_STATUS[code])
    .type('application/json; charset=utf-8')
    .send(errorEnvelope(ctx.apiUrl(), code, message, details));
}

/** Wrapped in fastify-plugin: the handlers must be the root's, inherited by every route plugin. */
export const errorHandling = fp(
  async (app: FastifyInstance) => {
    const ctx = app.poolse;
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const mapped = mapError(error, request);
      if (!mapped) {
        ctx.logError(error, `${request.method} ${request.url}`);
        return sendError(ctx, reply, 'internal', 'Something went wrong on the server.');
      }
      return sendError(ctx, reply, mapped.code, mapped.message, mapped.details, mapped.retryAfter);
    });
    app.setNotFoundHandler((request, reply) => {
      return sendError(
        ctx,
        reply,
        'not_found',
        `No route ${request.method} ${request.url.split('?')[0]}.`,
      );
    });
  },
  { name: 'poolse-error-handling', dependencies: [SERVICES_PLUGIN] },
);

/**
 * Fastify's `frameworkErrors`: failures before routing (a path with broken
 * percent-encoding) would otherwise answer in Fastify's own shape.
 */
export function frameworkErrorHandler(apiUrl: () => string) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    const details = error.code === 'FST_ERR_BAD_URL' ? { path: ['is not a valid URL'] } : undefined;
    void reply
      .code(ERROR_STATUS.validation_failed)
      .type('application/json; charset=utf-8')
      .send(errorEnvelope(apiUrl(), 'validation_failed', 'The request URL is not valid.', details));
  };
}
