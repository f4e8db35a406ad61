#!/usr/bin/env node
// `poolse-server`: the local poolse server. The published package runs its
// bundle (dist/, built when it is packed); in the repository it runs the
// TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli.ts');
}
