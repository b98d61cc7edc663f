import { CLEANUP_TARGETS, type CleanupSettings } from '../../settings/cleanup-settings.js';
import { OperationError, type OperationContext, requireClient, runPhase } from '../context.js';
import { deleteItems } from './delete.js';
import { listInventory } from './inventory.js';
import {
  type CleanupItem,
  describeItem,
  emptyCleanupReport,
  type FailedItem,
  TARGET_NOUNS,
} from './report.js';
import { selectForCleanup } from './select.js';

export type {
  CleanupItem,
  CleanupReport,
  DeletedItem,
  FailedItem,
  KeepCode,
  KeepReason,
  KeptItem,
} from './report.js';

/** Failed items named in the error message; the warnings and the job summary give them all. */
const MAX_LISTED_IN_MESSAGE = 5;

/**
 * Deletes old uploads, backups and drafts under the retention rules. Every
 * target is listed and every item decided before the first deletion, so a
 * run over the max-deletions budget deletes nothing.
 */
export async function cleanup(context: OperationContext): Promise<void> {
  const client = requireClient(context);
  const { result, logger, clock, signal } = context;
  const rules = context.settings.cleanup as CleanupSettings;
  const report = emptyCleanupReport(rules.dryRun, rules.maxDeletions);
  result.cleanup = report;
  // Ages are measured from one instant, so a slow list cannot move an item across older-than.
  const nowMs = clock.now();

  const inventory = await runPhase(context, 'List', async (phase) => {
    const listed = await listInventory(client, rules.targets, logger, signal);
    phase.status = 'COMPLETE';
    phase.detail = rules.targets
      .map((target) => `${listed[target]?.length ?? 0} ${target}`)
      .join(', ');
    return listed;
  });

  await runPhase(context, 'Select', async (phase) => {
    const selection = selectForCleanup(inventory, rules, nowMs);
    report.selected = selection.selected;
    report.kept = selection.kept;
    for (const item of selection.kept) {
      logger.info(
        `Keeping ${describeItem(item)}: ${item.reasons.map((r) => r.message).join('; ')}.`,
      );
    }
    for (const item of selection.selected) {
      logger.info(`${rules.dryRun ? 'Would delete' : 'Selected'} ${describeItem(item)}.`);
    }
    phase.status = 'COMPLETE';
    phase.detail = `${selection.selected.length} selected, ${selection.kept.length} kept`;
  });

  const selected = report.selected;
  const overBudget = selected.length > rules.maxDeletions;
  if (rules.dryRun) {
    result.status = 'COMPLETE';
    result.message =
      `Dry run: would delete ${countByTarget(selected)} and keep ${report.kept.length}.` +
      (overBudget
        ? ` A real run would fail: ${budgetProblem(selected.length, rules.maxDeletions)}`
        : '');
    if (overBudget) {
      logger.warning(result.message);
    }
    return;
  }
  if (overBudget) {
    result.status = 'FAILED';
    result.message = `Nothing was deleted: ${budgetProblem(selected.length, rules.maxDeletions)}`;
    throw new OperationError(result.message);
  }
  if (selected.length === 0) {
    result.status = 'COMPLETE';
    result.message = `Nothing to delete; kept ${report.kept.length}.`;
    return;
  }

  await runPhase(context, 'Delete', async (phase) => {
    const outcome = await deleteItems(client, selected, logger, signal);
    report.deletedItems = outcome.deleted;
    report.deleted = outcome.deleted.length;
    report.deletedIds = outcome.deleted.map((item) => item.id);
    report.failed = outcome.failed;

    const alreadyDeleted = outcome.deleted.filter((item) => item.alreadyDeleted).length;
    const alreadyDeletedNote =
      alreadyDeleted > 0 ? ` (${alreadyDeleted} of them were already deleted)` : '';
    phase.detail = `${outcome.deleted.length} deleted, ${outcome.failed.length} failed`;
    if (outcome.failed.length > 0) {
      phase.status = 'FAILED';
      result.status = 'FAILED';
      result.message =
        `Deleted ${countByTarget(outcome.deleted)}${alreadyDeletedNote}, but ${outcome.failed.length} ` +
        `of ${selected.length} deletions failed: ${listFailures(outcome.failed)}. ` +
        'The warnings above give each error; fix the cause and run the cleanup again.';
      throw new OperationError(result.message);
    }
    phase.status = 'COMPLETE';
    result.status = 'COMPLETE';
    result.message = `Deleted ${countByTarget(outcome.deleted)}${alreadyDeletedNote}; kept ${report.kept.length}.`;
  });
}

function budgetProblem(count: number, maxDeletions: number): string {
  return (
    `${count} items match for deletion, more than max-deletions (${maxDeletions}). ` +
    'The log and the job summary list them. Check the filters, or raise max-deletions ' +
    'if every item listed should go.'
  );
}

/** Counts items per target, such as `3 uploads, 1 draft`, or `0 items`. */
function countByTarget(items: CleanupItem[]): string {
  const parts: string[] = [];
  for (const target of CLEANUP_TARGETS) {
    const count = items.filter((item) => item.target === target).length;
    if (count > 0) {
      parts.push(count === 1 ? `1 ${TARGET_NOUNS[target]}` : `${count} ${target}`);
    }
  }
  return parts.length > 0 ? parts.join(', ') : '0 items';
}

/** Lists failed items as `upload 1a2b (HTTP 500)`, up to a few, with a count of the rest. */
function listFailures(items: FailedItem[]): string {
  const listed = items
    .slice(0, MAX_LISTED_IN_MESSAGE)
    .map(
      (item) =>
        `${TARGET_NOUNS[item.target]} ${item.id} (${item.httpStatus ? `HTTP ${item.httpStatus}` : 'no response'})`,
    );
  if (items.length > MAX_LISTED_IN_MESSAGE) {
    listed.push(`and ${items.length - MAX_LISTED_IN_MESSAGE} more`);
  }
  return listed.join(', ');
}
