/**
 * Attachments: upload URLs (end user), the signed PUT that receives the
 * bytes, signed downloads with safe headers, and deletion.
 */
import { createReadStream, existsSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
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
import { ApiError, errorEnvelope } from '../errors.js';
import { API_PREFIX } from '../http/context.js';
import { UPLOAD_ROUTE_URL } from '../http/error-handler.js';
import { callerOf } from '../http/request-pipeline.js';
import { idParams, objectSchema } from '../http/schemas.js';
import { uploadDeadlineMs } from '../uploads/body-deadline.js';
import {
  isAllowedContentType,
  isInlineType,
  normalizeContentType,
} from '../uploads/content-types.js';
import { removeStoredFile, storedFilePath } from '../uploads/file-store.js';
import { receiveUpload, UploadTimeoutError } from '../uploads/receive-body.js';
import { contentDisposition, filenameProblem } from '../uploads/filenames.js';
import {
  checkDownloadSignature,
  checkUploadSignature,
  signDownload,
  signUpload,
  type SignatureCheck,
  type SignedQuery,
} from '../uploads/signing.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a refused upload's connection stays open so its client can read the answer. */
const REFUSED_BODY_GRACE_MS = 1000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The pending attachment an upload PUT was checked against (upload route only). */
    uploadRow: AttachmentRow | null;
    /** Frees the upload's concurrency slot (upload route only). */
    releaseUploadSlot: (() => void) | null;
  }
}

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

  // The upload PUT takes raw bytes of any type, so it lives in its own scope. Its parser reads
  // nothing: the handler streams the body to disk itself, and only after every check passed.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => {
      done(null, undefined);
    });

    /** Everything about the URL and headers, before a single body byte is read. */
    const checkBeforeBody = (request: FastifyRequest): AttachmentRow => {
      const id = (request.params as { attachment_id?: unknown }).attachment_id;
      const query = request.query as Record<string, unknown>;
      if (typeof id !== 'string' || !UUID_PATTERN.test(id))
        throw ApiError.forbidden('The URL signature is not valid.');
      if (typeof query.expires !== 'string' || !/^\d{1,15}$/.test(query.expires))
        throw ApiError.invalidField('expires', 'must be a whole number of seconds');
      if (typeof query.signature !== 'string' || !/^[0-9a-f]{64}$/.test(query.signature))
        throw ApiError.invalidField('signature', 'must be 64 hexadecimal characters');
      const row = findAttachment(db, id);
      if (!row) throw ApiError.forbidden('The URL signature is not valid.');
      refuseUnlessSigned(
        checkUploadSignature(ctx.signingSecret, row.id, row.content_type, row.byte_size, {
          expires: Number(query.expires),
          signature: query.signature,
        }),
      );
      if (row.sha256 !== null) throw ApiError.conflict('The attachment was already uploaded.');
      const declared = request.headers['content-type'];
      if (typeof declared !== 'string' || normalizeContentType(declared) !== row.content_type) {
        throw new ApiError(
          'unsupported_media_type',
          `The upload must be sent with Content-Type: ${row.content_type}.`,
        );
      }
      const length = request.headers['content-length'];
      if (length !== undefined && Number(length) !== row.byte_size) {
        throw ApiError.invalidField(
          'byte_size',
          `must be exactly ${row.byte_size} bytes as signed`,
        );
      }
      return row;
    };

    scope.decorateRequest('uploadRow', null);
    scope.decorateRequest('releaseUploadSlot', null);

    // A refused upload is answered at once and its connection closed soon after, so an
    // unread body cannot keep the connection (or, before, the server's memory) busy.
    scope.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode >= 400 && !request.raw.complete) reply.header('Connection', 'close');
      return payload;
    });
    scope.addHook('onResponse', async (request) => {
      request.releaseUploadSlot?.();
      if (!request.raw.complete) {
        const socket = request.raw.socket;
        setTimeout(() => socket.destroy(), REFUSED_BODY_GRACE_MS).unref();
      }
    });

    scope.put<{ Params: { attachment_id: string } }>(
      UPLOAD_ROUTE_URL.slice(API_PREFIX.length),
      {
        onRequest: async (request) => {
          const row = checkBeforeBody(request);
          const release = ctx.uploadSlots.take(row.sender_id ?? row.id, request.ip);
          if (!release) {
            throw new ApiError(
              'rate_limited',
              'Too many uploads at once from this client; finish one first.',
              undefined,
              1,
            );
          }
          request.releaseUploadSlot = release;
          // The slot is also freed when the client goes away mid-body.
          request.raw.once('close', release);
          request.uploadRow = row;
        },
      },
      async (request, reply) => {
        const row = request.uploadRow as AttachmentRow;
        const deadlineMs = uploadDeadlineMs(row.byte_size, ctx.requestTimeoutMs);
        let sha256: string;
        try {
          sha256 = await receiveUpload(request.raw, {
            uploadsDir: ctx.uploadsDir,
            attachmentId: row.id,
            contentType: row.content_type,
            byteSize: row.byte_size,
            deadlineMs,
          });
        } catch (error) {
          if (!(error instanceof UploadTimeoutError)) throw error;
          return reply
            .code(408)
            .header('Connection', 'close')
            .type('application/json; charset=utf-8')
            .send(errorEnvelope(ctx.apiUrl(), error.code, error.message, error.details));
        }
        // Another PUT of the same URL may have finished first: the first one wins.
        const current = findAttachment(db, row.id);
        if (!current || current.sha256 !== null)
          throw ApiError.conflict('The attachment was already uploaded.');
        return serializeAttachment(markUploaded(db, current, sha256));
      },
    );
  });
};
