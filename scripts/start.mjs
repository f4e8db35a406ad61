// `npm start`: the local poolse server with demo data, Vite serving the demo
// app, and a sample website with the launcher (a verified user and a visitor)
// whose backend receives the webhooks and logs them; prints the URLs.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const apiPort = Number(process.env.POOLSE_PORT ?? 4000);
const webPort = Number(process.env.DEMO_PORT ?? 5173);
const sitePort = Number(process.env.DEMO_SITE_PORT ?? 4010);
const host = '127.0.0.1';
const apiUrl = `http://${host}:${apiPort}`;
const webUrl = `http://${host}:${webPort}`;
const siteUrl = `http://${host}:${sitePort}`;
// The demo tenant of `--seed demo` (server/seed/demo-seed.ts).
const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d3e0';
const DEMO_API_KEY = 'pk_demo_local_only_0000000000000000';

const children = [];
function run(name, command, args, env = {}) {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      for (const line of chunk.split('\n')) if (line.trim()) console.log(prefix(line));
    });
  }
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(prefix(`exited (${signal ?? code}); stopping.`));
      shutdown(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r)))),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function waitFor(url, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

run('server', process.execPath, [
  '--import',
  'tsx',
  'server/cli.ts',
  '--seed',
  'demo',
  '--data',
  process.env.POOLSE_DATA ?? '.data',
  '--port',
  String(apiPort),
  '--host',
  host,
]);
run(
  'vite',
  process.execPath,
  ['node_modules/vite/bin/vite.js', '--port', String(webPort), '--strictPort', '--host', host],
  {
    VITE_POOLSE_API_URL: apiUrl,
  },
);

try {
  await Promise.all([waitFor(`${apiUrl}/health`), waitFor(webUrl)]);
  // The site's backend sets the tenant up through the API, so it starts once the API answers.
  run('site', process.execPath, ['--import', 'tsx', 'scripts/demo-site.ts'], {
    POOLSE_API_URL: apiUrl,
    DEMO_WEB_URL: webUrl,
    DEMO_SITE_PORT: String(sitePort),
    POOLSE_API_KEY: DEMO_API_KEY,
    POOLSE_TENANT_ID: DEMO_TENANT_ID,
  });
  await waitFor(siteUrl);
} catch (err) {
  console.error(String(err));
  shutdown(1);
}
if (!shuttingDown) {
  console.log(`
  poolse elements demo is running.

  Open these two URLs, side by side, to chat as two different people:
    alice: ${webUrl}/?user=alice
    bob:   ${webUrl}/?user=bob
  (carol and dave exist too: ?user=carol, ?user=dave)

  A sample website with the two-line embed snippet:
    signed in (identity verification, as carol): ${siteUrl}/
    not signed in (a visitor; alice answers):    ${siteUrl}/visitor
  Its backend logs every webhook below as [site] webhook … lines.

  API:     ${apiUrl}/v1        errors: ${apiUrl}/docs/errors
  Socket:  ${apiUrl.replace('http', 'ws')}/socket/websocket
  Stop with Ctrl+C.
`);
}
