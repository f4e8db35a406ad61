/**
 * `poolse-server` / `npm run server`: runs the local poolse server.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { createPoolseServer } from './app.js';

const HELP = `poolse-server: a local poolse-compatible chat server (REST v1 + Phoenix Channels)

Usage: poolse-server [options]

  --port <n>      port to listen on (default 4000; 0 picks a free one)
  --host <host>   interface to bind (default 127.0.0.1)
  --data <dir>    data folder for poolse.db and uploads (default .data)
  --seed demo     create the demo tenant, users and history (idempotent)
  --test-routes   mount POST /_test/drop-sockets (API key) for fault tests
  --no-rate-limit turn off per-user write limits (benchmarks)
  --help          show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.data' },
      seed: { type: 'string' },
      'test-routes': { type: 'boolean', default: false },
      'no-rate-limit': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (values.seed !== undefined && values.seed !== 'demo')
    throw new Error(`--seed only knows "demo", got ${values.seed}`);

  const server = await createPoolseServer({
    port,
    host: values.host,
    dataDir: resolve(values.data),
    ...(values.seed === 'demo' ? { seed: 'demo' as const } : {}),
    testRoutes: values['test-routes'],
    ...(values['no-rate-limit'] ? { rateLimit: false as const } : {}),
  });
  const socketUrl = `${server.url.replace(/^http/, 'ws')}/socket/websocket?vsn=2.0.0&token=<jwt>`;
  const lines = [
    `poolse server listening`,
    `  API:    ${server.url}`,
    `  socket: ${socketUrl}`,
    `  data:   ${resolve(values.data)}`,
  ];
  if (server.demo) {
    lines.push(
      `  demo API key: ${server.demo.apiKey}`,
      '',
      'Mint a token for alice:',
      `  curl -s -X POST -H 'Authorization: Bearer ${server.demo.apiKey}' ${server.url}/v1/users/alice/tokens`,
      'or, dev-only:',
      `  curl -s -X POST '${server.url}/demo/token?external_id=alice'`,
    );
  } else {
    lines.push(
      '',
      'No tenant is seeded; start with --seed demo for a ready-made tenant and API key.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: closing sockets and flushing the database…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`poolse-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
