/**
 * `@poolse/server` installs by itself: in an empty folder, `npx` with the
 * packed tarball installs its dependencies, starts the server with the demo
 * seed, and the server answers.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packServer } from '../../../scripts/frameworks.mjs';

/** Installing compiles better-sqlite3 from source where no prebuilt binary can be fetched. */
const INSTALL_AND_START_MS = 20 * 60 * 1000;

let folder = '';
let child: ChildProcess | null = null;

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'poolse-server-npx-'));
});
/** npx runs the bin as its own child: end the whole process group, or the server outlives the test. */
function stop(running: ChildProcess): void {
  if (running.pid === undefined || running.exitCode !== null) return;
  try {
    process.kill(-running.pid, 'SIGTERM');
  } catch {
    running.kill('SIGTERM');
  }
}

after(() => {
  if (child) stop(child);
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('@poolse/server from its tarball', () => {
  it(
    'npx @poolse/server --seed demo starts in an empty folder',
    { timeout: INSTALL_AND_START_MS },
    async () => {
      const tarball = packServer();
      const running = spawn(
        'npx',
        [
          '--yes',
          '--prefer-offline',
          `--package=${tarball}`,
          '--',
          'poolse-server',
          '--port',
          '0',
          '--seed',
          'demo',
        ],
        { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      );
      child = running;
      let output = '';
      const apiUrl = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer): void => {
          output += chunk.toString('utf8');
          const match = /API:\s+(http:\/\/\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        };
        running.stdout.on('data', onData);
        running.stderr.on('data', onData);
        running.on('exit', (code) =>
          reject(new Error(`poolse-server exited (${code}):\n${output.slice(-4000)}`)),
        );
      });
      const health = await fetch(`${apiUrl}/health`);
      assert.equal(health.status, 200);
      const token = await fetch(`${apiUrl}/demo/token?external_id=alice`, { method: 'POST' });
      assert.equal(token.status, 200, 'the demo seed mounted the token route');
      const { token: jwt } = (await token.json()) as { token: string };
      const me = await fetch(`${apiUrl}/v1/me`, { headers: { authorization: `Bearer ${jwt}` } });
      assert.equal(((await me.json()) as { external_id: string }).external_id, 'alice');
      const exited = new Promise((resolve) => running.once('exit', resolve));
      stop(running);
      await exited;
      child = null;
    },
  );
});
