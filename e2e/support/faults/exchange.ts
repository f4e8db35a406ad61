/**
 * A steady exchange between users of the demo app: each page writes a
 * numbered line through its composer every ~200 ms until told to stop, and
 * remembers which lines the composer took.
 */
import type { Page } from '@playwright/test';
import { sendThroughComposer } from './demo-page.js';

export class Exchange {
  /** Lines the composer took (handed to the outbox), in the order written. */
  readonly accepted: string[] = [];
  /** Lines written that the composer did not take (busy or not ready). */
  readonly refused: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly runId: string,
    private readonly intervalMs = 200,
    /** Bound on lines per writer, whatever happens. */
    private readonly maxLines = 5_000,
  ) {}

  /** Starts a writer on `page`; its lines read `<runId>-<label>-<n>`. */
  start(page: Page, label: string): void {
    this.loops.push(this.write(page, label));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async write(page: Page, label: string): Promise<void> {
    for (let n = 1; this.running && n <= this.maxLines; n += 1) {
      const line = `${this.runId}-${label}-${String(n).padStart(4, '0')}`;
      const taken = await sendThroughComposer(page, line);
      (taken ? this.accepted : this.refused).push(line);
      if (this.running) await page.waitForTimeout(this.intervalMs);
    }
  }
}
