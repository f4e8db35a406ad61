/**
 * A bare HTTP client for hostile requests that `fetch` refuses to send:
 * duplicated headers, odd methods, malformed percent-encoding in the path,
 * and bodies sent slowly a few bytes at a time.
 */
import { Agent, request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Request target as sent on the wire (path and query). */
  path: string;
  /** An array value sends the header once per entry. */
  headers?: Record<string, string | string[]>;
  body?: string | Uint8Array;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function rawRequest(
  baseUrl: string,
  req: RawRequest,
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string | string[]> = { ...req.headers };
  // Node frames bodies of GET/DELETE/OPTIONS only with an explicit length; without it the bytes would read as a second request.
  if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        agent,
        headers,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Closes the kept-alive connections, so a test file can end. */
export function closeRawClient(): void {
  agent.destroy();
}
