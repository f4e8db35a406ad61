/**
 * Mirrors the store's outbox into an `OutboxStorage`, so unsent messages
 * survive a reload: every entry added or changed is written, every entry
 * that left the outbox (confirmed or discarded) is removed. Writes run one
 * after another, so a removal never overtakes the write it follows.
 *
 * Storage is best effort: when it fails (private browsing, quota), the
 * outbox keeps working in memory and only the reload guarantee is lost.
 */
import { createIndexedDbOutboxStorage, hasIndexedDb } from './outbox-idb.js';
import type { OutboxEntry, OutboxStorage, StoredOutboxEntry } from './types.js';

/**
 * The storage a store uses for its `persistOutbox` option, and whether the
 * store created it (and so closes it when destroyed).
 */
export function resolveOutboxStorage(
  option: boolean | OutboxStorage | undefined,
): { storage: OutboxStorage; owned: boolean } | null {
  if (option === false) return null;
  if (option === undefined || option === true) {
    if (!hasIndexedDb()) return null;
    return { storage: createIndexedDbOutboxStorage(), owned: true };
  }
  return { storage: option, owned: false };
}

/** How long a start waits for the stored outbox before going on without it. */
const LOAD_TIMEOUT_MS = 5000;

export class OutboxPersistence {
  /** What the storage holds (or will, once queued writes land), by id. */
  private readonly written = new Map<string, OutboxEntry>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: OutboxStorage,
    private readonly scope: string,
    private readonly orderOf: (id: string) => number,
  ) {}

  /**
   * The scope's stored entries, oldest first. They count as written. A
   * storage that fails or does not answer within `timeoutMs` gives none:
   * the store must start all the same.
   */
  async load(timeoutMs = LOAD_TIMEOUT_MS): Promise<StoredOutboxEntry[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    let records: StoredOutboxEntry[] | null;
    try {
      records = await Promise.race([this.storage.load(this.scope), gaveUp]);
    } catch {
      records = null;
    } finally {
      clearTimeout(timer);
    }
    if (!records) return [];
    for (const record of records) this.written.set(record.entry.id, record.entry);
    return records.sort((a, b) => a.order - b.order);
  }

  /** Brings the storage in line with `outbox` (cheap when nothing changed). */
  sync(outbox: Readonly<Record<string, OutboxEntry>>): void {
    for (const [id, entry] of Object.entries(outbox)) {
      if (this.written.get(id) === entry) continue;
      this.written.set(id, entry);
      const record: StoredOutboxEntry = { entry, order: this.orderOf(id) };
      this.enqueue(() => this.storage.put(this.scope, record));
    }
    for (const id of [...this.written.keys()]) {
      if (id in outbox) continue;
      this.written.delete(id);
      this.enqueue(() => this.storage.remove(this.scope, id));
    }
  }

  /** Resolves when every queued write has landed (or failed). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(write: () => Promise<void>): void {
    this.queue = this.queue.then(write).catch(() => {
      // Best effort (see above): one failed write must not stop the next ones.
    });
  }
}
