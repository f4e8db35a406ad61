/**
 * Attachments: upload URLs (end user), the signed PUT that receives the
 * bytes, signed downloads with safe headers, and deletion.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { AttachmentUploadRequest, AttachmentUploadResponse } from '../../src/sdk/types.js';
import {
  createPendingAttachment,
  deleteAttachmentRow,
  findAttachment,
  markUploaded,
  requireVisibleAttachment,
  serializeAttachment,
} from '../domain/attachments.js';
import { findMessage, hydrateMessage } from '../domain/messages.js';
import type { AttachmentRow } from '../db/rows.js';
import { ApiError } from '../errors.js';
import { API_PREFIX } from '../http/context.js';
import { UPLOAD_ROUTE_URL } from '../http/error-handler.js';
import { callerOf } from '../http/request-pipeline.js';
import { idParams, objectSchema } from '../http/schemas.js';
import {
  bytesMatchDeclaredType,
  isAllowedContentType,
  isInlineType,
  normalizeContentType,
} from '../uploads/content-types.js';
import { removeStoredFile, storedFilePath, writeStoredFile } from '../uploads/file-store.js';
import { contentDisposition, filenameProblem } from '../uploads/filenames.js';
import {
  checkDownloadSignature,
  checkUploadSignature,
  signDownload,
  signUpload,
  type SignatureCheck,
  type SignedQuery,
} from '../uploads/signing.js';

const signedQuery = objectSchema(
  {
    expires: { type: 'integer', minimum: 0 },
    signature: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  ['expires', 'signature'],
);

function refuseUnlessSigned(check: SignatureCheck): void {
  if (check === 'bad_signature') throw ApiError.forbidden('The URL signature is not valid.');
  if (check === 'expired') throw ApiError.forbidden('The URL has expired.');
}

function requireAllowedType(raw: string): string {
  const type = normalizeContentType(raw);
  if (!type) throw ApiError.invalidField('content_type', 'must be a media type like image/png');
  if (!isAllowedContentType(type)) {
    throw new ApiError('unsupported_media_type', `Attachments of type ${type} are not accepted.`);
  }
  return type;
}

/** Registered with the `/v1` prefix. */
export const attachmentRoutes: FastifyPluginAsync = async (app) => {
  const { db, notify, poolse: ctx } = app;

  app.post<{ Body: AttachmentUploadRequest }>(
    '/attachments/upload-url',
    {
      config: { auth: 'user' },
      schema: {
        body: objectSchema(
          {
            content_type: { type: 'string', minLength: 1, maxLength: 255 },
            byte_size: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
            original_filename: { type: 'string', minLength: 1, maxLength: 255 },
          },
          ['content_type', 'byte_size'],
        ),
      },
    },
    async (request): Promise<AttachmentUploadResponse> => {
      const caller = callerOf(request);
      const { byte_size: byteSize, original_filename: filename } = request.body;
      const contentType = requireAllowedType(request.body.content_type);
      if (filename !== undefined) {
        const problem = filenameProblem(filename);
        if (problem) throw ApiError.invalidField('original_filename', problem);
      }
      if (byteSize > ctx.maxUploadBytes) {
        throw new ApiError(
          'attachment_too_large',
          `Attachments are limited to ${ctx.maxUploadBytes} bytes.`,
          {
            max_bytes: ctx.maxUploadBytes,
          },
        );
      }
      const row = createPendingAttachment(db, caller, contentType, byteSize, filename ?? null);
      const signed = signUpload(ctx.signingSecret, row.id, contentType, byteSize);
      const query = new URLSearchParams({
        expires: String(signed.expires),
        signature: signed.signature,
      });
      return {
        attachment: serializeAttachment(row),
        upload: {
          url: `${ctx.apiUrl()}/v1/uploads/${row.id}?${query.toString()}`,
          method: 'put',
          headers: { 'Content-Type': contentType },
        },
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/attachments/:id/download-url',
    { config: { auth: 'user' }, schema: { params: idParams('id') } },
    async (request) => {
      const row = requireVisibleAttachment(db, callerOf(request), request.params.id);
      if (row.sha256 === null) throw ApiError.conflict('The attachment has not been uploaded yet.');
      const signed = signDownload(ctx.signingSecret, row.id);
      const query = new URLSearchParams({
        expires: String(signed.expires),
        signature: signed.signature,
      });
      return {
        url: `${ctx.apiUrl()}/v1/downloads/${row.id}?${query.toString()}`,
        method: 'get' as const,
      };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/attachments/:id',
    { config: { auth: 'user' }, schema: { params: idParams('id') } },
    async (request, reply) => {
      const caller = callerOf(request);
      const row = requireVisibleAttachment(db, caller, request.params.id);
      if (row.sender_id !== caller.userId)
        throw ApiError.forbidden('Only the uploader may delete an attachment.');
      deleteAttachmentRow(db, row.id);
      removeStoredFile(ctx.uploadsDir, row.id);
      const message = row.message_id !== null ? findMessage(db, row.message_id) : undefined;
      if (message) notify.messageUpdated(hydrateMessage(db, message));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { attachment_id: string }; Querystring: SignedQuery }>(
    '/downloads/:attachment_id',
    { schema: { params: idParams('attachment_id'), querystring: signedQuery } },
    async (request, reply) => {
      const id = request.params.attachment_id;
      refuseUnlessSigned(checkDownloadSignature(ctx.signingSecret, id, request.query));
      const row = findAttachment(db, id);
      const path = row ? storedFilePath(ctx.uploadsDir, row.id) : null;
      if (!row || row.sha256 === null || !path || !existsSync(path))
        throw ApiError.notFound('Attachment');
      const kind = isInlineType(row.content_type) ? 'inline' : 'attachment';
      return reply
        .header('Content-Type', row.content_type)
        .header('Content-Length', String(row.byte_size))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Content-Disposition', contentDisposition(kind, row.original_filename))
        .header('Cross-Origin-Resource-Policy', 'cross-origin')
        .header('Cache-Control', 'private, max-age=3600')
        .send(createReadStream(path));
    },
  );

  // The upload PUT takes raw bytes of any type, so it lives in its own scope with its own body parser.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ctx.maxUploadBytes },
      (_request, body, done) => {
        done(null, body);
      },
    );

    /** Checks signature, state, type and declared length, before a single body byte is read. */
    const checkBeforeBody = (
      id: string,
      query: SignedQuery,
      headers: IncomingHttpHeaders,
    ): void => {
      const row = findAttachment(db, id);
      if (!row) throw ApiError.forbidden('The URL signature is not valid.');
      refuseUnlessSigned(
        checkUploadSignature(ctx.signingSecret, row.id, row.content_type, row.byte_size, query),
      );
      if (row.sha256 !== null) throw ApiError.conflict('The attachment was already uploaded.');
      const declared = headers['content-type'];
      if (typeof declared !== 'string' || normalizeContentType(declared) !== row.content_type) {
        throw new ApiError(
          'unsupported_media_type',
          `The upload must be sent with Content-Type: ${row.content_type}.`,
        );
      }
      const length = headers['content-length'];
      if (length !== undefined && Number(length) !== row.byte_size) {
        throw ApiError.invalidField(
          'byte_size',
          `must be exactly ${row.byte_size} bytes as signed`,
        );
      }
    };

    scope.put<{ Params: { attachment_id: string }; Querystring: SignedQuery }>(
      UPLOAD_ROUTE_URL.slice(API_PREFIX.length),
      {
        schema: { params: idParams('attachment_id'), querystring: signedQuery },
        // Refuse early (before the body is read) when the URL is well-formed; malformed ones fail validation later.
        onRequest: async (request) => {
          const query = request.query as unknown as Record<string, unknown>;
          const id = request.params.attachment_id;
          if (typeof query.signature !== 'string' || typeof query.expires !== 'string') return;
          if (!/^\d{1,15}$/.test(query.expires) || !/^[0-9a-f-]{36}$/i.test(id)) return;
          checkBeforeBody(
            id,
            { expires: Number(query.expires), signature: query.signature },
            request.headers,
          );
        },
        preHandler: async (request) => {
          checkBeforeBody(request.params.attachment_id, request.query, request.headers);
        },
      },
      async (request) => {
        const row = findAttachment(db, request.params.attachment_id) as AttachmentRow;
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (bytes.length !== row.byte_size) {
          throw ApiError.invalidField(
            'byte_size',
            `must be exactly ${row.byte_size} bytes as signed`,
          );
        }
        if (!bytesMatchDeclaredType(row.content_type, bytes)) {
          throw new ApiError(
            'unsupported_media_type',
            `The bytes are not a ${row.content_type} file.`,
          );
        }
        writeStoredFile(ctx.uploadsDir, row.id, bytes);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        return serializeAttachment(markUploaded(db, row, sha256));
      },
    );
  });
};
