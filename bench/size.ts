/**
 * Size: gzip -9 bytes of the CDN build (`npm run build:cdn` → `dist/cdn/`):
 * the initial ESM script with everything it imports statically, the IIFE
 * script, and each lazy chunk (reached only through `import()`). The build is
 * minified already; gzip is node:zlib at level 9, as a CDN would serve it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { check, emptyFindings, kb, type Benchmark, type BenchFindings } from './support/report.js';

export const INITIAL_BUDGET_BYTES = 56 * 1024;
export const CDN_DIR = resolve('dist/cdn');
export const ESM_ENTRY = 'poolse-elements.js';
export const IIFE_ENTRY = 'poolse-elements.iife.js';

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface CdnSizes {
  dir: string;
  /** The ESM entry and every chunk it imports statically: what a page loads before any interaction. */
  initial: FileSize[];
  initialGzipBytes: number;
  iife: FileSize | null;
  /**
   * What a classic `<script src=…iife.js>` loads before any interaction: the
   * IIFE, plus the ESM initial load when the IIFE is a loader that imports
   * the ES entry.
   */
  iifeInitialGzipBytes: number | null;
  /** Chunks reached only through `import()`. */
  lazy: FileSize[];
}

export function gzipSize(content: Buffer | string): number {
  return gzipSync(content, { level: 9 }).length;
}

function sizeOf(dir: string, file: string): FileSize {
  const content = readFileSync(join(dir, file));
  return { file, bytes: content.length, gzipBytes: gzipSize(content) };
}

/** Relative specifiers a minified ESM file imports statically (`import … from "./x.js"`, `export … from`, `import "./x.js"`). */
export function staticImports(source: string): string[] {
  const found = new Set<string>();
  const pattern =
    /(?:^|[;\n}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const match of source.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
}

function loadableFiles(dir: string, under = dir): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(under)) {
    const path = join(under, entry);
    if (statSync(path).isDirectory()) files.push(...loadableFiles(dir, path));
    // Scripts, and the data and styles they fetch (source maps are not loaded by pages).
    else if (/\.(m?js|json|css)$/.test(entry))
      files.push(relative(dir, path).split('\\').join('/'));
  }
  return files.sort();
}

export interface EntrySizes {
  /** The entry and every chunk it imports statically: what a page loads before any interaction. */
  initial: FileSize[];
  initialGzipBytes: number;
  /** Every other JS file in the folder (chunks reached only through `import()`). */
  lazy: FileSize[];
}

/** Sizes of an ESM build in `dir` starting at `entry`; files in `exclude` count as neither. */
export function measureEntry(
  dir: string,
  entry: string,
  exclude: readonly string[] = [],
): EntrySizes {
  const initialFiles = new Set<string>();
  const queue = [entry];
  while (queue.length > 0 && initialFiles.size < 500) {
    const file = queue.shift() as string;
    if (initialFiles.has(file) || !existsSync(join(dir, file))) continue;
    initialFiles.add(file);
    const source = readFileSync(join(dir, file), 'utf8');
    for (const specifier of staticImports(source)) {
      queue.push(posix.normalize(posix.join(posix.dirname(file), specifier)));
    }
  }
  const initial = [...initialFiles].map((file) => sizeOf(dir, file));
  const lazy = loadableFiles(dir)
    .filter((file) => !initialFiles.has(file) && !exclude.includes(file))
    .map((file) => sizeOf(dir, file));
  return { initial, initialGzipBytes: initial.reduce((sum, f) => sum + f.gzipBytes, 0), lazy };
}

/** Sizes of the CDN build in `dir`, or null when there is no build there. */
export function measureCdn(dir: string = CDN_DIR): CdnSizes | null {
  if (!existsSync(join(dir, ESM_ENTRY))) return null;
  const sizes = measureEntry(dir, ESM_ENTRY, [IIFE_ENTRY]);
  const iife = existsSync(join(dir, IIFE_ENTRY)) ? sizeOf(dir, IIFE_ENTRY) : null;
  const loadsEsm = iife !== null && readFileSync(join(dir, IIFE_ENTRY), 'utf8').includes(ESM_ENTRY);
  const iifeInitialGzipBytes =
    iife === null ? null : iife.gzipBytes + (loadsEsm ? sizes.initialGzipBytes : 0);
  return { dir, ...sizes, iife, iifeInitialGzipBytes };
}

