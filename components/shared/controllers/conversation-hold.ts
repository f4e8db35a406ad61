/**
 * Holds one conversation open in the store while it is on screen: the
 * store reference-counts `openConversation` / `closeConversation` (channel
 * joined, newest page loaded), so every element that shows a conversation
 * holds it exactly once and lets go when it shows another or leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Uuid } from '../../../src/sdk/types.js';
import type { ChatStore } from '../../../src/state/types.js';

export class ConversationHold implements ReactiveController {
  #opened: { store: ChatStore; id: Uuid } | null = null;

  /** With a host, the hold is let go when the host leaves the page. */
  constructor(host?: ReactiveControllerHost) {
    host?.addController(this);
  }

  /** The conversation held now, if any. */
  get held(): { store: ChatStore; id: Uuid } | null {
    return this.#opened;
  }

  /**
   * Holds `id` in `store` (letting go of any other). Returns true when this
   * opened a new hold, false when it was already held or there is nothing to hold.
   */
  hold(store: ChatStore | null, id: Uuid | null): boolean {
    if (this.#opened && this.#opened.store === store && this.#opened.id === id) return false;
    this.release();
    if (!store || !id) return false;
    this.#opened = { store, id };
    // Load errors show in the timeline's own state; nothing to do with them here.
    store.openConversation(id).catch(() => undefined);
    return true;
  }

  release(): void {
    if (!this.#opened) return;
    this.#opened.store.closeConversation(this.#opened.id);
    this.#opened = null;
  }

  hostDisconnected(): void {
    this.release();
  }
}
