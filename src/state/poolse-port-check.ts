/**
 * Compile-time proof that the SDK's `Poolse` client satisfies the store's
 * client port: if a method the store uses is renamed or changes shape in
 * `src/sdk`, `tsc` fails here instead of at runtime. Types only; no code.
 */
import type { Poolse } from '../sdk/index.js';
import type { ChatClientPort } from './client-port.js';

type Satisfies<T extends ChatClientPort> = T;
export type PoolseIsAChatClient = Satisfies<Poolse>;
