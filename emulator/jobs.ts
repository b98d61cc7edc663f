export type JobStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED' | 'FAILED';
export const JOB_STATUSES: readonly JobStatus[] = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'COMPLETE',
  'CANCELLED',
  'FAILED',
];

/** Final result that a job reaches when its duration is over; NEVER_FINISH keeps it IN_PROGRESS. */
export type JobOutcome = 'COMPLETE' | 'FAILED' | 'CANCELLED' | 'NEVER_FINISH';
export const JOB_OUTCOMES: readonly JobOutcome[] = [
  'COMPLETE',
  'FAILED',
  'CANCELLED',
  'NEVER_FINISH',
];

export type JobKind = 'upload' | 'draft' | 'deploy' | 'backup';
export const JOB_KINDS: readonly JobKind[] = ['upload', 'draft', 'deploy', 'backup'];

export interface JobFate {
  outcome: JobOutcome;
  message?: string;
}

/**
 * Timeline of a job. Status is computed from Date.now() on each read, so no timer runs
 * and nothing keeps the process alive. A job is NOT_STARTED for the first quarter of its
 * duration, IN_PROGRESS until endsAt, and then takes the outcome of its fate.
 */
export interface JobClock {
  startedAt: number;
  endsAt: number;
  fate: JobFate;
  /** Status of a seeded job that was given one; such a job never advances. */
  fixedStatus?: JobStatus;
  /** Time after a COMPLETE end until hydrationStatus is HYDRATED (uploads only). */
  hydrationMs?: number;
}

/** Status of a job at one instant, with the times the API reports. */
export interface JobPhase {
  status: JobStatus;
  modifiedAt: number;
  completedAt?: number;
  message?: string;
  hydrated: boolean;
}

export function newClock(
  now: number,
  durationMs: number,
  fate: JobFate,
  hydrationMs?: number,
): JobClock {
  return { startedAt: now, endsAt: now + Math.max(0, durationMs), fate, hydrationMs };
}

export function jobPhase(clock: JobClock, now: number): JobPhase {
  if (clock.fixedStatus !== undefined) {
    const final = isFinal(clock.fixedStatus);
    return {
      status: clock.fixedStatus,
      modifiedAt: clock.startedAt,
      completedAt: final ? clock.startedAt : undefined,
      message: clock.fate.message,
      hydrated: clock.fixedStatus === 'COMPLETE',
    };
  }

  const inProgressAt = Math.min(
    clock.startedAt + (clock.endsAt - clock.startedAt) / 4,
    clock.endsAt,
  );
  if (now < inProgressAt) {
    return { status: 'NOT_STARTED', modifiedAt: clock.startedAt, hydrated: false };
  }
  if (now < clock.endsAt || clock.fate.outcome === 'NEVER_FINISH') {
    return { status: 'IN_PROGRESS', modifiedAt: inProgressAt, hydrated: false };
  }

  const status: JobStatus = clock.fate.outcome;
  const phase: JobPhase = {
    status,
    modifiedAt: clock.endsAt,
    completedAt: clock.endsAt,
    message: clock.fate.message,
    hydrated: false,
  };
  if (status === 'COMPLETE') {
    const hydratedAt = clock.endsAt + (clock.hydrationMs ?? 0);
    if (now >= hydratedAt) {
      phase.hydrated = true;
      phase.modifiedAt = hydratedAt;
    }
  }
  return phase;
}

/**
 * Changes the fate of a job. A job whose duration is already over takes the new outcome now,
 * and a seeded job with a fixed status takes it as its new fixed status.
 */
export function setFate(clock: JobClock, fate: JobFate, now: number): void {
  clock.fate = fate;
  if (clock.fixedStatus !== undefined) {
    clock.fixedStatus = fate.outcome === 'NEVER_FINISH' ? 'IN_PROGRESS' : fate.outcome;
    clock.startedAt = now;
    return;
  }
  if (clock.endsAt <= now) {
    clock.endsAt = now;
  }
}

/** Time at which the job becomes COMPLETE, or undefined when it never will by itself. */
export function completionTime(clock: JobClock): number | undefined {
  if (clock.fixedStatus !== undefined || clock.fate.outcome !== 'COMPLETE') {
    return undefined;
  }
  return clock.endsAt;
}

export function isFinal(status: JobStatus): boolean {
  return status === 'COMPLETE' || status === 'FAILED' || status === 'CANCELLED';
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
