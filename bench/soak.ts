/**
 * `npm run soak`: the load soak. The local server runs in a child process
 * (rate limits off); this process opens 1,000 real `phoenix` sockets (ws
 * transport), one per user, each joined to its group conversation (10
 * members) and to its own `user:` topic, and keeps steady traffic going for
 * 10 minutes: messages over REST, a typing push on the sender's socket before
 * each one. It reports errors (must be 0), server RSS over time (flat: the
 * first and last minute compared), and messages sent vs delivered to every
 * member's socket (nothing lost, nothing doubled). Exit code 1 on any failure.
 *
 *   npm run soak -- [--minutes 10] [--sockets 1000]
 *
 * Internally the same file is also the server child (`--serve`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Socket, type Channel } from 'phoenix';
import WebSocket from 'ws';
import type { Message } from '../src/sdk/types.js';
import { mintUserToken } from '../server/auth/tokens.js';
import { createPoolseServer } from '../server/app.js';
import type { AuthUser } from '../server/contracts.js';
import { createConversation } from '../server/domain/conversations.js';
import { upsertUser } from '../server/domain/users.js';
import { rssOf, startProcess, type Tracked } from './support/processes.js';
import { summarize } from './support/stats.js';

const GROUP_SIZE = 10;
/** Messages per second for the whole run: one per 20 sockets (1,000 sockets → 50/s → 500 deliveries/s). */
const SOCKETS_PER_MESSAGE_PER_SECOND = 20;
const TICK_MS = 100;
const RSS_SAMPLE_MS = 5000;
const CONNECT_BATCH = 25;
const JOIN_TIMEOUT_MS = 20_000;
const POST_TIMEOUT_MS = 15_000;
/** Unanswered POSTs beyond which a tick is skipped rather than piling up more (reported, not an error). */
const MAX_IN_FLIGHT = 200;
const DRAIN_MS = 20_000;
/** RSS is "flat" when the last window's mean is within this of the first's. */
const RSS_GROWTH_LIMIT = 1.25;
const RSS_SLACK_BYTES = 16 * 1024 * 1024;
const READY = 'SOAK_READY ';

interface Credentials {
  url: string;
  userIds: string[];
  tokens: string[];
  /** Conversation id and the indices of its members. */
  conversations: { id: string; members: number[] }[];
}

// ---------------------------------------------------------------------------
// The server child
// ---------------------------------------------------------------------------

async function serve(dataDir: string, sockets: number, minutes: number): Promise<void> {
  const server = await createPoolseServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    rateLimit: false,
  });
  const tenant = server.createTenant('soak');
  const ttl = Math.ceil(minutes * 60) + 3600;
  const userIds: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < sockets; i += 1) {
    const externalId = `soak-${i}`;
    const { user } = upsertUser(server.db, tenant.id, externalId);
    userIds.push(user.id);
    const claims = { userId: user.id, tenantId: tenant.id, externalId };
    tokens.push((await mintUserToken(tenant.jwtSecret, claims, ttl)).token);
  }
  const conversations: Credentials['conversations'] = [];
  for (let first = 0; first < sockets; first += GROUP_SIZE) {
    const members = Array.from(
      { length: Math.min(GROUP_SIZE, sockets - first) },
      (_, k) => first + k,
    );
    const owner: AuthUser = {
      userId: userIds[first] as string,
      tenantId: tenant.id,
      externalId: `soak-${first}`,
    };
    const { conversation } = createConversation(server.db, owner, {
      type: 'group',
      name: `Soak ${first / GROUP_SIZE}`,
      member_external_ids: members.slice(1).map((i) => `soak-${i}`),
    });
    conversations.push({ id: conversation.id, members });
  }
  const file = join(dataDir, 'soak-credentials.json');
  const credentials: Credentials = { url: server.url, userIds, tokens, conversations };
  writeFileSync(file, JSON.stringify(credentials));
  process.stdout.write(`${READY}${JSON.stringify({ file })}\n`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function startServerChild(
  sockets: number,
  minutes: number,
): Promise<{ proc: Tracked; credentials: Credentials; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'poolse-soak-'));
  const proc = startProcess('soak-server', process.execPath, [
    '--import',
    'tsx',
    'bench/soak.ts',
    '--serve',
    '--data',
    dataDir,
    '--sockets',
    String(sockets),
    '--minutes',
    String(minutes),
  ]);
  const file = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`soak server not ready after 120 s:\n${proc.tail()}`)),
      120_000,
    );
    proc.onLine((line) => {
      if (!line.startsWith(READY)) return;
      clearTimeout(timer);
      resolve((JSON.parse(line.slice(READY.length)) as { file: string }).file);
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`soak server exited (${code}):\n${proc.tail()}`));
    });
  });
  return { proc, dataDir, credentials: JSON.parse(readFileSync(file, 'utf8')) as Credentials };
}

