/**
 * `npm run bench:peers` (not part of `npm run bench` or CI): installs each
 * peer into a temporary folder, bundles a minimal app of it with the same
 * bundler and flags as ours (Vite/rolldown library build, minified, ES2022,
 * production mode), and prints gzip -9 sizes of what the page loads first
 * (entry plus static imports; lazy chunks apart) with the ratio to ours.
 * Ours is measured the same way: a minimal app with provider, inbox and
 * conversation. A peer that fails to install or build within its time box is
 * reported as such. Writes `bench/results/peers.json`, which `npm run bench`
 * then shows beside our own size.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startProcess } from './support/processes.js';
import { formatTable, kb } from './support/report.js';
import { measureEntry } from './size.js';

interface Peer {
  name: string;
  /** What `npm install` gets (React where the peer needs it). */
  packages: string[];
  /** The minimal app: what a user writes to put the chat on a page. */
  app: string;
  note?: string;
}

const REACT = ['react@19', 'react-dom@19'];
const REACT_MOUNT = `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
const mount = (app) => createRoot(document.getElementById('root') ?? document.body.appendChild(document.createElement('div'))).render(app);
`;

const PEERS: Peer[] = [
  {
    name: 'deep-chat',
    packages: ['deep-chat'],
    app: `import 'deep-chat';
const chat = document.createElement('deep-chat');
chat.setAttribute('connect', JSON.stringify({ url: 'http://127.0.0.1:4000/chat' }));
document.body.append(chat);
`,
    note: 'AI chat web component: one conversation, no inbox',
  },
  {
    name: 'stream-chat-react',
    packages: ['stream-chat-react', 'stream-chat', ...REACT],
    app: `${REACT_MOUNT}import { StreamChat } from 'stream-chat';
import { Chat, Channel, ChannelHeader, ChannelList, MessageComposer, MessageList, Thread, Window } from 'stream-chat-react';
const client = StreamChat.getInstance('api-key');
mount(h(Chat, { client }, h(ChannelList, {}), h(Channel, {}, h(Window, {}, h(ChannelHeader), h(MessageList), h(MessageComposer)), h(Thread))));
`,
  },
  {
    name: '@sendbird/uikit-react',
    packages: ['@sendbird/uikit-react', ...REACT],
    app: `${REACT_MOUNT}import SendbirdApp from '@sendbird/uikit-react/App';
mount(h(SendbirdApp, { appId: 'app-id', userId: 'alice' }));
`,
  },
  {
    name: '@cometchat/chat-uikit-react',
    packages: ['@cometchat/chat-uikit-react', '@cometchat/chat-sdk-javascript', ...REACT],
    app: `${REACT_MOUNT}import { CometChatConversations, CometChatMessageComposer, CometChatMessageHeader, CometChatMessageList, CometChatUIKit, UIKitSettingsBuilder } from '@cometchat/chat-uikit-react';
CometChatUIKit.init(new UIKitSettingsBuilder().setAppId('app-id').setRegion('eu').build());
mount(h('div', {}, h(CometChatConversations, {}), h(CometChatMessageHeader, {}), h(CometChatMessageList, {}), h(CometChatMessageComposer, {})));
`,
  },
  {
    name: '@chatscope/chat-ui-kit-react',
    packages: ['@chatscope/chat-ui-kit-react', ...REACT],
    app: `${REACT_MOUNT}import { ChatContainer, Conversation, ConversationList, MainContainer, Message, MessageInput, MessageList, Sidebar } from '@chatscope/chat-ui-kit-react';
mount(h(MainContainer, {}, h(Sidebar, { position: 'left' }, h(ConversationList, {}, h(Conversation, { name: 'Bob' }))), h(ChatContainer, {}, h(MessageList, {}, h(Message, { model: { message: 'Hi', direction: 'incoming', position: 'single' } })), h(MessageInput, { placeholder: 'Type' }))));
`,
    note: 'UI components only: no client, no realtime',
  },
];

const ROOT = resolve('.');
const OURS_APP = `import '${ROOT}/components/provider/provider.ts';
import '${ROOT}/components/inbox/inbox.ts';
import '${ROOT}/components/conversation/conversation.ts';
document.body.innerHTML = '<poolse-provider api-url="http://127.0.0.1:4000" token-url="/token"><poolse-inbox></poolse-inbox><poolse-conversation></poolse-conversation></poolse-provider>';
`;

const INSTALL_TIMEOUT_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 3 * 60_000;

/** The same bundler and flags as our build: Vite library build, minified, ES2022, production. */
function viteConfig(dir: string): string {
  return `export default {
  root: ${JSON.stringify(dir)},
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2022',
    minify: true,
    sourcemap: false,
    outDir: ${JSON.stringify(join(dir, 'dist'))},
    emptyOutDir: true,
    lib: { entry: ${JSON.stringify(join(dir, 'app.js'))}, formats: ['es'], fileName: 'app' },
  },
};
`;
}

