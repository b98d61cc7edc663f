import type { InputReader } from './settings.js';

/** Inputs of the sync-mappings operation. */
export interface MappingSyncSettings {
  /** Absolute path of the mappings file. */
  mappingsFile: string;
  sourceOrg?: string;
  prune: boolean;
  dryRun: boolean;
  maxDeletions: number;
}

/** Reads the sync-mappings inputs; throws InputError naming every bad value. */
export function readMappingSyncSettings(
  _input: InputReader,
  _workspace: string,
): MappingSyncSettings {
  // TODO: implement with the mapping-sync operation.
  throw new Error('The sync-mappings operation is not implemented yet.');
}
