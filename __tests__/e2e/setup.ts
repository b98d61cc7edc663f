import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { PROJECT_ROOT, runAction, type RunOptions } from '../helpers/action-runner.js';
import { EmulatorControl } from '../helpers/emulator-control.js';

export const FIXTURES = join(PROJECT_ROOT, '__tests__', 'fixtures', 'e2e');
export const SHARED_FIXTURES = join(PROJECT_ROOT, '..', 'shared', 'fixtures', 'real');

/** Job durations short enough for tests, with every phase still observable. */
export const FAST_DURATIONS = {
  uploadMs: 100,
  hydrationMs: 150,
  draftMs: 200,
  deployMs: 200,
  backupMs: 100,
};

export interface E2eContext {
  emulator: RunningEmulator;
  control: EmulatorControl;
  /** Inputs that point the Action at the emulator. */
  connection: Record<string, string>;
}

export async function startTenant(): Promise<E2eContext> {
  const emulator = await startEmulator({ tenant: 'acme-test', durations: FAST_DURATIONS });
  return {
    emulator,
    control: new EmulatorControl(emulator.url),
    connection: {
      'base-url': emulator.url,
      'client-id': 'emulator-client-id',
      'client-secret': 'emulator-client-secret',
    },
  };
}

/** Copies fixture files into a new workspace folder and returns its path. */
export async function workspaceWith(...names: string[]): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'e2e-workspace-'));
  for (const name of names) {
    await cp(join(FIXTURES, name), join(workspace, name), { recursive: true });
  }
  return workspace;
}

export function run(inputs: Record<string, string>, options?: RunOptions) {
  return runAction(inputs, options);
}
