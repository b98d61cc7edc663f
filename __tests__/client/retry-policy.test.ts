import { RateLimiter } from '../../src/client/rate-limiter.js';
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_OPTIONS,
  parseRetryAfter,
  type RetryOptions,
} from '../../src/client/retry-policy.js';
import { FakeClock } from '../helpers/fake-clock.js';

const options: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, random: () => 0.5 };
const first = { attempt: 1, elapsedMs: 0 };

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
  });

  it('gives zero for a date in the past and undefined for junk', () => {
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under full jitter and stops at the cap', () => {
    const top = { ...options, random: () => 0.999999 };
    expect(backoffDelay(1, top)).toBe(999);
    expect(backoffDelay(3, top)).toBe(3999);
    expect(backoffDelay(10, top)).toBe(29999);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
  });
});

describe('decideRetry', () => {
  it('retries a 429 of a POST, honouring Retry-After', () => {
    const decision = decideRetry(
      { kind: 'response', status: 429, retryAfterMs: 4000 },
      { idempotent: false, ...first },
      options,
    );
    expect(decision).toEqual({ retry: true, reason: 'HTTP 429 Too Many Requests', waitMs: 4000 });
  });

  it.each([502, 503, 504])('retries %p for idempotent calls only', (status) => {
    expect(
      decideRetry({ kind: 'response', status }, { idempotent: true, ...first }, options).retry,
    ).toBe(true);
    expect(
      decideRetry({ kind: 'response', status }, { idempotent: false, ...first }, options).retry,
    ).toBe(false);
  });

  it.each([400, 403, 404, 500])('does not retry %p', (status) => {
    expect(
      decideRetry({ kind: 'response', status }, { idempotent: true, ...first }, options).retry,
    ).toBe(false);
  });

  it('retries a POST whose connection was refused before sending', () => {
    const refused = { kind: 'network', code: 'ECONNREFUSED', notSent: true } as const;
    expect(decideRetry(refused, { idempotent: false, ...first }, options).retry).toBe(true);
  });

  it('does not retry a POST after a reset', () => {
    const reset = { kind: 'network', code: 'ECONNRESET', notSent: false } as const;
    expect(decideRetry(reset, { idempotent: false, ...first }, options).retry).toBe(false);
    expect(decideRetry(reset, { idempotent: true, ...first }, options).retry).toBe(true);
  });

  it('stops at the attempt limit and the total time limit', () => {
    const status503 = { kind: 'response', status: 503 } as const;
    expect(
      decideRetry(status503, { idempotent: true, attempt: 6, elapsedMs: 0 }, options).retry,
    ).toBe(false);
    expect(
      decideRetry(
        { kind: 'response', status: 429, retryAfterMs: 60_000 },
        { idempotent: true, attempt: 2, elapsedMs: 70_000 },
        options,
      ).retry,
    ).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('waits when the window is full', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock, 3, 10_000);
    const start = clock.now();
    for (let i = 0; i < 3; i++) {
      await limiter.acquire();
    }
    expect(clock.now()).toBe(start);
    await limiter.acquire();
    expect(clock.now()).toBe(start + 10_000);
  });

  it('holds callers while paused by a 429', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock, 100, 10_000);
    limiter.pauseUntil(clock.now() + 2_500);
    const start = clock.now();
    await limiter.acquire();
    expect(clock.now() - start).toBe(2_500);
  });

  it('keeps 1,000 requests under 95 per sliding 10 s', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    const starts: number[] = [];
    for (let i = 0; i < 1000; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    let worst = 0;
    for (let i = 0, j = 0; i < starts.length; i++) {
      while (starts[i] - starts[j] >= 10_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(95);
  });
});
