/**
 * Concurrent uploads per client. An upload holds a connection and a file
 * descriptor for as long as its sender takes, so one client opening many at
 * once could exhaust both for everybody; each key (the uploader, and the
 * address it comes from) may hold a few at a time.
 */
export interface UploadSlotLimits {
  /** Uploads one user may stream at once. */
  perUser: number;
  /** Uploads one IP address may stream at once (several users can share an address). */
  perAddress: number;
}

export const DEFAULT_UPLOAD_SLOTS: UploadSlotLimits = { perUser: 4, perAddress: 16 };

export class UploadSlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly limits: UploadSlotLimits) {}

  /** Takes a slot for the user and the address, or answers false (and takes nothing) when either is full. */
  take(userKey: string, addressKey: string): (() => void) | null {
    const user = `user:${userKey}`;
    const address = `ip:${addressKey}`;
    if ((this.held.get(user) ?? 0) >= this.limits.perUser) return null;
    if ((this.held.get(address) ?? 0) >= this.limits.perAddress) return null;
    this.bump(user, 1);
    this.bump(address, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.bump(user, -1);
      this.bump(address, -1);
    };
  }

  private bump(key: string, by: number): void {
    const next = (this.held.get(key) ?? 0) + by;
    if (next <= 0) this.held.delete(key);
    else this.held.set(key, next);
  }
}
