/** A webhook receiver on 127.0.0.1 for the tests: records every POST and answers as told. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../realtime/harness.js';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = 'ok' | 'fail' | 'redirect' | 'hang';

export class Receiver {
  readonly received: Received[] = [];
  answer: Answer = 'ok';
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Starts listening (again on the same port after a `stop()`). */
  async start(): Promise<this> {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (this.answer === 'hang') return; // never answers: the sender's timeout must end it
        if (this.answer === 'ok') this.received.push({ headers: req.headers, body });
        if (this.answer === 'redirect') {
          res.writeHead(302, { location: `http://127.0.0.1:${this.port}/elsewhere` }).end();
          return;
        }
        res.writeHead(this.answer === 'ok' ? 204 : 500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  events(): Array<{ id: string; type: string; data: Record<string, unknown> }> {
    return this.received.map((r) => JSON.parse(r.body) as ReturnType<Receiver['events']>[number]);
  }

  async waitFor(count: number, timeoutMs = 30_000): Promise<void> {
    await eventually(() => this.received.length >= count, `${count} webhook(s)`, timeoutMs);
  }
}
