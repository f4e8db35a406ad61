/**
 * The README's one-line user hash, per language, computes what the server
 * checks (`userHash` in server/domain/identity.ts). Each line runs in its
 * own interpreter when the machine has it (Node always; Python, PHP, Ruby
 * where installed).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { userHash } from '../../../server/domain/identity.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const block = /<!-- user-hash -->\n\n```\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
const lines = new Map(
  block.split('\n').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()] as const;
  }),
);

const SECRET = 'ids_readme_secret';
const USER_ID = 'user-42@example.com';
const expected = userHash(SECRET, USER_ID);

function has(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

test('the README shows the line for Node, Python, PHP and Ruby', () => {
  assert.deepEqual([...lines.keys()], ['Node', 'Python', 'PHP', 'Ruby']);
});

test('the Node line computes the hash the server checks', () => {
  const line = lines.get('Node') ?? '';
  const out = execFileSync(process.execPath, [
    '-e',
    `const secret = ${JSON.stringify(SECRET)}, userId = ${JSON.stringify(USER_ID)}; process.stdout.write(${line})`,
  ]);
  assert.equal(out.toString(), expected);
});

test('the Python line computes the hash the server checks', { skip: !has('python3') }, () => {
  const line = lines.get('Python') ?? '';
  const out = execFileSync('python3', [
    '-c',
    `import hmac, hashlib\nsecret = ${JSON.stringify(SECRET)}\nuser_id = ${JSON.stringify(USER_ID)}\nprint(${line}, end='')`,
  ]);
  assert.equal(out.toString(), expected);
});

test('the PHP line computes the hash the server checks', { skip: !has('php') }, () => {
  const line = lines.get('PHP') ?? '';
  const out = execFileSync('php', [
    '-r',
    `$secret = ${JSON.stringify(SECRET)}; $userId = ${JSON.stringify(USER_ID)}; echo ${line};`,
  ]);
  assert.equal(out.toString(), expected);
});

test('the Ruby line computes the hash the server checks', { skip: !has('ruby') }, () => {
  const line = lines.get('Ruby') ?? '';
  const out = execFileSync('ruby', [
    '-ropenssl',
    '-e',
    `secret = ${JSON.stringify(SECRET)}; user_id = ${JSON.stringify(USER_ID)}; print(${line})`,
  ]);
  assert.equal(out.toString(), expected);
});
