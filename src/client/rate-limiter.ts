import type { Clock } from './clock.js';

/**
 * Client-side limiter that keeps requests under the tenant's limit of 100 per
 * client id per API version in 10 seconds. It uses a sliding window over the
 * start times of recent requests, and a pause that a 429's Retry-After sets for
 * every caller at once. The default of 95 leaves room for the token request and
 * for clock skew between runner and tenant.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    readonly limit = 95,
    readonly windowMs = 10_000,
  ) {}

  /** Waits until one more request fits in the window, then counts it. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every caller until `untilMs`, after the server responded with 429. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.starts.length > 0 && this.starts[0] <= now - this.windowMs) {
        this.starts.shift();
      }
      let waitMs = this.pausedUntil - now;
      if (this.starts.length >= this.limit) {
        waitMs = Math.max(waitMs, this.starts[0] + this.windowMs - now);
      }
      if (waitMs <= 0) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(waitMs, signal);
    }
  }
}