interface PeerSize {
  name: string;
  gzipBytes: number | null;
  error?: string;
}

interface PeerSizes {
  date?: string;
  /** Our minimal app (provider, inbox, conversation), bundled exactly like the peers. */
  ours: PeerSize | null;
  peers: PeerSize[];
}

/** The figures of the last `npm run bench:peers`, when there are any. */
function lastPeerRun(): PeerSizes | null {
  const file = resolve('bench/results/peers.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PeerSizes;
  } catch {
    return null;
  }
}

function hasBuildScript(): boolean {
  try {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    return typeof pkg.scripts?.['build:cdn'] === 'string';
  } catch {
    return false;
  }
}

export const sizeBenchmark: Benchmark = {
  id: 'size',
  title: 'Size (minified + gzip -9)',
  async run(ctx): Promise<BenchFindings> {
    const findings = emptyFindings();
    if (hasBuildScript()) {
      ctx.log('npm run build:cdn');
      try {
        await promisify(execFile)('npm', ['run', 'build:cdn'], {
          timeout: 180_000,
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        findings.notes.push(
          `npm run build:cdn failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); measuring what is in dist/cdn/ if anything.`,
        );
      }
    } else {
      findings.notes.push(
        'package.json has no build:cdn script yet; measuring dist/cdn/ as it is.',
      );
    }
    const sizes = measureCdn();
    if (!sizes) {
      findings.skipped = `no CDN build: ${relative(process.cwd(), join(CDN_DIR, ESM_ENTRY))} does not exist (npm run build:cdn produces it)`;
      return findings;
    }
    findings.data = { ...sizes };
    const rows = [
      ...sizes.initial.map((f) => [f.file, 'initial (ESM)', f.bytes, f.gzipBytes] as const),
      ...(sizes.iife
        ? [[sizes.iife.file, 'initial (IIFE)', sizes.iife.bytes, sizes.iife.gzipBytes] as const]
        : []),
      ...sizes.lazy.map((f) => [f.file, 'lazy', f.bytes, f.gzipBytes] as const),
    ];
    findings.tables.push({
      title: `CDN build in ${relative(process.cwd(), sizes.dir) || sizes.dir}`,
      columns: ['file', 'loads', 'min bytes', 'gzip bytes'],
      rows: rows.map((r) => [...r]),
    });
    findings.checks.push(
      check(
        'initial CDN script (ESM + static imports) ≤ 56 KB gzip',
        kb(sizes.initialGzipBytes),
        sizes.initialGzipBytes <= INITIAL_BUDGET_BYTES,
      ),
    );
    if (sizes.iife && sizes.iifeInitialGzipBytes !== null) {
      findings.checks.push(
        check(
          'initial CDN script (classic script tag: IIFE and what it loads) ≤ 56 KB gzip',
          kb(sizes.iifeInitialGzipBytes),
          sizes.iifeInitialGzipBytes <= INITIAL_BUDGET_BYTES,
        ),
      );
    }
    const peers = lastPeerRun();
    const oursBytes = peers?.ours?.gzipBytes ?? null;
    if (peers && oursBytes) {
      findings.tables.push({
        title: `Peers (npm run bench:peers${peers.date ? `, ${peers.date.slice(0, 10)}` : ''}): minimal chat app of each, same bundler and flags, gzip -9 of its initial load`,
        columns: ['app', 'gzip bytes', 'ratio to ours'],
        rows: [peers.ours as PeerSize, ...peers.peers].map((p) => [
          p.name,
          p.gzipBytes,
          p.gzipBytes === null ? (p.error ?? 'failed') : `×${(p.gzipBytes / oursBytes).toFixed(1)}`,
        ]),
      });
      findings.data.peers = peers;
    }
    return findings;
  },
};
