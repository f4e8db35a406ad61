/** Starts `bench-server.ts` in a child process and waits for its ready line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchServerInfo } from './bench-server-info.js';
import { freePort, startProcess, waitForUrl, type Tracked } from './processes.js';

export interface BenchServer {
  info: BenchServerInfo;
  process: Tracked;
  dataDir: string;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

export interface BenchServerOptions {
  port?: number;
  demo?: boolean;
  bulk?: readonly number[];
  fanoutUsers?: number;
  /** How long to wait for the ready line (seeding 50,000 messages included). */
  timeoutMs?: number;
  /**
   * Serve with the real CLI (`server/cli.ts --no-rate-limit`) after seeding
   * the data folder in a separate step, instead of the in-process server.
   */
  cli?: boolean;
}

const READY = 'BENCH_READY ';

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'poolse-bench-'));
  const args = [
    '--import',
    'tsx',
    'bench/support/bench-server.ts',
    '--data',
    dataDir,
    '--port',
    String(options.port ?? 0),
  ];
  if (options.cli) args.push('--seed-only');
  if (options.demo) args.push('--demo');
  if (options.bulk && options.bulk.length > 0) args.push('--bulk', options.bulk.join(','));
  if (options.fanoutUsers) args.push('--fanout-users', String(options.fanoutUsers));
  const proc = startProcess('bench-server', process.execPath, args);
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const info = await new Promise<BenchServerInfo>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`bench server not ready after ${timeoutMs / 1000} s:\n${proc.tail()}`)),
        timeoutMs,
      );
      proc.onLine((line) => {
        if (!line.startsWith(READY)) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line.slice(READY.length)) as BenchServerInfo);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      void proc.exited.then((code) => {
        // The exit can be reported before the last stdout line is read: give the line a moment.
        setTimeout(() => {
          clearTimeout(timer);
          reject(new Error(`bench server exited (${code}) before it was ready:\n${proc.tail()}`));
        }, 500);
      });
    });
    if (options.cli) {
      await proc.exited;
      return await serveWithCli(info, dataDir, options);
    }
    return {
      info,
      process: proc,
      dataDir,
      close: async () => {
        await proc.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** `poolse-server` as a user runs it, on the seeded folder, rate limits off. */
async function serveWithCli(
  seeded: BenchServerInfo,
  dataDir: string,
  options: BenchServerOptions,
): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  const args = [
    '--import',
    'tsx',
    'server/cli.ts',
    '--data',
    dataDir,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--no-rate-limit',
  ];
  if (options.demo) args.push('--seed', 'demo');
  const proc = startProcess('poolse-server', process.execPath, args);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(`${url}/health`, options.timeoutMs ?? 60_000, proc);
  } catch (error) {
    await proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    info: { ...seeded, url, pid: proc.pid },
    process: proc,
    dataDir,
    close: async () => {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
