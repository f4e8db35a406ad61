import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as sdk from '../../../src/sdk/index.js';

const SDK_DIR = fileURLToPath(new URL('../../../src/sdk/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the sdk entry point', () => {
  it('imports only phoenix and its own modules (no Lit), so it can ship alone', () => {
    for (const file of sourceFiles(SDK_DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"];/gm)) {
        const specifier = match[1]!;
        assert.ok(
          specifier === 'phoenix' || specifier.startsWith('./') || specifier.startsWith('../'),
          `${relative(SDK_DIR, file)} imports ${specifier}`,
        );
        if (specifier.startsWith('.'))
          assert.ok(
            specifier.endsWith('.js'),
            `${relative(SDK_DIR, file)}: relative import ${specifier} ends in .js`,
          );
      }
    }
  });

  it('exports the surface of the reference', () => {
    for (const name of [
      'Poolse',
      'ConversationsResource',
      'ConversationHandle',
      'ConversationMessages',
      'MessagesResource',
      'MessageHandle',
      'AttachmentsResource',
      'AttachmentHandle',
      'MeResource',
      'UsersResource',
      'PoolseRealtime',
      'ConversationChannel',
      'UserChannel',
      'RestClient',
      'PoolseError',
      'NetworkError',
      'ApiError',
      'AuthError',
      'RateLimitedError',
    ]) {
      assert.equal(typeof (sdk as Record<string, unknown>)[name], 'function', name);
    }
    assert.equal(sdk.POOLSE_API_URL, 'https://api.poolse.dev');
    assert.match(sdk.VERSION, /^\d+\.\d+\.\d+/);
  });
});
