import type { Clock } from '../src/client/clock.js';
import { silentLogger } from '../src/client/logger.js';
import { pollInterval, pollUntil } from '../src/operations/poller.js';
import { type BenchmarkFigures, type Measurement, median } from './results-model.js';

/** Job lengths simulated, in seconds. */
export const JOB_SECONDS = [2, 5, 15, 30, 60, 600];

/** Completion times simulated per job length, spread evenly over one poll interval. */
export const OFFSET_COUNT = 20;

/**
 * Interval of the baseline poller. SailPoint's CLI (sailpoint-cli,
 * internal/spconfig/spconfig.go) checks a job's status and, while it is
 * NOT_STARTED or IN_PROGRESS, sleeps 5 seconds before the next check.
 */
export const FIXED_INTERVAL_MS = 5_000;

interface PollRun {
  /** Time from the job's completion to the status call that saw it, in milliseconds. */
  lagMs: number;
  statusCalls: number;
}

/** A clock whose sleep returns at once and moves simulated time forward. */
class SimulatedClock implements Clock {
  private time = 0;

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
}

/** Runs the project's pollUntil on a job that completes `doneAtMs` after polling starts. */
async function runOurPoller(doneAtMs: number): Promise<PollRun> {
  const clock = new SimulatedClock();
  let statusCalls = 0;
  await pollUntil({
    description: 'simulated job',
    fetch: async () => {
      statusCalls++;
      return { status: clock.now() >= doneAtMs ? 'COMPLETE' : 'IN_PROGRESS' };
    },
    status: (job) => job?.status,
    isDone: (job) => job.status === 'COMPLETE',
    deadline: doneAtMs + 3_600_000,
    resumeHint: '',
    clock,
    logger: silentLogger,
    signal: new AbortController().signal,
  });
  return { lagMs: clock.now() - doneAtMs, statusCalls };
}

/** Runs the baseline: a status call at once, then one every `intervalMs`. */
function runFixedPoller(doneAtMs: number, intervalMs: number): PollRun {
  let time = 0;
  let statusCalls = 0;
  for (;;) {
    statusCalls++;
    if (time >= doneAtMs) {
      return { lagMs: time - doneAtMs, statusCalls };
    }
    time += intervalMs;
  }
}

/** Interval between our poller's status calls around `atMs` after polling starts. */
function ourIntervalAt(atMs: number): number {
  let time = 0;
  for (let pollNumber = 0; ; pollNumber++) {
    const interval = pollInterval(pollNumber);
    if (time + interval > atMs) {
      return interval;
    }
    time += interval;
  }
}

/**
 * Completion times for a job of `jobMs`: OFFSET_COUNT times from `jobMs` on, spread over the
 * longer of the two pollers' intervals there, so every phase of both pollers is sampled.
 */
export function completionTimes(jobMs: number): number[] {
  const span = Math.max(FIXED_INTERVAL_MS, ourIntervalAt(jobMs));
  return Array.from({ length: OFFSET_COUNT }, (_, k) => jobMs + (k * span) / OFFSET_COUNT);
}

/** Measures detection lag and status calls of both pollers in simulated time. */
export async function measurePollLag(): Promise<BenchmarkFigures> {
  const measurements: Measurement[] = [];
  for (const jobSeconds of JOB_SECONDS) {
    const times = completionTimes(jobSeconds * 1000);
    const ours: PollRun[] = [];
    const fixed: PollRun[] = [];
    for (const doneAtMs of times) {
      ours.push(await runOurPoller(doneAtMs));
      fixed.push(runFixedPoller(doneAtMs, FIXED_INTERVAL_MS));
    }

    const label = `${jobSeconds} s job`;
    const spread = `job ends ${jobSeconds}–${((times.at(-1) as number) / 1000).toFixed(2)} s after polling starts`;
    const lagSeconds = (runs: PollRun[]) => runs.map((run) => run.lagMs / 1000);
    const calls = (runs: PollRun[]) => runs.map((run) => run.statusCalls);
    measurements.push(
      {
        case: label,
        metric: 'median lag',
        unit: 's',
        ours: median(lagSeconds(ours)),
        baseline: median(lagSeconds(fixed)),
        note: spread,
      },
      {
        case: label,
        metric: 'max lag',
        unit: 's',
        ours: Math.max(...lagSeconds(ours)),
        baseline: Math.max(...lagSeconds(fixed)),
      },
      {
        case: label,
        metric: 'median status calls',
        unit: 'calls',
        ours: median(calls(ours)),
        baseline: median(calls(fixed)),
      },
    );
  }
  return { baseline: 'fixed 5 s poller, as in the SailPoint CLI', measurements };
}
