/**
 * The realtime side of the local server: Phoenix Channels over `ws` at
 * `/socket/websocket`, as the unmodified `phoenix` client expects.
 */
import type { CreateRealtime } from '../contracts.js';
import { createRealtimeHub } from './hub.js';

export const createRealtime: CreateRealtime = (httpServer, deps) =>
  createRealtimeHub(httpServer, deps);

export { createRealtimeHub } from './hub.js';
export { DEFAULT_LIMITS, type RealtimeLimits } from './limits.js';