// ---------------------------------------------------------------------------
// The clients
// ---------------------------------------------------------------------------

interface Client {
  index: number;
  socket: Socket;
  conversation: Channel;
}

class Tally {
  readonly errors = new Map<string, number>();
  readonly samples: string[] = [];
  sent = 0;
  expected = 0;
  delivered = 0;
  duplicated = 0;
  skippedTicks = 0;
  inFlight = 0;
  typingOk = 0;
  readonly latencies: number[] = [];
  /** Message id → the socket indices that must still receive it. */
  readonly pending = new Map<string, Set<number>>();
  /** Message id → the socket indices that got it (to catch doubles). */
  readonly receivedBy = new Map<string, Set<number>>();

  error(kind: string, detail: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    if (this.samples.length < 10) this.samples.push(`${kind}: ${detail}`);
  }

  errorCount(): number {
    return [...this.errors.values()].reduce((sum, n) => sum + n, 0);
  }

  expect(messageId: string, members: readonly number[]): void {
    // The echo can arrive before the POST answers: count what already came.
    const already = this.receivedBy.get(messageId) ?? new Set<number>();
    const waiting = new Set(members.filter((m) => !already.has(m)));
    this.expected += members.length;
    if (waiting.size > 0) this.pending.set(messageId, waiting);
  }

  receive(messageId: string, socketIndex: number, sentAt: number): void {
    const got = this.receivedBy.get(messageId) ?? new Set<number>();
    if (got.has(socketIndex)) {
      this.duplicated += 1;
      return;
    }
    got.add(socketIndex);
    this.receivedBy.set(messageId, got);
    this.delivered += 1;
    this.latencies.push(Date.now() - sentAt);
    const waiting = this.pending.get(messageId);
    if (waiting) {
      waiting.delete(socketIndex);
      if (waiting.size === 0) this.pending.delete(messageId);
    }
  }
}

function pushReply(channel: Channel, event: string, payload: object, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    channel
      .push(event, payload, JOIN_TIMEOUT_MS)
      .receive('ok', () => resolve())
      .receive('error', (response: unknown) =>
        reject(new Error(`${what}: ${JSON.stringify(response)}`)),
      )
      .receive('timeout', () => reject(new Error(`${what}: timed out`)));
  });
}

function joinChannel(channel: Channel, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    channel
      .join(JOIN_TIMEOUT_MS)
      .receive('ok', () => resolve())
      .receive('error', (response: unknown) =>
        reject(new Error(`${what}: ${JSON.stringify(response)}`)),
      )
      .receive('timeout', () => reject(new Error(`${what}: timed out`)));
  });
}

