import { ConfigHubApiError } from '../../client/errors.js';
import type { ObjectMapping } from '../../client/types.js';
import { displayPath } from '../../config-file/paths.js';
import { loadMappingsFile } from '../../mappings-file/load-mappings-file.js';
import { DEFAULT_SOURCE_ORG } from '../../mappings-file/source-org.js';
import type { MappingEntry, MappingsFile } from '../../mappings-file/types.js';
import type { MappingSyncSettings } from '../../settings/mapping-sync-settings.js';
import { errorsMessage } from '../findings.js';
import { OperationError, type OperationContext, requireClient, runPhase } from '../context.js';
import { ApplyError, applySourceOrgPlan } from './apply.js';
import {
  describeCounts,
  describeItem,
  MAX_LISTED_DELETIONS,
  MAX_REPORTED_ITEMS,
} from './describe.js';
import { countActions, planSourceOrg } from './plan.js';
import type { MappingSyncReport, PlanItem, SourceOrgPlan } from './types.js';

export type { MappingSyncReport, PlanItem, SourceOrgPlan } from './types.js';

/**
 * Brings the tenant's object mappings in line with the mappings file. The file is checked
 * before the first request. Then every source org is listed and planned, and only then does
 * any write start, so a dry run or a plan over max-deletions changes nothing.
 */
export async function syncMappings(context: OperationContext): Promise<void> {
  const client = requireClient(context);
  const { settings, result, logger } = context;
  const sync = settings.mappingSync as MappingSyncSettings;
  const report = newReport(sync, displayPath(settings.workspace, sync.mappingsFile));
  result.mappingSync = report;

  const file = await runPhase(context, 'Read mappings file', (phase) =>
    readFile(context, sync, phase),
  );

  const plans: SourceOrgPlan[] = [];
  for (const sourceOrg of sourceOrgsToList(file.entries, sync)) {
    const entries = file.entries.filter((entry) => entry.sourceOrg === sourceOrg);
    const plan = await runPhase(context, `Plan source org ${sourceOrg}`, async (phase) => {
      const current = await listMappings(context, sourceOrg);
      const planned = planSourceOrg(sourceOrg, entries, current, sync.prune);
      logPlan(context, planned);
      phase.status = 'COMPLETE';
      phase.detail = describeCounts(countActions(planned.items), planned.unchanged);
      return planned;
    });
    plans.push(plan);
  }
  const items = plans.flatMap((plan) => plan.items);
  fillPlan(report, plans, items);

  const deletions = items.filter((item) => item.action === 'delete');
  if (sync.prune && deletions.length > sync.maxDeletions) {
    throw tooManyDeletions(context, deletions, sync.maxDeletions);
  }

  const summary = describeCounts(report.planned, report.unchanged);
  if (sync.dryRun) {
    result.status = 'COMPLETE';
    result.message = `Dry run: the plan has ${summary}. Nothing was changed.`;
    logger.info(result.message);
    return;
  }
  if (items.length === 0) {
    result.status = 'COMPLETE';
    result.message = `The object mappings already match the file: ${report.unchanged} unchanged.`;
    logger.info(result.message);
    return;
  }

  for (const plan of plans.filter((candidate) => candidate.items.length > 0)) {
    await runPhase(context, `Apply source org ${plan.sourceOrg}`, async (phase) => {
      try {
        await applySourceOrgPlan(plan, { client, logger, signal: context.signal });
      } finally {
        countResults(report, items);
      }
      phase.status = 'COMPLETE';
      const applied = countActions(plan.items);
      phase.detail = `created ${applied.create}, updated ${applied.update}, deleted ${applied.delete}`;
    }).catch((error: unknown) => {
      throw applyFailure(context, items, error);
    });
  }

  result.status = 'COMPLETE';
  result.message =
    `The object mappings match the file: created ${report.created}, updated ${report.updated}, ` +
    `deleted ${report.deleted}, unchanged ${report.unchanged}.`;
  logger.info(result.message);
}

async function readFile(
  context: OperationContext,
  sync: MappingSyncSettings,
  phase: { status: string; detail?: string },
): Promise<MappingsFile> {
  const { settings, result, logger } = context;
  const file = await loadMappingsFile(sync.mappingsFile, {
    workspace: settings.workspace,
    defaultSourceOrg: sync.sourceOrg,
  });
  result.findings.push(...file.findings);
  const errors = file.findings.filter((finding) => finding.severity === 'error');
  phase.detail = `${file.entries.length} mappings, ${errors.length} errors`;
  if (errors.length > 0) {
    phase.status = 'FAILED';
    throw new OperationError(
      errorsMessage(
        `The mappings file ${result.mappingSync?.file}`,
        errors,
        ', so no request was sent',
      ),
    );
  }
  logger.info(`Read ${file.entries.length} mappings from ${result.mappingSync?.file}.`);
  phase.status = 'COMPLETE';
  return file;
}

