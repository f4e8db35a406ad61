#!/usr/bin/env node
// `poolse-server`: the local poolse server. It runs the TypeScript sources
// through tsx, and its dependencies are optional peers of the package (a
// front-end install should not build SQLite), so say what to install when
// one is missing instead of failing with a stack trace.
const needed = ['tsx', 'fastify', 'fastify-plugin', 'ws', 'better-sqlite3', 'jose'];
const missing = [];
for (const name of needed) {
  try {
    await import(name === 'tsx' ? 'tsx/esm/api' : name);
  } catch {
    missing.push(name);
  }
}
if (missing.length > 0) {
  console.error(
    `poolse-server needs ${missing.join(', ')}.\nInstall them beside @poolse/elements:\n  npm install -D ${needed.join(' ')}`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../server/cli.ts');
