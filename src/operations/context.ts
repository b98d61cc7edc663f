import type { Clock } from '../client/clock.js';
import type { ConfigHubClient } from '../client/config-hub-client.js';
import type { Logger } from '../client/logger.js';
import type { Finding } from '../config-file/types.js';
import type { Settings } from '../settings/settings.js';
import type { CleanupReport } from './cleanup/index.js';
import type { MappingPreview } from './mapping-preview/index.js';
import type { MappingSyncReport } from './mapping-sync/index.js';

/** Logger that can also fold a phase of the run into a collapsible group. */
export interface OperationLogger extends Logger {
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

/** One step of a run, for the job summary. */
export interface Phase {
  name: string;
  id?: string;
  status: string;
  durationMs: number;
  detail?: string;
}

/**
 * Everything a run learned. Operations fill it in as they go, so a failed or
 * cancelled run still reports the ids it had.
 */
export interface RunResult {
  operation: string;
  tenant?: string;
  status: string;
  message: string;
  uploadId?: string;
  draftId?: string;
  deployId?: string;
  scheduledActionId?: string;
  /** Temporary objects the run made and has not removed yet, such as "scheduled action 1234". */
  leftOnTenant?: string[];
  approvalStatus?: string;
  objectCount?: number;
  countsByType?: Record<string, number>;
  phases: Phase[];
  findings: Finding[];
  mappingSync?: MappingSyncReport;
  mappingPreview?: MappingPreview;
  cleanup?: CleanupReport;
}

export interface OperationContext {
  settings: Settings;
  /** Absent for validate, which makes no network call. */
  client?: ConfigHubClient;
  clock: Clock;
  logger: OperationLogger;
  /** Aborts when the workflow is cancelled. */
  signal: AbortSignal;
  result: RunResult;
}

/**
 * A failure the user can act on. Its message states what failed, on which
 * value, and what to do; it is reported without a stack trace.
 */
export class OperationError extends Error {
  override name = 'OperationError';
}

/** Runs one phase in a log group and records its status and duration. */
export async function runPhase<T>(
  context: OperationContext,
  name: string,
  body: (phase: Phase) => Promise<T>,
): Promise<T> {
  const phase: Phase = { name, status: 'IN_PROGRESS', durationMs: 0 };
  context.result.phases.push(phase);
  const started = context.clock.now();
  try {
    return await context.logger.group(name, () => body(phase));
  } catch (error) {
    if (phase.status === 'IN_PROGRESS') {
      phase.status = context.signal.aborted ? 'CANCELLED' : 'FAILED';
    }
    throw error;
  } finally {
    phase.durationMs = context.clock.now() - started;
  }
}

export function requireClient(context: OperationContext): ConfigHubClient {
  if (!context.client) {
    throw new Error(`Operation ${context.settings.operation} needs a Configuration Hub client.`);
  }
  return context.client;
}

/** Absolute deadline of the run's waits, from the timeout input. */
export function deadlineOf(context: OperationContext, startedAt: number): number {
  return startedAt + context.settings.timeoutMs;
}
