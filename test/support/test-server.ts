/**
 * Starts a real local poolse server for a test: a temp data dir (removed on
 * close), a free port, test routes on, and rate limits out of the way unless
 * a test asks for them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenResponse } from '../../src/sdk/types.js';
import {
  createPoolseServer,
  type PoolseServerOptions,
  type RunningServer,
} from '../../server/app.js';
import type { CreatedTenant } from '../../server/domain/tenants.js';

export interface TestServerOptions extends Partial<Omit<PoolseServerOptions, 'dataDir' | 'port'>> {
  /** Reuse a data dir (to test restarts); it is then not removed on close. */
  dataDir?: string;
}

export interface TestServer {
  url: string;
  apiKey: string;
  tenantId: string;
  /** The tenant's JWT signing secret (tests forge bad tokens with it). */
  jwtSecret: string;
  /** Where the database and uploads live. */
  dataDir: string;
  server: RunningServer;
  mintToken(externalId: string, options?: { ttlSeconds?: number }): Promise<string>;
  createTenant(): CreatedTenant;
  close(): Promise<void>;
}

const RELAXED_RATE_LIMIT = { burst: 100_000, perSecond: 100_000 };

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'poolse-test-'));
  const server = await createPoolseServer({
    testRoutes: true,
    rateLimit: RELAXED_RATE_LIMIT,
    avatarHosts: ['example.test'],
    fairUse: {
      reads: RELAXED_RATE_LIMIT,
      anonymous: RELAXED_RATE_LIMIT,
      maxInFlight: 100_000,
    },
    ...options,
    dataDir,
    port: 0,
  });
  const tenant = server.createTenant('test');
  let closed = false;
  return {
    url: server.url,
    apiKey: tenant.apiKey,
    tenantId: tenant.id,
    jwtSecret: tenant.jwtSecret,
    dataDir,
    server,
    async mintToken(externalId, mintOptions = {}) {
      const response = await fetch(
        `${server.url}/v1/users/${encodeURIComponent(externalId)}/tokens`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${tenant.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(
            mintOptions.ttlSeconds !== undefined ? { ttl_seconds: mintOptions.ttlSeconds } : {},
          ),
        },
      );
      if (response.status !== 201)
        throw new Error(`minting a token failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as TokenResponse).token;
    },
    createTenant: () => server.createTenant(`test-${Date.now()}`),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
