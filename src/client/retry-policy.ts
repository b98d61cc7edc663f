/** Bounds and shape of the retry backoff. */
export interface RetryOptions {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt. */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Returns a number in [0, 1); replaced in tests to make jitter predictable. */
  random: () => number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 6,
  maxTotalMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  random: Math.random,
};

/** Result of one attempt, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfterMs?: number }
  | { kind: 'network'; code: string; notSent: boolean };

export type RetryDecision = { retry: false } | { retry: true; reason: string; waitMs: number };

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Parses a Retry-After header given in seconds or as an HTTP date. Returns the
 * wait in milliseconds, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter: a random wait between 0 and base * 2^(retry - 1), capped. */
export function backoffDelay(retryNumber: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.floor(options.random() * ceiling);
}

/**
 * Decides whether to retry after an attempt. A request that may change state
 * (`idempotent: false`, such as POST) is retried only when the server cannot
 * have applied it: a 429, or a connection that failed before anything was sent.
 * 502, 503, 504, resets and timeouts are retried for idempotent requests only.
 */
export function decideRetry(
  outcome: AttemptOutcome,
  context: { idempotent: boolean; attempt: number; elapsedMs: number },
  options: RetryOptions,
): RetryDecision {
  if (context.attempt >= options.maxAttempts) {
    return { retry: false };
  }

  let reason: string | undefined;
  let waitMs = backoffDelay(context.attempt, options);
  if (outcome.kind === 'response') {
    if (outcome.status === 429) {
      reason = 'HTTP 429 Too Many Requests';
      waitMs = outcome.retryAfterMs ?? waitMs;
    } else if (RETRYABLE_STATUSES.has(outcome.status) && context.idempotent) {
      reason = `HTTP ${outcome.status}`;
      waitMs = outcome.retryAfterMs ?? waitMs;
    }
  } else if (outcome.notSent || context.idempotent) {
    reason = outcome.notSent ? `connection failed before sending (${outcome.code})` : outcome.code;
  }

  if (reason === undefined || context.elapsedMs + waitMs > options.maxTotalMs) {
    return { retry: false };
  }
  return { retry: true, reason, waitMs };
}
