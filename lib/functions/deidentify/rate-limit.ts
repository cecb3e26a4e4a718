/**
 * A character budget for Comprehend Medical: the service limits each account and region to a number of
 * characters per second (40,000 by default for DetectPHI) besides 100 requests per second. Every
 * concurrent function instance takes its share (the construct divides the quota by the queue's maximum
 * concurrency), so the pipeline stays under the quota instead of living on throttling retries.
 */
export class CharacterBudget {
  private available: number;
  private updated: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    /** Characters per second. */
    readonly perSecond: number,
    private readonly clock: { now(): number; sleep(ms: number): Promise<void> } = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
  ) {
    if (!(perSecond > 0)) throw new Error(`CharacterBudget: perSecond must be positive, not ${perSecond}`);
    this.available = perSecond;
    this.updated = clock.now();
  }

  /**
   * Waits until `characters` may be sent, then spends them. Callers are served in order; a request larger
   * than one second's budget waits until the budget has refilled to a full second, then runs into debt.
   */
  take(characters: number): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        this.refill();
        const needed = Math.min(characters, this.perSecond);
        if (this.available >= needed) break;
        await this.clock.sleep(Math.ceil(((needed - this.available) / this.perSecond) * 1000));
      }
      this.available -= characters;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.clock.now();
    this.available = Math.min(this.perSecond, this.available + ((now - this.updated) / 1000) * this.perSecond);
    this.updated = now;
  }
}
