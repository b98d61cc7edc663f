import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActionRun, runAction } from '../helpers/action-runner.js';
import { type E2eContext, startTenant, workspaceWith } from '../e2e/setup.js';
import { ObservationRecorder } from './record.js';

export type Operation = 'validate' | 'upload' | 'deploy' | 'promote' | 'sync-mappings' | 'cleanup';

/** One entry of the emulator's request log. */
export interface LoggedRequest {
  seq: number;
  /** Arrival time as an ISO date. */
  time: string;
  method: string;
  path: string;
  /** Status sent, or 0 when a fault dropped the connection. */
  status: number;
}

interface Job {
  jobId: string;
  status: string;
}

/** The parts of GET /__emulator/state that the fault cases read. */
export interface TenantState {
  uploads: Job[];
  drafts: Array<Job & { sourceBackupId?: string }>;
  deploys: Array<Job & { draftId: string; applied: boolean }>;
  scheduledActions: Array<{ id: string }>;
  /** Object mappings by source org. */
  objectMappings: Record<string, Array<{ objectMappingId: string; targetValue: string }>>;
}

/** Everything a case can check after the run. */
export interface Observation {
  run: ActionRun;
  state: TenantState;
  requests: LoggedRequest[];
  /** Milliseconds from the start of the Action process to its exit. */
  elapsedMs: number;
  /** Time of the Action process's exit, from Date.now(). */
  exitedAt: number;
}

/**
 * One row of the fault table: a fault injected through the emulator's control API, the
 * operation it hits, and the outcome the Action must reach.
 */
export interface FaultCase {
  /** Test name: the fault and where it hits, in a few words. */
  name: string;
  /** Fault column of docs/RELIABILITY.md. */
  fault: string;
  operation: Operation;
  /** Expected column of docs/RELIABILITY.md, in words. */
  expected: string;
  exitCode: number;
  /** Expected `status` output. */
  status: string;
  /** Number of deploys the tenant must contain after the run. */
  deploys: number;
  /** Fixture files from __tests__/fixtures/e2e copied into the workspace. */
  files?: string[];
  /** Files written into the workspace, by name. */
  workspaceFiles?: Record<string, string>;
  inputs?: Record<string, string>;
  /** Seeds the tenant and arms the faults before the Action starts. */
  arrange?: (tenant: E2eContext) => Promise<void>;
  /** Called once the Action process has started, for faults timed against the run. */
  onStart?: (tenant: E2eContext, child: ChildProcess) => void;
  /** Facts for the observed column beyond exit code, status and deploys. */
  describe?: (observation: Observation) => string[];
  /** Checks beyond exit code, status and deploys, each condition with its own expect. */
  verify?: (observation: Observation, tenant: E2eContext) => Promise<void> | void;
}

/** A draft ready to deploy, for cases that start at the deploy operation. */
export const READY_DRAFT = {
  jobId: 'draft-ready',
  name: 'Release 12',
  status: 'COMPLETE',
  approvalStatus: 'DEFAULT',
  created: '2026-12-01T10:00:00Z',
};

/**
 * Wait limit given to every case unless it sets its own, so that a case whose fault stalls
 * the Action fails in seconds rather than after the 30-minute default.
 */
const SAFETY_TIMEOUT = '15s';

/** Time after which a hung Action process is killed. */
const KILL_AFTER_MS = 25_000;

/** Requests in the log with this method, a path matching `path`, and optionally this status. */
export function requestsTo(
  requests: LoggedRequest[],
  method: string,
  path: RegExp,
  status?: number,
): LoggedRequest[] {
  return requests.filter(
    (r) =>
      r.method === method && path.test(r.path) && (status === undefined || r.status === status),
  );
}

/** Draft ids that have more than one deploy. */
export function draftsDeployedTwice(state: TenantState): string[] {
  const counts = new Map<string, number>();
  for (const deploy of state.deploys) {
    counts.set(deploy.draftId, (counts.get(deploy.draftId) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([draftId]) => draftId);
}

/** Milliseconds between the arrival of two logged requests. */
export function gapMs(first: LoggedRequest, second: LoggedRequest): number {
  return Date.parse(second.time) - Date.parse(first.time);
}

/** Polls the emulator state every 100 ms until `ready` returns true, then calls `act` once. */
export function whenState(
  tenant: E2eContext,
  ready: (state: TenantState) => boolean,
  act: () => unknown,
): void {
  const timer = setInterval(async () => {
    const state = (await tenant.control.state()) as unknown as TenantState;
    if (ready(state)) {
      clearInterval(timer);
      await act();
    }
  }, 100);
  // The run may end before the state is ever ready, so the polling stops on its own.
  setTimeout(() => clearInterval(timer), KILL_AFTER_MS).unref();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Builds the observed column: exit code, status output, deploys, then the case's own facts. */
function describeObservation(testCase: FaultCase, observation: Observation): string {
  const { run, state } = observation;
  const exit = run.exitCode === null ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
  const status = run.outputs.status ?? 'no status output';
  const facts = [exit, status];
  if (testCase.operation === 'deploy' || testCase.operation === 'promote') {
    facts.push(plural(state.deploys.length, 'deploy'));
  }
  if (draftsDeployedTwice(state).length > 0) {
    facts.push('a draft deployed twice');
  }
  facts.push(...(testCase.describe?.(observation) ?? []));
  return facts.join(', ');
}

/**
 * Declares one Jest test per case. Each test resets the emulator, arms the case's faults,
 * runs dist/index.js, checks the exit code, the status output and the deploys, and records
 * the observed outcome for docs/RELIABILITY.md whether the checks pass or not.
 */
export function describeFaultTable(group: string, fileName: string, cases: FaultCase[]): void {
  const recorder = new ObservationRecorder(group, fileName);
  let tenant: E2eContext;

  beforeAll(async () => {
    tenant = await startTenant();
  });
  afterAll(async () => {
    await tenant.emulator.stop();
    await recorder.save();
  });
  beforeEach(async () => {
    await tenant.control.reset();
  });

  describe(group, () => {
    for (const testCase of cases) {
      it(
        testCase.name,
        async () => {
          const workspace = await workspaceWith(...(testCase.files ?? []));
          for (const [name, text] of Object.entries(testCase.workspaceFiles ?? {})) {
            await writeFile(join(workspace, name), text);
          }
          await testCase.arrange?.(tenant);
          const onStart = testCase.onStart;

          const startedAt = Date.now();
          const run = await runAction(
            {
              operation: testCase.operation,
              timeout: SAFETY_TIMEOUT,
              ...tenant.connection,
              ...testCase.inputs,
            },
            {
              workspace,
              onStart: onStart && ((child) => onStart(tenant, child)),
              killAfterMs: KILL_AFTER_MS,
            },
          );
          const exitedAt = Date.now();
          const observation: Observation = {
            run,
            elapsedMs: exitedAt - startedAt,
            exitedAt,
            state: (await tenant.control.state()) as unknown as TenantState,
            requests: (await tenant.control.requests()) as LoggedRequest[],
          };

          let passed = false;
          try {
            expect(run.exitCode).toBe(testCase.exitCode);
            expect(run.outputs.status).toBe(testCase.status);
            expect(observation.state.deploys).toHaveLength(testCase.deploys);
            expect(draftsDeployedTwice(observation.state)).toEqual([]);
            await testCase.verify?.(observation, tenant);
            passed = true;
          } finally {
            recorder.add({
              fault: testCase.fault,
              operation: testCase.operation,
              expected: testCase.expected,
              observed: describeObservation(testCase, observation),
              passed,
            });
          }
        },
        40_000,
      );
    }
  });
}
