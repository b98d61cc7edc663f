import type { InputReader } from './settings.js';

/** Inputs of the cleanup operation. */
export interface CleanupSettings {
  targets: Array<'uploads' | 'backups' | 'drafts'>;
  dryRun: boolean;
  maxDeletions: number;
}

/** Reads the cleanup inputs; throws InputError naming every bad value. */
export function readCleanupSettings(_input: InputReader): CleanupSettings {
  // TODO: implement with the cleanup operation.
  throw new Error('The cleanup operation is not implemented yet.');
}
