/**
 * The npm tarball as a consumer gets it: what it ships (no tests, no demo,
 * no local data, no source maps pointing nowhere, every `exports` target
 * present), and that it installs into an empty project whose TypeScript
 * sees typed elements, events and the SDK through the root, `./sdk` and an
 * element subpath, and whose Node can import `./sdk` without Lit or a DOM.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TARBALL, packPackage } from '../../../scripts/frameworks.mjs';

const TYPESCRIPT = 'typescript@~5.9.3';

/** Runs a command, failing the test with its output when it exits non-zero. */
function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`, {
      cause: error,
    });
  }
}

/** Files in the tarball, relative to the package root (npm puts them under `package/`). */
function tarballFiles(): string[] {
  return run('tar', ['-tzf', TARBALL], ROOT)
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
}

function tarballText(file: string): string {
  return execFileSync('tar', ['-xzOf', TARBALL, `package/${file}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface SourceMap {
  sources: string[];
  sourcesContent?: Array<string | null>;
  sourceRoot?: string;
}

/** Every `exports` target that names one file (patterns like `./cdn/*` excepted). */
function exportTargets(exportsField: unknown): string[] {
  if (typeof exportsField === 'string') return exportsField.includes('*') ? [] : [exportsField];
  if (typeof exportsField !== 'object' || exportsField === null) return [];
  return Object.values(exportsField).flatMap((value) => exportTargets(value));
}

before(() => {
  packPackage();
});