/** Lists the source orgs the file names, in file order, and with prune the source-org input. */
function sourceOrgsToList(entries: MappingEntry[], sync: MappingSyncSettings): string[] {
  const sourceOrgs = new Set(entries.map((entry) => entry.sourceOrg));
  if (sync.prune) {
    sourceOrgs.add(sync.sourceOrg ?? DEFAULT_SOURCE_ORG);
  }
  return [...sourceOrgs];
}

async function listMappings(
  context: OperationContext,
  sourceOrg: string,
): Promise<ObjectMapping[]> {
  try {
    const mappings = await requireClient(context).listObjectMappings(sourceOrg, context.signal);
    context.logger.info(`Source org ${sourceOrg} has ${mappings.length} object mappings.`);
    return mappings;
  } catch (error) {
    if (error instanceof ConfigHubApiError) {
      throw new OperationError(
        `Listing the object mappings of source org ${sourceOrg} failed, so nothing was changed: ${error.message} ` +
          'Check the source org name and that the token has the sp:config-object-mapping:read scope.',
      );
    }
    throw error;
  }
}

function logPlan(context: OperationContext, plan: SourceOrgPlan): void {
  const { logger } = context;
  for (const item of plan.items) {
    logger.info(`  ${describeItem(item)}`);
  }
  logger.info(
    `Plan for source org ${plan.sourceOrg}: ${describeCounts(countActions(plan.items), plan.unchanged)}.`,
  );
  if (plan.unmanaged > 0) {
    logger.info(
      `Source org ${plan.sourceOrg} has ${plan.unmanaged} mappings that the file does not declare. ` +
        'They are kept because prune is false.',
    );
  }
  if (plan.duplicates > 0) {
    logger.warning(
      `Source org ${plan.sourceOrg} has ${plan.duplicates} extra mappings with the same identity as a declared one. ` +
        'They are kept because prune is false. Set prune: true to delete them.',
    );
  }
}

function newReport(sync: MappingSyncSettings, file: string): MappingSyncReport {
  return {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    file,
    dryRun: sync.dryRun,
    prune: sync.prune,
    maxDeletions: sync.maxDeletions,
    planned: { create: 0, update: 0, delete: 0 },
    notApplied: 0,
    sourceOrgs: [],
    plan: [],
    omittedItems: 0,
  };
}

function fillPlan(report: MappingSyncReport, plans: SourceOrgPlan[], items: PlanItem[]): void {
  report.planned = countActions(items);
  report.unchanged = plans.reduce((total, plan) => total + plan.unchanged, 0);
  report.sourceOrgs = plans.map(({ sourceOrg, listed, unmanaged, duplicates }) => ({
    sourceOrg,
    listed,
    unmanaged,
    duplicates,
  }));
  // The report keeps the item objects themselves, so results set later show up in it.
  report.plan = items.slice(0, MAX_REPORTED_ITEMS);
  report.omittedItems = items.length - report.plan.length;
}

function countResults(report: MappingSyncReport, items: PlanItem[]): void {
  const applied = countActions(items.filter((item) => item.result === 'applied'));
  report.created = applied.create;
  report.updated = applied.update;
  report.deleted = applied.delete;
}

function tooManyDeletions(
  context: OperationContext,
  deletions: PlanItem[],
  maxDeletions: number,
): OperationError {
  const { logger, result } = context;
  logger.warning(
    `The plan deletes ${deletions.length} object mappings, more than max-deletions (${maxDeletions}):`,
  );
  for (const item of deletions) {
    logger.info(`  ${item.sourceOrg}: ${describeItem(item)}`);
  }
  result.status = 'FAILED';
  const listed = deletions
    .slice(0, MAX_LISTED_DELETIONS)
    .map((item) => `${item.sourceOrg}: ${describeItem(item)}`);
  const more =
    deletions.length > listed.length
      ? ` and ${deletions.length - listed.length} more (see the log)`
      : '';
  return new OperationError(
    `The plan deletes ${deletions.length} object mappings, more than max-deletions (${maxDeletions}), ` +
      `so nothing was changed. It would delete ${listed.join('; ')}${more}. ` +
      `Check the mappings file, or set max-deletions to at least ${deletions.length} if these deletions are intended.`,
  );
}

/** Marks the items that were never sent and builds the error that lists what was applied and what was not. */
function applyFailure(context: OperationContext, items: PlanItem[], error: unknown): unknown {
  const report = context.result.mappingSync as MappingSyncReport;
  for (const item of items) {
    if (item.result === 'planned') {
      item.result = 'not applied';
    }
  }
  countResults(report, items);
  report.notApplied = items.filter((item) => item.result === 'not applied').length;
  if (!(error instanceof ApplyError)) {
    return error;
  }

  const failed = items.filter((item) => item.result === 'failed').length;
  report.failure = error.message;
  context.result.status = 'FAILED';
  return new OperationError(
    `${error.message} Applied before the failure: ${report.created} created, ${report.updated} updated, ` +
      `${report.deleted} deleted. Not applied: ${report.notApplied} changes, and the ${failed} in the failed ` +
      'request may or may not have been applied. Run the step again: it lists the mappings again and applies only ' +
      'what still differs from the file.',
  );
}