async function openClient(
  endpoint: string,
  credentials: Credentials,
  index: number,
  conversationId: string,
  tally: Tally,
  stopping: () => boolean,
): Promise<Client> {
  const socket = new Socket(endpoint, {
    transport: WebSocket,
    params: { token: credentials.tokens[index] as string },
    timeout: JOIN_TIMEOUT_MS,
  });
  socket.onError((error: unknown) => {
    if (!stopping()) tally.error('socket error', `socket ${index}: ${String(error)}`);
  });
  socket.onClose((event: unknown) => {
    if (!stopping()) tally.error('socket closed', `socket ${index}: ${JSON.stringify(event)}`);
  });
  await new Promise<void>((resolve, reject) => {
    const refs = [
      socket.onOpen(() => {
        socket.off(refs);
        resolve();
      }),
      socket.onError(() => {
        socket.off(refs);
        reject(new Error(`socket ${index} could not connect`));
      }),
    ];
    socket.connect();
  });
  const conversation = socket.channel(`conversation:${conversationId}`);
  conversation.on('message:new', (payload: unknown) => {
    const message = payload as Message;
    const sentAt = Number((message.custom_data as { sent_at?: unknown }).sent_at);
    tally.receive(message.id, index, Number.isFinite(sentAt) ? sentAt : Date.now());
  });
  conversation.onError(() => {
    if (!stopping()) tally.error('channel error', `socket ${index} conversation`);
  });
  const own = socket.channel(`user:${credentials.userIds[index] as string}`);
  await joinChannel(conversation, `socket ${index} joining its conversation`);
  await joinChannel(own, `socket ${index} joining its user topic`);
  return { index, socket, conversation };
}

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

