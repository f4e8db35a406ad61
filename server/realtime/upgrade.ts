/**
 * The HTTP side of opening a socket: which requests are ours, where the
 * token is, and how a refusal is answered (a plain HTTP status, no upgrade).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';

export const SOCKET_PATH = '/socket/websocket';
/** The `phoenix` client's default (JSON array) serializer. */
export const SERIALIZER_VSN = '2.0.0';
/** The `phoenix` client's `authToken` option sends the token as a subprotocol with this prefix. */
const AUTH_TOKEN_PROTOCOL_PREFIX = 'base64url.bearer.phx.';
const MAX_TOKEN_LENGTH = 8192;

/** The token from the `token` query param, or from the `authToken` subprotocol. */
export function socketToken(url: URL, headers: IncomingHttpHeaders): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery.length <= MAX_TOKEN_LENGTH ? fromQuery : null;
  const protocols = headers['sec-websocket-protocol'];
  if (typeof protocols !== 'string') return null;
  for (const raw of protocols.split(',')) {
    const protocol = raw.trim();
    if (protocol.startsWith(AUTH_TOKEN_PROTOCOL_PREFIX)) {
      const encoded = protocol.slice(AUTH_TOKEN_PROTOCOL_PREFIX.length);
      if (encoded.length === 0 || encoded.length > MAX_TOKEN_LENGTH) return null;
      return Buffer.from(encoded, 'base64url').toString('utf8');
    }
  }
  return null;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/** Answers the upgrade request with a plain HTTP error and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const text = STATUS_TEXT[status] ?? 'Error';
  const body = `${text}\n`;
  socket.once('finish', () => socket.destroy());
  // A peer that never reads must not keep the connection open.
  setTimeout(() => socket.destroy(), 2000).unref();
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}

/** Parses the request target; null when it is not a usable URL. */
export function requestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}
