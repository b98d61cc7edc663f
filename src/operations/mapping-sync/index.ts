import type { OperationContext } from '../context.js';

/** Report of a mapping sync: the plan and what was applied. */
export interface MappingSyncReport {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/** Brings the tenant's object mappings in line with the mappings file. */
export async function syncMappings(_context: OperationContext): Promise<void> {
  throw new Error('The sync-mappings operation is not implemented yet.');
}
