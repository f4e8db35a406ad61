#!/usr/bin/env node
// `poolse-server`: the local poolse server. It runs the TypeScript sources
// through tsx, a dependency of this package like the server's own.
import { register } from 'tsx/esm/api';

register();
await import('../cli.ts');
