/**
 * Sliding-window rate limiter: a key may make `limit` requests within any `windowMs`.
 * Rejected requests are not counted, so a client that waits Retry-After seconds gets through.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Records a request; returns 0 when it is allowed, else the seconds to wait (at least 1). */
  take(key: string, now: number, limit: number, windowMs: number): number {
    const times = (this.hits.get(key) ?? []).filter((time) => time > now - windowMs);
    this.hits.set(key, times);
    if (times.length >= limit) {
      const freeAt = times[times.length - limit] + windowMs;
      return Math.max(1, Math.ceil((freeAt - now) / 1000));
    }
    times.push(now);
    return 0;
  }

  clear(): void {
    this.hits.clear();
  }
}
