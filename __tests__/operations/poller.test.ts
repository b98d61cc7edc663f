import { pollInterval, PollTimeoutError, pollUntil } from '../../src/operations/poller.js';
import { FakeClock } from '../helpers/fake-clock.js';

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    debug: () => undefined,
    info: (m: string) => lines.push(m),
    warning: (m: string) => lines.push(m),
  };
}

/** Builds a fake job that is IN_PROGRESS until `doneAtMs` of simulated time, then COMPLETE. */
function jobEndingAt(clock: FakeClock, doneAtMs: number) {
  const start = clock.now();
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fetch: async () => {
      calls++;
      return { status: clock.now() - start >= doneAtMs ? 'COMPLETE' : 'IN_PROGRESS' };
    },
  };
}

describe('pollInterval', () => {
  it('starts short and stops growing at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(pollInterval)).toEqual([
      500, 1000, 1000, 1000, 1500, 2000, 2000, 3000, 3000, 5000,
    ]);
    expect(pollInterval(17)).toBe(5_000);
    expect(pollInterval(18)).toBe(10_000);
    expect(pollInterval(500)).toBe(10_000);
  });

  it('reaches about a minute before the cap', () => {
    const total = Array.from({ length: 18 }, (_, i) => pollInterval(i)).reduce((a, b) => a + b, 0);
    expect(total).toBe(60_000);
  });
});

describe('pollUntil', () => {
  const base = (clock: FakeClock, logger = recordingLogger()) => ({
    description: 'deploy d-1',
    status: (job: { status: string } | undefined) => job?.status,
    isDone: (job: { status: string }) => job.status === 'COMPLETE',
    resumeHint: 'Resume with deploy-id: d-1.',
    clock,
    logger,
    signal: new AbortController().signal,
  });

  it('sees a 5-second job within a second', async () => {
    const clock = new FakeClock();
    const job = jobEndingAt(clock, 5_000);
    const start = clock.now();
    await pollUntil({ ...base(clock), fetch: job.fetch, deadline: start + 60_000 });
    expect(clock.now() - start).toBeGreaterThanOrEqual(5_000);
    expect(clock.now() - start).toBeLessThanOrEqual(6_000);
    expect(job.calls).toBe(6);
  });

  it('makes few calls for a 10-minute job', async () => {
    const clock = new FakeClock();
    const job = jobEndingAt(clock, 600_000);
    await pollUntil({ ...base(clock), fetch: job.fetch, deadline: clock.now() + 3_600_000 });
    // A fixed 5-second poller makes 121 calls for the same job.
    expect(job.calls).toBeLessThanOrEqual(75);
  });

  it('logs a status change once and a heartbeat every 30 s', async () => {
    const clock = new FakeClock();
    const logger = recordingLogger();
    const job = jobEndingAt(clock, 95_000);
    await pollUntil({
      ...base(clock, logger),
      fetch: job.fetch,
      deadline: clock.now() + 3_600_000,
    });
    expect(logger.lines.filter((l) => l.startsWith('Deploy d-1 is IN_PROGRESS'))).toHaveLength(1);
    expect(logger.lines.filter((l) => l.startsWith('Deploy d-1 is COMPLETE'))).toHaveLength(1);
    const heartbeats = logger.lines.filter((l) => l.startsWith('Still waiting for deploy d-1'));
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(heartbeats.length).toBeLessThanOrEqual(3);
  });

  it('times out at the deadline with the resume hint', async () => {
    const clock = new FakeClock();
    const job = jobEndingAt(clock, 1_000_000);
    const start = clock.now();
    const error = (await pollUntil({
      ...base(clock),
      fetch: job.fetch,
      deadline: start + 20_000,
    }).catch((e: unknown) => e)) as PollTimeoutError;
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error.lastStatus).toBe('IN_PROGRESS');
    expect(error.message).toBe(
      'Timed out after 20 s waiting for deploy d-1 (last status: IN_PROGRESS). Resume with deploy-id: d-1.',
    );
    expect(clock.now() - start).toBe(20_000);
  });

  it('stops when the signal aborts', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const job = jobEndingAt(clock, 1_000_000);
    const fetch = async () => {
      if (job.calls === 3) controller.abort(new Error('cancelled by SIGTERM'));
      return job.fetch();
    };
    await expect(
      pollUntil({
        ...base(clock),
        signal: controller.signal,
        fetch,
        deadline: clock.now() + 3_600_000,
      }),
    ).rejects.toThrow('cancelled by SIGTERM');
    expect(job.calls).toBe(4);
  });
});
