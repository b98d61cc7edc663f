import type { Backup, Draft } from '../../client/types.js';
import type { CleanupSettings, CleanupTarget } from '../../settings/cleanup-settings.js';
import { formatAge, type CleanupItem, type KeepReason, type KeptItem } from './report.js';

/** Uploads, backups, drafts and running deploys, as listed at the start of a cleanup. */
export interface CleanupInventory {
  uploads?: Backup[];
  backups?: Backup[];
  drafts?: Draft[];
  /** Draft id to the id of the deploy in progress that uses it. */
  draftsInDeploy: Map<string, string>;
}

export type CleanupRules = Pick<
  CleanupSettings,
  | 'targets'
  | 'olderThanMs'
  | 'keepLatest'
  | 'namePattern'
  | 'matchesName'
  | 'statuses'
  | 'protectIds'
>;

export interface CleanupSelection {
  /** Items to delete, oldest first. */
  selected: CleanupItem[];
  /** Items kept, per target newest first, each with every reason that applies. */
  kept: KeptItem[];
}

const RUNNING_STATUSES = ['NOT_STARTED', 'IN_PROGRESS'];

/** One listed record with the fields selection needs. */
interface Candidate {
  item: CleanupItem;
  createdMs?: number;
  userCanDelete?: unknown;
}

/**
 * Decides which uploads, backups and drafts to delete. An item is selected
 * when it matches every filter (older-than, name-pattern, statuses), is not
 * among the keep-latest newest of its target, and no protection applies.
 * keep-latest ranks every listed item of the target with a readable created
 * date, whatever the filters, so the tenant always retains its newest ones.
 */
export function selectForCleanup(
  inventory: CleanupInventory,
  rules: CleanupRules,
  nowMs: number,
): CleanupSelection {
  const selected: CleanupItem[] = [];
  const kept: KeptItem[] = [];

  for (const target of rules.targets) {
    const records: Array<Backup | Draft> = inventory[target] ?? [];
    const candidates = records
      .map((record) => toCandidate(target, record, nowMs))
      .sort(newestFirst);
    const newest = new Set(
      candidates
        .filter((candidate) => candidate.createdMs !== undefined)
        .slice(0, rules.keepLatest)
        .map((candidate) => candidate.item.id),
    );

    for (const candidate of candidates) {
      const reasons = keepReasons(candidate, inventory, rules, newest.has(candidate.item.id));
      if (reasons.length === 0) {
        selected.push(candidate.item);
      } else {
        kept.push({ ...candidate.item, reasons });
      }
    }
  }

  selected.sort((a, b) => (b.ageMs ?? 0) - (a.ageMs ?? 0) || a.id.localeCompare(b.id));
  return { selected, kept };
}

function toCandidate(target: CleanupTarget, record: Backup | Draft, nowMs: number): Candidate {
  const createdMs = parseCreated(record.created);
  return {
    item: {
      target,
      id: record.jobId,
      name: record.name ?? '',
      status: record.status ?? '',
      created: typeof record.created === 'string' ? record.created : undefined,
      ageMs: createdMs === undefined ? undefined : Math.max(0, nowMs - createdMs),
    },
    createdMs,
    userCanDelete: (record as { userCanDelete?: unknown }).userCanDelete,
  };
}

/** Parses an ISO 8601 date-time. Other text that Date.parse accepts, such as "2020", is not trusted. */
function parseCreated(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function newestFirst(a: Candidate, b: Candidate): number {
  // Undated items sort last.
  if (a.createdMs === undefined && b.createdMs === undefined) {
    return 0;
  }
  if (a.createdMs === undefined) {
    return 1;
  }
  if (b.createdMs === undefined) {
    return -1;
  }
  return b.createdMs - a.createdMs || a.item.id.localeCompare(b.item.id);
}

/** Lists every reason to keep an item: protections first, then keep-latest, then unmet filters. */
function keepReasons(
  candidate: Candidate,
  inventory: CleanupInventory,
  rules: CleanupRules,
  isNewest: boolean,
): KeepReason[] {
  const { item } = candidate;
  const reasons: KeepReason[] = [];

  if (rules.protectIds.includes(item.id)) {
    reasons.push({
      code: 'protected-id',
      message: 'listed in protect-ids (created by this workflow run)',
    });
  }
  if (candidate.userCanDelete === false) {
    reasons.push({
      code: 'user-cannot-delete',
      message: 'userCanDelete is false, so the tenant does not let this user delete it',
    });
  }
  const running = RUNNING_STATUSES.includes(item.status);
  if (running) {
    reasons.push({
      code: 'job-running',
      message: `the job is ${item.status}, so the tenant is still working on it`,
    });
  }
  const deployId = item.target === 'drafts' ? inventory.draftsInDeploy.get(item.id) : undefined;
  if (deployId !== undefined) {
    reasons.push({
      code: 'draft-in-deploy',
      message: `deploy ${deployId}, which is in progress, uses this draft`,
    });
  }
  if (candidate.createdMs === undefined) {
    const createdText =
      item.created === undefined ? 'missing' : `"${item.created}", which is not a date`;
    reasons.push({
      code: 'no-created-date',
      message: `its created date is ${createdText}, so its age is unknown`,
    });
  }

  if (isNewest) {
    reasons.push({
      code: 'keep-latest',
      message: `one of the ${rules.keepLatest} newest ${item.target} (keep-latest)`,
    });
  }

  if (
    rules.olderThanMs !== undefined &&
    item.ageMs !== undefined &&
    item.ageMs <= rules.olderThanMs
  ) {
    reasons.push({
      code: 'newer-than-older-than',
      message: `age ${formatAge(item.ageMs)} is not more than older-than (${formatAge(rules.olderThanMs)})`,
    });
  }
  if (rules.namePattern !== undefined && !rules.matchesName(item.name)) {
    reasons.push({
      code: 'name-mismatch',
      message: `name does not match name-pattern "${rules.namePattern}"`,
    });
  }
  if (!running && !rules.statuses.includes(item.status)) {
    reasons.push({
      code: 'status-mismatch',
      message: `status ${item.status || '(none)'} is not in statuses (${rules.statuses.join(', ')})`,
    });
  }
  return reasons;
}