function mb(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

async function soak(minutes: number, sockets: number): Promise<boolean> {
  const durationMs = minutes * 60_000;
  const rate = Math.max(1, sockets / SOCKETS_PER_MESSAGE_PER_SECOND);
  console.log(
    `soak: ${sockets} sockets in groups of ${GROUP_SIZE}, ${rate} messages/s for ${minutes} min, server in a child process (rate limits off)`,
  );
  const { proc, credentials, dataDir } = await startServerChild(sockets, minutes);
  const tally = new Tally();
  let stopping = false;
  const clients: Client[] = [];
  const rss: { at: number; bytes: number }[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const endpoint = `${credentials.url.replace(/^http/, 'ws')}/socket`;
    const memberOf = new Map<number, { id: string; members: number[] }>();
    for (const conversation of credentials.conversations) {
      for (const member of conversation.members) memberOf.set(member, conversation);
    }
    const connectStarted = Date.now();
    for (let first = 0; first < sockets; first += CONNECT_BATCH) {
      const batch = Array.from(
        { length: Math.min(CONNECT_BATCH, sockets - first) },
        (_, k) => first + k,
      );
      clients.push(
        ...(await Promise.all(
          batch.map((index) =>
            openClient(
              endpoint,
              credentials,
              index,
              memberOf.get(index)?.id as string,
              tally,
              () => stopping,
            ),
          ),
        )),
      );
    }
    console.log(
      `  ${clients.length} sockets connected and joined (2 topics each) in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s`,
    );

    const started = Date.now();
    const sampleRss = async (): Promise<void> => {
      const bytes = await rssOf(proc.pid);
      if (bytes !== null) rss.push({ at: Date.now() - started, bytes });
    };
    await sampleRss();
    sampler = setInterval(() => {
      void sampleRss().then(() => {
        const last = rss[rss.length - 1];
        console.log(
          `  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s: sent ${tally.sent}, delivered ${tally.delivered}/${tally.expected}, in flight ${tally.inFlight}, errors ${tally.errorCount()}, server rss ${mb(last?.bytes ?? null)}`,
        );
      });
    }, RSS_SAMPLE_MS);

    const sendOne = async (): Promise<void> => {
      const sender = Math.floor(Math.random() * sockets);
      const client = clients[sender] as Client;
      const conversation = memberOf.get(sender) as { id: string; members: number[] };
      const id = randomUUID();
      tally.sent += 1;
      tally.inFlight += 1;
      try {
        await pushReply(client.conversation, 'typing', {}, `socket ${sender} typing`);
        tally.typingOk += 1;
      } catch (error) {
        tally.error('typing push', String(error));
      }
      try {
        const response = await fetch(
          `${credentials.url}/v1/conversations/${conversation.id}/messages`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${credentials.tokens[sender] as string}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              id,
              body: `soak ${tally.sent} from ${sender}`,
              custom_data: { sent_at: Date.now() },
            }),
            signal: AbortSignal.timeout(POST_TIMEOUT_MS),
          },
        );
        const text = await response.text();
        if (response.status !== 201)
          tally.error('POST message', `${response.status} ${text.slice(0, 200)}`);
        else tally.expect(id, conversation.members);
      } catch (error) {
        tally.error('POST message', String(error));
      } finally {
        tally.inFlight -= 1;
      }
    };

    // Fractional rates carry over from tick to tick.
    let credit = 0;
    const sends: Promise<void>[] = [];
    while (Date.now() - started < durationMs) {
      credit += (rate * TICK_MS) / 1000;
      while (credit >= 1) {
        credit -= 1;
        if (tally.inFlight >= MAX_IN_FLIGHT) {
          tally.skippedTicks += 1;
          continue;
        }
        sends.push(sendOne());
      }
      if (sends.length > 1000) await Promise.all(sends.splice(0, sends.length));
      await sleep(TICK_MS);
    }
    await Promise.all(sends);
    const drainUntil = Date.now() + DRAIN_MS;
    while (tally.pending.size > 0 && Date.now() < drainUntil) await sleep(100);
    await sampleRss();
  } finally {
    stopping = true;
    if (sampler) clearInterval(sampler);
    await Promise.all(
      clients.map(
        (client) => new Promise<void>((resolve) => client.socket.disconnect(() => resolve())),
      ),
    );
    await proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // RSS: first and last minute, or thirds of a run shorter than three minutes.
  const windowMs = minutes >= 3 ? 60_000 : (minutes * 60_000) / 3;
  const runMs = rss[rss.length - 1]?.at ?? 0;
  const first = mean(rss.filter((s) => s.at <= windowMs).map((s) => s.bytes));
  const last = mean(rss.filter((s) => s.at >= runMs - windowMs).map((s) => s.bytes));
  const flat =
    first !== null && last !== null && last <= first * RSS_GROWTH_LIMIT + RSS_SLACK_BYTES;
  const lost = [...tally.pending.values()].reduce((sum, waiting) => sum + waiting.size, 0);
  const latency = summarize(tally.latencies);
  const errors = tally.errorCount();

  const windowName = minutes >= 3 ? 'minute' : 'third';
  console.log('\nsoak results');
  console.log(
    `  sockets:            ${sockets} (${credentials.conversations.length} conversations of up to ${GROUP_SIZE})`,
  );
  console.log(`  duration:           ${minutes} min`);
  console.log(
    `  messages sent:      ${tally.sent} (typing pushes answered: ${tally.typingOk}; ticks skipped for backlog: ${tally.skippedTicks})`,
  );
  console.log(
    `  deliveries:         ${tally.delivered} of ${tally.expected} expected; lost ${lost}, doubled ${tally.duplicated}`,
  );
  console.log(
    `  fan-out latency:    p50 ${latency.p50 ?? 'n/a'} ms, p99 ${latency.p99 ?? 'n/a'} ms, max ${latency.max ?? 'n/a'} ms`,
  );
  console.log(
    `  errors:             ${errors}${errors > 0 ? ` ${JSON.stringify(Object.fromEntries(tally.errors))}` : ''}`,
  );
  for (const sample of tally.samples) console.log(`    ${sample}`);
  console.log(
    `  server rss:         first ${windowName} ${mb(first)}, last ${windowName} ${mb(last)}, peak ${mb(Math.max(...rss.map((s) => s.bytes)))} (${rss.length} samples) → ${flat ? 'flat' : 'GROWING'}`,
  );
  const ok = errors === 0 && lost === 0 && tally.duplicated === 0 && tally.sent > 0 && flat;
  console.log(`  verdict:            ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      sockets: { type: 'string', default: '1000' },
      serve: { type: 'boolean', default: false },
      data: { type: 'string' },
    },
    strict: true,
  });
  const minutes = Number(values.minutes);
  const sockets = Number(values.sockets);
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number, got ${values.minutes}`);
  if (!Number.isInteger(sockets) || sockets < 2)
    throw new Error(`--sockets must be an integer ≥ 2, got ${values.sockets}`);
  if (values.serve) {
    if (!values.data) throw new Error('--serve needs --data');
    await serve(values.data, sockets, minutes);
    return;
  }
  const ok = await soak(minutes, sockets);
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
