import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { runAction, type RunOptions } from '../helpers/action-runner.js';
import { EmulatorControl } from '../helpers/emulator-control.js';

export const DAY_MS = 86_400_000;

/** Returns the ISO date `days` days before `nowMs`. */
export function daysAgo(days: number, nowMs = Date.now()): string {
  return new Date(nowMs - days * DAY_MS).toISOString();
}

/** Input reader over a plain object, as readSettings expects. */
export function inputsOf(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

export interface CleanupTenant {
  emulator: RunningEmulator;
  control: EmulatorControl;
  /** Inputs that point the Action at the emulator and select operation cleanup. */
  inputs: Record<string, string>;
}

/** Starts an emulator at the tenant's real rate limit of 100 requests per 10 s. */
export async function startCleanupTenant(): Promise<CleanupTenant> {
  const emulator = await startEmulator({
    tenant: 'acme-cleanup',
    rateLimit: { limit: 100, windowMs: 10_000 },
  });
  return {
    emulator,
    control: new EmulatorControl(emulator.url),
    inputs: {
      operation: 'cleanup',
      'base-url': emulator.url,
      'client-id': 'emulator-client-id',
      'client-secret': 'emulator-client-secret',
    },
  };
}

export function runCleanup(
  tenant: CleanupTenant,
  inputs: Record<string, string>,
  options?: RunOptions,
) {
  return runAction({ ...tenant.inputs, ...inputs }, options);
}

/** Ids of the jobs of one kind left in the emulator's state. */
export async function idsInState(
  tenant: CleanupTenant,
  kind: 'uploads' | 'backups' | 'drafts',
): Promise<string[]> {
  const state = await tenant.control.state();
  return (state[kind] as Array<{ jobId: string }>).map((job) => job.jobId).sort();
}

/** DELETE requests in the emulator's request log. */
export async function deleteRequests(tenant: CleanupTenant) {
  return (await tenant.control.requests()).filter((request) => request.method === 'DELETE');
}

export function parseIds(output: string | undefined): string[] {
  return (JSON.parse(output ?? '[]') as string[]).sort();
}
