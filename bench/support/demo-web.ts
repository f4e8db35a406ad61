/**
 * The demo app for the browser benchmarks: a production build (`vite build`
 * of `index.html` and the bench page, with `VITE_POOLSE_API_URL` pointing at
 * the benchmark's server) served by `vite preview` on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitForUrl, type Tracked } from './processes.js';

export interface DemoWeb {
  url: string;
  close(): Promise<void>;
}

const VITE = 'node_modules/vite/bin/vite.js';
const CONFIG = 'bench/vite.bench.config.ts';

export async function startDemoWeb(apiUrl: string): Promise<DemoWeb> {
  const outDir = mkdtempSync(join(tmpdir(), 'poolse-bench-web-'));
  const env = { VITE_POOLSE_API_URL: apiUrl };
  const build = startProcess(
    'vite build',
    process.execPath,
    [VITE, 'build', '--config', CONFIG, '--outDir', outDir, '--emptyOutDir'],
    { env },
  );
  const code = await Promise.race([
    build.exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000).unref()),
  ]);
  if (code !== 0) {
    await build.stop();
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`vite build failed (${code}):\n${build.tail()}`);
  }
  const port = await freePort();
  let preview: Tracked | null = null;
  try {
    preview = startProcess(
      'vite preview',
      process.execPath,
      [
        VITE,
        'preview',
        '--config',
        CONFIG,
        '--outDir',
        outDir,
        '--port',
        String(port),
        '--strictPort',
        '--host',
        '127.0.0.1',
      ],
      { env },
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForUrl(`${url}/`, 30_000, preview);
    const running = preview;
    return {
      url,
      close: async () => {
        await running.stop();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await preview?.stop();
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
