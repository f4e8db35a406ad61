/**
 * A local poolse server of a test's own, in a child process, so a fault test
 * can kill it and start it again on the same port and data (the shared server
 * of `playwright.config.ts` must never go down under the other specs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The demo tenant's API key (`server/seed/demo-seed.ts`). */
export const DEMO_API_KEY = 'pk_demo_local_only_0000000000000000';

const READY_TIMEOUT_MS = 30_000;
const TAIL_LINES = 30;

/** A free TCP port on 127.0.0.1: the server must come back on the same one after a restart. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class LocalServer {
  readonly url: string;
  private child: ChildProcess | null = null;
  private readonly tail: string[] = [];
  /** How many times the process was killed and started again. */
  restarts = 0;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts a demo-seeded server with the test routes on a free port and a fresh data folder. */
  static async start(): Promise<LocalServer> {
    const server = new LocalServer(await freePort(), mkdtempSync(join(tmpdir(), 'poolse-e2e-')));
    await server.launch();
    return server;
  }

  /** Kills the process without warning (SIGKILL: no graceful close), then starts it again on the same port and data. */
  async killAndRestart(downMs = 500): Promise<void> {
    await this.crash();
    await sleep(downMs);
    await this.restart();
  }

  /** Kills the process without warning (SIGKILL): the server is simply gone. */
  async crash(): Promise<void> {
    await this.kill('SIGKILL');
  }

  /** Starts the process again on the same port and data after `crash()`. */
  async restart(): Promise<void> {
    await this.launch();
    this.restarts += 1;
  }

  /** Stops the server and removes its data. */
  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The last lines the server wrote, for failure messages. */
  output(): string {
    return this.tail.join('\n');
  }

  private async launch(): Promise<void> {
    const args = ['--import', 'tsx', 'server/cli.ts', '--data', this.dataDir, '--seed', 'demo'];
    args.push('--port', String(this.port), '--host', '127.0.0.1', '--test-routes');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // If the test runner's worker goes away without stopping us, the server goes with it.
    const orphanGuard = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    const keep = (chunk: Buffer): void => {
      this.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    throw new Error(`local server did not come up on ${this.url}:\n${this.output()}`);
  }

  private async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timeout = sleep(5_000).then(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    await Promise.race([exited, timeout]);
    await exited;
  }
}
