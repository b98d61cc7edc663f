import type { PlanItem } from './types.js';

/** Largest number of plan items kept in the report, its outputs and the job summary table. */
export const MAX_REPORTED_ITEMS = 500;

/** Largest number of deletions that the max-deletions error message lists. */
export const MAX_LISTED_DELETIONS = 20;

/**
 * Describes one plan item on one log line, such as
 * `update GOVERNANCE_GROUP $.name "Dev Approvers": targetValue "A" -> "B" (line 7)`.
 */
export function describeItem(item: PlanItem): string {
  const identity = `${item.objectType} ${item.jsonPath} ${JSON.stringify(item.sourceValue)}`;
  const line = item.line === undefined ? '' : ` (line ${item.line})`;
  if (item.action === 'create') {
    return `create ${identity} -> ${JSON.stringify(item.targetValue)}, enabled ${item.enabled}${line}`;
  }
  if (item.action === 'update') {
    const changes: string[] = [];
    if (item.previous?.targetValue !== item.targetValue) {
      changes.push(
        `targetValue ${JSON.stringify(item.previous?.targetValue)} -> ${JSON.stringify(item.targetValue)}`,
      );
    }
    if (item.previous?.enabled !== item.enabled) {
      changes.push(`enabled ${item.previous?.enabled} -> ${item.enabled}`);
    }
    return `update ${identity}: ${changes.join(', ')}${line}`;
  }
  return `delete ${identity} -> ${JSON.stringify(item.targetValue)}, id ${item.objectMappingId} (${item.reason})`;
}

/** Formats counts such as "3 to create, 1 to update, 0 to delete, 12 unchanged". */
export function describeCounts(
  counts: { create: number; update: number; delete: number },
  unchanged: number,
): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ${unchanged} unchanged`;
}
