/**
 * A tiny static file server for built pages, with headers of the test's
 * choosing (a Content-Security-Policy) and extra pages given as strings.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticServerOptions {
  /** Folders to serve, first match wins; `prefix` mounts one under a path (e.g. `/cdn`). */
  roots: { dir: string; prefix?: string }[];
  /** Headers on every answer. */
  headers?: Record<string, string>;
  /** Extra pages by path (e.g. `/launcher.html`). */
  pages?: Record<string, string>;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      for (const [name, value] of Object.entries(options.headers ?? {}))
        response.setHeader(name, value);
      const page = options.pages?.[path];
      if (page !== undefined) {
        response.writeHead(200, { 'Content-Type': TYPES['.html']! }).end(page);
        return;
      }
      for (const root of options.roots) {
        const prefix = root.prefix ?? '';
        if (!path.startsWith(`${prefix}/`)) continue;
        const relative =
          path.slice(prefix.length) === '/' ? '/index.html' : path.slice(prefix.length);
        const file = normalize(join(root.dir, relative));
        if (!file.startsWith(normalize(root.dir) + sep)) continue;
        try {
          const body = await readFile(file);
          response
            .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
            .end(body);
          return;
        } catch {
          // Not in this root.
        }
      }
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
