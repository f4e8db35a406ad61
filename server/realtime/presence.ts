/**
 * Phoenix Presence on conversation topics, in the shapes the `phoenix`
 * client's `Presence` helper syncs: one meta per joined channel (a user with
 * two tabs has two), keyed by user id, each with a unique `phx_ref`.
 */
import { randomBytes } from 'node:crypto';
import type { PresenceMeta, PresenceSnapshot } from '../../src/sdk/types.js';
import type { ChannelSub } from './registry.js';

export function newPresenceMeta(externalId: string, now: number = Date.now()): PresenceMeta {
  return {
    phx_ref: randomBytes(12).toString('base64url'),
    online_at: now,
    external_id: externalId,
  };
}

/** Everyone present on the topic, as `presence_state` carries it. */
export function presenceSnapshot(subs: Iterable<ChannelSub>): PresenceSnapshot {
  // Keys are user ids chosen by the server, but a null prototype keeps any key harmless.
  const snapshot = Object.create(null) as PresenceSnapshot;
  for (const sub of subs) {
    if (!sub.presence) continue;
    const entry = snapshot[sub.user.userId] ?? { metas: [] };
    entry.metas.push(sub.presence);
    snapshot[sub.user.userId] = entry;
  }
  return snapshot;
}
