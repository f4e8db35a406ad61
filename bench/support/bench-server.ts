/**
 * The local server as benchmarks need it, in its own process: rate limits
 * off (the CLI has no flag for that), optionally the demo seed plus
 * bulk-seeded history conversations for alice, or a tenant with many users in
 * one group conversation for the fan-out benchmark. Prints one line
 * `BENCH_READY <json>` (see `BenchServerInfo`) once it listens, and closes
 * cleanly on SIGTERM. With `--seed-only` it seeds the data folder, prints the
 * line and exits, so that the CLI itself can serve the folder.
 *
 *   node --import tsx bench/support/bench-server.ts --data DIR [--port N]
 *     [--demo] [--bulk 1000,10000] [--fanout-users N] [--seed-only]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mintUserToken } from '../../server/auth/tokens.js';
import { createPoolseServer } from '../../server/app.js';
import type { AuthUser } from '../../server/contracts.js';
import { createConversation } from '../../server/domain/conversations.js';
import { findUserByExternalId, upsertUser } from '../../server/domain/users.js';
import { insertBulkHistory } from '../../server/seed/bulk-history.js';
import type { BenchServerInfo, FanoutCredentials } from './bench-server-info.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      demo: { type: 'boolean', default: false },
      bulk: { type: 'string' },
      'fanout-users': { type: 'string' },
      'seed-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.data) throw new Error('--data is required');
  const dataDir = resolve(values.data);
  const server = await createPoolseServer({
    port: Number(values.port),
    host: '127.0.0.1',
    dataDir,
    rateLimit: false,
    ...(values.demo ? { seed: 'demo' as const } : {}),
  });
  const info: BenchServerInfo = { url: server.url, pid: process.pid, histories: {} };

  if (values.bulk) {
    if (!server.demo) throw new Error('--bulk needs --demo (the history belongs to alice)');
    const tenantId = server.demo.tenantId;
    const alice = findUserByExternalId(server.db, tenantId, 'alice');
    if (!alice) throw new Error('the demo seed has no alice');
    const owner: AuthUser = { userId: alice.id, tenantId, externalId: 'alice' };
    for (const size of values.bulk.split(',').map(Number)) {
      if (!Number.isInteger(size) || size <= 0)
        throw new Error(`--bulk sizes must be positive integers, got ${values.bulk}`);
      const started = performance.now();
      const { conversation } = createConversation(server.db, owner, {
        type: 'group',
        name: `History ${size.toLocaleString('en-US')}`,
        member_external_ids: ['bob', 'carol'],
      });
      // Older history first so the largest conversation is not always on top of the inbox.
      insertBulkHistory(server.db, conversation.id, { count: size, endAtMs: Date.now() - 60_000 });
      info.histories[String(size)] = {
        conversationId: conversation.id,
        name: conversation.name ?? '',
        seedMs: performance.now() - started,
      };
    }
  }

  const fanoutUsers = values['fanout-users'] !== undefined ? Number(values['fanout-users']) : 0;
  if (fanoutUsers > 0) {
    const tenant = server.createTenant('fan-out bench');
    const externalIds = Array.from({ length: fanoutUsers }, (_, i) => `reader-${i}`);
    const sender = upsertUser(server.db, tenant.id, 'sender').user;
    const senderAuth: AuthUser = { userId: sender.id, tenantId: tenant.id, externalId: 'sender' };
    const { conversation } = createConversation(server.db, senderAuth, {
      type: 'group',
      name: 'Fan-out',
      member_external_ids: externalIds,
    });
    const ttl = 4 * 3600;
    const token = async (externalId: string): Promise<string> => {
      const user = findUserByExternalId(server.db, tenant.id, externalId);
      if (!user) throw new Error(`no user ${externalId}`);
      return (
        await mintUserToken(
          tenant.jwtSecret,
          { userId: user.id, tenantId: tenant.id, externalId },
          ttl,
        )
      ).token;
    };
    const readerTokens: string[] = [];
    for (const externalId of externalIds) readerTokens.push(await token(externalId));
    const credentials: FanoutCredentials = {
      conversationId: conversation.id,
      senderToken: await token('sender'),
      readerTokens,
    };
    // Thousands of tokens are too much for one stdout line; the runner reads the file.
    const file = join(dataDir, 'fanout-credentials.json');
    writeFileSync(file, JSON.stringify(credentials));
    info.fanoutFile = file;
  }

  if (values['seed-only']) {
    // The data folder is ready for the real CLI (`server/cli.ts`) to serve.
    await server.close();
    process.stdout.write(`BENCH_READY ${JSON.stringify({ ...info, url: '' })}\n`);
    process.exit(0);
  }
  process.stdout.write(`BENCH_READY ${JSON.stringify(info)}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(
    `bench-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