describe('the packed tarball', () => {
  test('ships the build, the types and the manifest, and nothing from tests, demos or local data', () => {
    const files = tarballFiles();
    const shipped = new Set(files);
    for (const required of [
      'package.json',
      'README.md',
      'dist/lib/src/index.js',
      'dist/lib/src/index.d.ts',
      'dist/lib/src/sdk/index.js',
      'dist/lib/src/sdk/index.d.ts',
    ]) {
      assert.ok(shipped.has(required), `${required} is in the tarball`);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: unknown;
    };
    const missing = exportTargets(pkg.exports)
      .map((target) => target.replace(/^\.\//, ''))
      .filter((target) => !shipped.has(target));
    assert.deepEqual(missing, [], 'every exports target is in the tarball');

    const unwanted = files.filter(
      (file) =>
        /(^|\/)(test|tests|__tests__|e2e|demo|bench|node_modules|coverage|test-results|playwright-report|\.data|\.tmp)\//.test(
          file,
        ) ||
        // Uploaded files (the server's code for uploads, server/uploads/, ships).
        /^uploads\//.test(file) ||
        /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) ||
        /\.(db|db-wal|db-shm|sqlite|tgz|log)$/.test(file),
    );
    assert.deepEqual(unwanted, [], 'no tests, demos, local data or stray artifacts');
  });

  test('ships the elements, the SDK, the framework typings and editor data, and not the server', () => {
    const files = tarballFiles();
    for (const required of [
      'dist/frameworks/react.d.ts',
      'dist/frameworks/vue.d.ts',
      'dist/frameworks/svelte.d.ts',
      'web-types.json',
      'custom-elements.json',
    ]) {
      assert.ok(files.includes(required), `${required} is in the tarball`);
    }
    const serverFiles = files.filter((file) => /^(server|bin)\//.test(file));
    assert.deepEqual(serverFiles, [], 'the server is its own package, @poolse/server');
  });

  test('depends on what its code and types need, and nothing heavier', () => {
    const pkg = JSON.parse(tarballText('package.json')) as {
      dependencies: Record<string, string>;
      peerDependencies?: Record<string, string>;
      typesVersions?: Record<string, Record<string, string[]>>;
    };
    // The published types import phoenix's: without them, strict consumers get TS7016.
    assert.ok(pkg.dependencies['@types/phoenix'], '@types/phoenix is a dependency');
    // The emoji data ships once, as an asset fetched when the picker first opens.
    assert.equal(pkg.dependencies['emoji-picker-element-data'], undefined);
    assert.equal(pkg.peerDependencies, undefined, 'no server peers to install');
    assert.ok(
      pkg.typesVersions?.['*']?.sdk,
      'typesVersions maps the subpaths for node10 resolution',
    );
  });

  test('no ES module leaves Vite’s preload helper name for the app’s Vite to collide with', () => {
    // An app built with Vite injects `import { __vitePreload }` into every module with an
    // `import()`; one already declaring that name fails the app's build.
    const colliding = tarballFiles()
      .filter((file) => file.startsWith('dist/lib/') && file.endsWith('.js'))
      .filter((file) => tarballText(file).includes('__vitePreload'));
    assert.deepEqual(colliding, []);
  });

  test('every source map carries its sources or points at files that ship with it', () => {
    const files = tarballFiles();
    const shipped = new Set(files);
    const maps = files.filter((file) => file.endsWith('.map'));
    const broken: string[] = [];
    for (const mapFile of maps) {
      const map = JSON.parse(tarballText(mapFile)) as SourceMap;
      map.sources.forEach((source, index) => {
        if (typeof map.sourcesContent?.[index] === 'string') return;
        const dir = mapFile.split('/').slice(0, -1).join('/');
        const resolved = new URL(
          `${map.sourceRoot ?? ''}${source}`,
          `file:///${dir}/`,
        ).pathname.slice(1);
        if (!shipped.has(resolved)) broken.push(`${mapFile} → ${source}`);
      });
    }
    assert.deepEqual(broken, [], 'no map names a source that is neither inlined nor shipped');
  });
});

describe('a consumer project', () => {
  let project = '';

  before(() => {
    project = mkdtempSync(join(tmpdir(), 'poolse-consumer-'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
    );
    run(
      'npm',
      [
        'install',
        TARBALL,
        'lit',
        '@lit/context',
        '@lit-labs/virtualizer',
        'phoenix',
        TYPESCRIPT,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
      ],
      project,
    );
  });

  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  const consumerSource = `import { PoolseProvider, type ConversationSelectDetail, type PoolseTheme } from '@poolse/elements';
import { Poolse, type PoolseConfig } from '@poolse/elements/sdk';
import { PoolseInbox } from '@poolse/elements/inbox';

const inbox: PoolseInbox = document.createElement('poolse-inbox');
const provider: PoolseProvider = document.createElement('poolse-provider');
const theme: PoolseTheme = 'dark';
provider.theme = theme;
// @ts-expect-error: the theme is one of light, dark, auto
provider.theme = 'neon';
// @ts-expect-error: the tag map gives the element's class, not any
const notANumber: number = document.createElement('poolse-conversation');

inbox.addEventListener('poolse-conversation-select', (event) => {
  const detail: ConversationSelectDetail = event.detail;
  const id: string = event.detail.conversationId;
  // @ts-expect-error: the detail is typed
  const wrong: number = event.detail.conversationId;
  console.log(detail, id, wrong);
});
provider.addEventListener('poolse-message-send', (event) => {
  const body: string | null | undefined = event.detail.draft.body;
  console.log(body);
});

const config: PoolseConfig = { apiUrl: 'http://127.0.0.1:4000', getToken: async () => 'jwt' };
const client = new Poolse(config);
// @ts-expect-error: getToken is required
new Poolse({ apiUrl: 'http://127.0.0.1:4000' });
provider.client = client;
console.log(notANumber);
`;

  for (const moduleResolution of ['bundler', 'nodenext', 'node10'] as const) {
    test(`tsc --noEmit accepts a typed consumer of the root, ./sdk and ./inbox (moduleResolution ${moduleResolution})`, () => {
      writeFileSync(join(project, 'consumer.ts'), consumerSource);
      const tsconfig = {
        compilerOptions: {
          target: 'ES2022',
          module: moduleResolution === 'nodenext' ? 'NodeNext' : 'ESNext',
          moduleResolution,
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          strict: true,
          noEmit: true,
          // The package's own declarations must check too (their imports resolve, e.g. phoenix's types).
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      };
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
      run(
        process.execPath,
        [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
        project,
      );
    });
  }

  test('Node imports @poolse/elements/sdk with no DOM and no Lit installed', () => {
    // Without Lit on disk, any import of it from ./sdk would fail to resolve.
    for (const dir of ['lit', '@lit', '@lit-labs', 'lit-html', 'lit-element']) {
      rmSync(join(project, 'node_modules', dir), { recursive: true, force: true });
    }
    const script = `
      if (typeof document !== 'undefined' || typeof HTMLElement !== 'undefined') throw new Error('a DOM is present');
      const sdk = await import('@poolse/elements/sdk');
      const client = new sdk.Poolse({ apiUrl: 'http://127.0.0.1:9', getToken: () => null });
      client.destroy();
      console.log(JSON.stringify({ Poolse: typeof sdk.Poolse }));
    `;
    const output = run(process.execPath, ['--input-type=module', '--eval', script], project);
    assert.deepEqual(JSON.parse(output.trim().split('\n').pop() ?? '{}'), { Poolse: 'function' });
    assert.throws(
      () =>
        run(process.execPath, ['--input-type=module', '--eval', "await import('lit')"], project),
      /lit/,
      'Lit is really gone from the consumer project',
    );
  });
});
