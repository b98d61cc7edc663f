import type { OperationContext } from '../context.js';

/** Report of a cleanup: what was deleted and what was kept, with reasons. */
export interface CleanupReport {
  deleted: number;
  deletedIds: string[];
}

/** Deletes old uploads, backups and drafts under the retention rules. */
export async function cleanup(_context: OperationContext): Promise<void> {
  throw new Error('The cleanup operation is not implemented yet.');
}
