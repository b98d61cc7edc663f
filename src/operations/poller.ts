import type { Clock } from '../client/clock.js';
import type { Logger } from '../client/logger.js';

/**
 * Poll intervals in milliseconds. They are short at first, so a job of a few
 * seconds is seen within about a second. Up to about a minute they are 5 s,
 * as often as a fixed 5-second poller. After that the 10-second cap keeps a
 * long job to few calls.
 */
export const POLL_INTERVALS_MS = [
  500, 1_000, 1_000, 1_000, 1_500, 2_000, 2_000, 3_000, 3_000, 5_000, 5_000, 5_000, 5_000, 5_000,
  5_000, 5_000, 5_000, 5_000,
];
export const POLL_INTERVAL_CAP_MS = 10_000;
export const HEARTBEAT_INTERVAL_MS = 30_000;

export function pollInterval(pollNumber: number): number {
  return POLL_INTERVALS_MS[pollNumber] ?? POLL_INTERVAL_CAP_MS;
}

/** The wait for a job ran past its deadline. */
export class PollTimeoutError extends Error {
  override name = 'PollTimeoutError';
  constructor(
    message: string,
    readonly lastStatus: string | undefined,
  ) {
    super(message);
  }
}

export interface PollOptions<T> {
  /** Job name for logs, such as "upload 1234". */
  description: string;
  /** Fetches the job's current state, or undefined when it does not exist yet. */
  fetch: (signal: AbortSignal) => Promise<T | undefined>;
  /** Status shown in logs, or undefined while the job does not exist. */
  status: (job: T | undefined) => string | undefined;
  isDone: (job: T) => boolean;
  /** Absolute time, on `clock`, after which the wait fails. */
  deadline: number;
  /** Sentence appended to the timeout error, saying how to resume. */
  resumeHint: string;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * Polls a job until `isDone`, logging each status change once and a heartbeat
 * at most every 30 seconds. Throws PollTimeoutError at the deadline and
 * rethrows the signal's reason when the run is cancelled.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const { clock, logger, signal } = options;
  const started = clock.now();
  let lastStatus: string | undefined;
  let lastHeartbeat = started;

  for (let pollNumber = 0; ; pollNumber++) {
    const job = await options.fetch(signal);
    const status = options.status(job);
    const now = clock.now();
    if (status !== lastStatus) {
      logger.info(
        `${capitalize(options.description)} is ${status ?? 'not there yet'} (after ${seconds(now - started)}).`,
      );
      lastStatus = status;
      lastHeartbeat = now;
    } else if (now - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) {
      logger.info(
        `Still waiting for ${options.description}: ${status ?? 'not there yet'} after ${seconds(now - started)}.`,
      );
      lastHeartbeat = now;
    }
    if (job !== undefined && options.isDone(job)) {
      return job;
    }

    const wait = Math.min(pollInterval(pollNumber), options.deadline - now);
    if (wait <= 0) {
      throw new PollTimeoutError(
        `Timed out after ${seconds(now - started)} waiting for ${options.description} ` +
          `(last status: ${status ?? 'not there yet'}). ${options.resumeHint}`,
        status,
      );
    }
    await clock.sleep(wait, signal);
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
