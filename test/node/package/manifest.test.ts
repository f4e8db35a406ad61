/**
 * custom-elements.json, as editors and framework typings read it: every
 * event with its detail type (also on the elements events bubble out of),
 * every theme token on the provider, and every `--poolse-<element>-*`
 * property an element's styles read documented on that element.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/frameworks.mjs';

interface Documented {
  name: string;
  type?: { text: string };
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  events?: Documented[];
  cssProperties?: Documented[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

let elements: Map<string, Declaration & { path: string }>;

before(() => {
  // Where `npm run build:manifest` writes it (another outdir would be
  // written into package.json's `customElements` by the analyzer).
  execFileSync(join(ROOT, 'node_modules/.bin/cem'), ['analyze', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;
  elements = new Map(
    manifest.modules.flatMap((module) =>
      (module.declarations ?? [])
        .filter((d) => d.customElement && d.tagName)
        .map((d) => [d.tagName!, { ...d, path: module.path }] as const),
    ),
  );
});

describe('custom-elements.json', () => {
  test('every event carries its detail type', () => {
    const untyped = [...elements.values()].flatMap((element) =>
      (element.events ?? [])
        .filter((event) => !/^CustomEvent<\w+>$/.test(event.type?.text ?? ''))
        .map((event) => `${element.tagName} ${event.name}`),
    );
    assert.deepEqual(untyped, []);
  });

  test('events list on the elements they bubble out of', () => {
    const events = (tag: string) => (elements.get(tag)?.events ?? []).map((event) => event.name);
    for (const name of ['poolse-message-send', 'poolse-message-action', 'poolse-reaction-toggle', 'poolse-thread-open'])
      assert.ok(events('poolse-conversation').includes(name), `<poolse-conversation> lists ${name}`);
    assert.ok(events('poolse-launcher').includes('poolse-conversation-select'));
    assert.ok(events('poolse-timeline').includes('poolse-message-action'));
  });

  test('the provider documents every theme token with its default', () => {
    const tokens = readFileSync(join(ROOT, 'components/shared/tokens.styles.ts'), 'utf8');
    const light = tokens.slice(tokens.indexOf('export const lightTokens'), tokens.indexOf('};'));
    const names = [...light.matchAll(/'([\w-]+)': '/g)].map(([, key]) => `--poolse-${key}`);
    assert.ok(names.length > 40, 'the token table was read');
    const documented = new Set((elements.get('poolse-provider')?.cssProperties ?? []).map((p) => p.name));
    assert.deepEqual(names.filter((name) => !documented.has(name)), []);
  });

  test("each element documents the --poolse-<element>-* properties its styles read", () => {
    const missing: string[] = [];
    for (const [tag, element] of elements) {
      const name = tag.replace(/^poolse-/, '');
      const folder = join(ROOT, 'components', name);
      const styles = readdirSync(folder)
        .filter((file) => file.endsWith('.styles.ts'))
        .map((file) => readFileSync(join(folder, file), 'utf8'))
        .join('\n');
      const read = new Set(styles.match(new RegExp(`--poolse-${name}-[a-z0-9-]+`, 'g')) ?? []);
      const documented = new Set((element.cssProperties ?? []).map((p) => p.name));
      for (const property of read) if (!documented.has(property)) missing.push(`${tag} ${property}`);
    }
    assert.deepEqual(missing, []);
  });
});
