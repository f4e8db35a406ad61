/**
 * Child processes of a benchmark run: started in their own process group
 * (so a process that starts others, like `npm start`, is stopped whole), with
 * their last output kept for error messages, and stopped by id when the
 * benchmark ends or the runner exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Tracked {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last lines the process wrote (stdout and stderr). */
  tail(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /** Calls `onLine` for every line of stdout. */
  onLine(onLine: (line: string) => void): void;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Tracked>();
const TAIL_LINES = 40;

export interface StartOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Opens an IPC channel (`child.send` / `child.on('message')`). */
  ipc?: boolean;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: StartOptions = {},
): Tracked {
  const child = spawn(command, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  const lines: string[] = [];
  const listeners: Array<(line: string) => void> = [];
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
  };
  let partial = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      keep(line);
      for (const listener of listeners) listener(line);
    }
  });
  let errPartial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    const parts = (errPartial + chunk).split('\n');
    errPartial = parts.pop() ?? '';
    for (const line of parts) keep(`[stderr] ${line}`);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const tracked: Tracked = {
    name,
    child,
    pid,
    tail: () => lines.join('\n'),
    exited,
    onLine: (listener) => listeners.push(listener),
    stop: async (graceMs = 5000) => {
      running.delete(tracked);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(pid, 'SIGTERM');
      const result = await Promise.race([exited, sleep(graceMs).then(() => 'timeout' as const)]);
      if (result === 'timeout') {
        signalGroup(pid, 'SIGKILL');
        await Promise.race([exited, sleep(2000)]);
      }
    },
  };
  running.add(tracked);
  void exited.then(() => {
    // The leader is gone; make sure nothing it started outlives it.
    signalGroup(pid, 'SIGKILL');
    running.delete(tracked);
  });
  return tracked;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops every process this run started (runner exit, Ctrl+C). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop(3000)));
}

/** Synchronous last resort on process exit. */
export function killAllNow(): void {
  for (const p of running) signalGroup(p.pid, 'SIGKILL');
  running.clear();
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers below 500; fails early if `proc` exits. */
export async function waitForUrl(url: string, timeoutMs: number, proc?: Tracked): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | null = null;
  void proc?.exited.then((code) => {
    exitedWith = code;
  });
  while (Date.now() < deadline) {
    if (exitedWith !== null) {
      throw new Error(
        `${proc?.name ?? 'process'} exited (${exitedWith}) before ${url} answered:\n${proc?.tail() ?? ''}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status < 500) return performance.now() - started;
    } catch {
      // Not up yet.
    }
    await sleep(25);
  }
  throw new Error(
    `${url} did not answer within ${timeoutMs / 1000} s${proc ? `:\n${proc.tail()}` : ''}`,
  );
}

/** Resident set size of a process in bytes (Linux /proc), or null. */
export async function rssOf(pid: number): Promise<number | null> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
