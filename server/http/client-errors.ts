/**
 * Requests that never reach a route because Node's HTTP parser gave up on
 * them (headers too large, a body that takes too long, a malformed request
 * line) still get the contract's error envelope, not Fastify's own shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../../src/sdk/types.js';
import { errorEnvelope } from '../errors.js';

interface ParserFailure {
  status: number;
  code: ErrorCode;
  message: string;
}

function failureOf(error: NodeJS.ErrnoException): ParserFailure {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      code: 'payload_too_large',
      message: 'The request headers are over the size limit.',
    };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      code: 'validation_failed',
      message: 'The request did not arrive in time.',
    };
  }
  return { status: 400, code: 'validation_failed', message: 'The HTTP request is malformed.' };
}

/** Fastify's `clientErrorHandler`: answers in the envelope, then drops the connection. */
export function clientErrorHandler(apiUrl: () => string) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const failure = failureOf(error);
      const body = JSON.stringify(errorEnvelope(apiUrl(), failure.code, failure.message));
      socket.write(
        `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status] ?? 'Error'}\r\n` +
          'Connection: close\r\n' +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          '\r\n' +
          body,
      );
    }
    socket.destroy();
  };
}
