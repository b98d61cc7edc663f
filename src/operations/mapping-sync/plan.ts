import type { ObjectMapping } from '../../client/types.js';
import { identityKey } from '../../mappings-file/identity.js';
import type { MappingEntry } from '../../mappings-file/types.js';
import type { ActionCounts, PlanItem, SourceOrgPlan } from './types.js';

/**
 * Plans how to bring one source org's mappings in line with the file's entries for it.
 *
 * A file entry without a server mapping of the same identity (objectType, jsonPath and
 * sourceValue) is created. One that differs only in targetValue or enabled is updated in
 * place. A changed identity field is a new mapping, so the old one stays unless prune deletes
 * it. When the server has several mappings with one identity, one is kept (one that already
 * matches the file, if any) and prune deletes the others. The server's `enabled` defaults to
 * false when a mapping lacks it.
 */
export function planSourceOrg(
  sourceOrg: string,
  entries: MappingEntry[],
  current: ObjectMapping[],
  prune: boolean,
): SourceOrgPlan {
  const serverGroups = new Map<string, ObjectMapping[]>();
  for (const mapping of current) {
    const key = identityKey(mapping);
    const group = serverGroups.get(key);
    if (group === undefined) {
      serverGroups.set(key, [mapping]);
    } else {
      group.push(mapping);
    }
  }

  const plan: SourceOrgPlan = {
    sourceOrg,
    listed: current.length,
    items: [],
    unchanged: 0,
    unmanaged: 0,
    duplicates: 0,
  };
  const declared = new Set<string>();

  for (const entry of entries) {
    const key = identityKey(entry);
    declared.add(key);
    const group = serverGroups.get(key) ?? [];
    const desired = {
      sourceOrg,
      objectType: entry.objectType,
      jsonPath: entry.jsonPath,
      sourceValue: entry.sourceValue,
      targetValue: entry.targetValue,
      enabled: entry.enabled,
      line: entry.line,
      result: 'planned' as const,
    };
    if (group.length === 0) {
      plan.items.push({ action: 'create', ...desired });
      continue;
    }

    const matchIndex = group.findIndex((mapping) => matches(mapping, entry));
    const [kept] = group.splice(Math.max(matchIndex, 0), 1);
    if (matchIndex !== -1) {
      plan.unchanged += 1;
      continue;
    }
    plan.items.push({
      action: 'update',
      ...desired,
      objectMappingId: kept.objectMappingId,
      previous: { targetValue: kept.targetValue, enabled: kept.enabled ?? false },
    });
  }

  for (const [key, group] of serverGroups) {
    const isDeclared = declared.has(key);
    if (!prune) {
      if (isDeclared) {
        plan.duplicates += group.length;
      } else {
        plan.unmanaged += group.length;
      }
      continue;
    }
    for (const mapping of group) {
      plan.items.push({
        action: 'delete',
        sourceOrg,
        objectType: mapping.objectType,
        jsonPath: mapping.jsonPath,
        sourceValue: mapping.sourceValue,
        targetValue: mapping.targetValue,
        enabled: mapping.enabled ?? false,
        objectMappingId: mapping.objectMappingId,
        reason: isDeclared ? 'duplicate on the server' : 'not in the file',
        result: 'planned',
      });
    }
  }
  return plan;
}

/** Counts plan items per action. */
export function countActions(items: PlanItem[]): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, delete: 0 };
  for (const item of items) {
    counts[item.action] += 1;
  }
  return counts;
}

function matches(mapping: ObjectMapping, entry: MappingEntry): boolean {
  return mapping.targetValue === entry.targetValue && (mapping.enabled ?? false) === entry.enabled;
}