async function run(
  name: string,
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<void> {
  const proc = startProcess(name, command, args, { cwd });
  const result = await Promise.race([
    proc.exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref()),
  ]);
  if (result === 'timeout') {
    await proc.stop();
    throw new Error(`${name} timed out after ${timeoutMs / 1000} s`);
  }
  if (result !== 0) throw new Error(`${name} exited ${result}: ${firstError(proc.tail())}`);
}

/** The lines that say what went wrong, without colours or stack frames. */
function firstError(output: string): string {
  const lines = output
    // Terminal colour codes (ESC [ … m).
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .map((line) => line.replace(/^\[stderr\]\s*/, '').trim());
  const meaningful = lines.filter(
    (line) => line !== '' && !line.startsWith('at ') && !/^[│╭╰─\s]/.test(line),
  );
  const start = meaningful.findIndex((line) => /error/i.test(line));
  return meaningful
    .slice(Math.max(0, start), Math.max(0, start) + 3)
    .join(' | ')
    .slice(0, 300);
}

interface PeerSize {
  name: string;
  gzipBytes: number | null;
  lazyGzipBytes: number | null;
  note?: string;
  error?: string;
}

async function bundle(
  dir: string,
  app: string,
  name: string,
): Promise<{ gzipBytes: number; lazyGzipBytes: number }> {
  writeFileSync(join(dir, 'app.js'), app);
  writeFileSync(join(dir, 'vite.config.mjs'), viteConfig(dir));
  await run(
    `build ${name}`,
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(dir, 'vite.config.mjs'),
    ],
    dir,
    BUILD_TIMEOUT_MS,
  );
  const out = join(dir, 'dist');
  const entry = readdirSync(out).find((f) => /^app\.m?js$/.test(f));
  if (!entry) throw new Error(`the build wrote no app.js in ${out}`);
  const sizes = measureEntry(out, entry);
  return {
    gzipBytes: sizes.initialGzipBytes,
    lazyGzipBytes: sizes.lazy.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const base = mkdtempSync(join(tmpdir(), 'poolse-peers-'));
  const results: PeerSize[] = [];
  try {
    const oursDir = join(base, 'ours');
    mkdirSync(oursDir);
    process.stderr.write('bundling ours\n');
    const ours = await bundle(oursDir, OURS_APP, 'ours');
    results.push({ name: 'poolse elements (provider + inbox + conversation)', ...ours });
    for (const peer of PEERS.filter((p) => only.length === 0 || only.includes(p.name))) {
      const dir = join(base, peer.name.replace(/[@/]/g, '_'));
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: 'peer-app', private: true, type: 'module' }),
      );
      try {
        process.stderr.write(`installing ${peer.packages.join(' ')}\n`);
        await run(
          `npm install ${peer.name}`,
          'npm',
          [
            'install',
            '--no-audit',
            '--no-fund',
            '--ignore-scripts',
            '--loglevel=error',
            ...peer.packages,
          ],
          dir,
          INSTALL_TIMEOUT_MS,
        );
      } catch (error) {
        results.push({
          name: peer.name,
          gzipBytes: null,
          lazyGzipBytes: null,
          error: `failed to install: ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
      try {
        process.stderr.write(`bundling ${peer.name}\n`);
        const sizes = await bundle(dir, peer.app, peer.name);
        results.push({ name: peer.name, ...sizes, ...(peer.note ? { note: peer.note } : {}) });
      } catch (error) {
        results.push({
          name: peer.name,
          gzipBytes: null,
          lazyGzipBytes: null,
          error: `failed to build: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  const oursBytes = results[0]?.gzipBytes ?? null;
  process.stdout.write(
    `${formatTable({
      title:
        'Minimal app of each, Vite library build (minified, ES2022), gzip -9 of the initial load',
      columns: ['app', 'initial gzip', 'lazy gzip', 'ratio to ours', 'note'],
      rows: results.map((r) => [
        r.name,
        r.gzipBytes === null ? null : kb(r.gzipBytes),
        r.lazyGzipBytes === null ? null : kb(r.lazyGzipBytes),
        r.gzipBytes !== null && oursBytes ? `×${(r.gzipBytes / oursBytes).toFixed(1)}` : null,
        r.error ?? r.note ?? '',
      ]),
    })}\n`,
  );
  const resultsDir = resolve('bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'peers.json'),
    `${JSON.stringify({ date: new Date().toISOString(), ours: results[0] ?? null, peers: results.slice(1) }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
