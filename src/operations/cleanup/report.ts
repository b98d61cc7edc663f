import type { CleanupTarget } from '../../settings/cleanup-settings.js';

/** Upload, backup or draft, with the fields that cleanup reports. */
export interface CleanupItem {
  target: CleanupTarget;
  id: string;
  /** Empty when the server sent no name. */
  name: string;
  status: string;
  /** The `created` value as the server sent it. */
  created?: string;
  /** Age at the start of the run, in milliseconds. Absent when `created` is missing or unreadable. */
  ageMs?: number;
}

/** Reason code for keeping an item. Protections apply whatever the filters match. */
export type KeepCode =
  | 'protected-id'
  | 'user-cannot-delete'
  | 'job-running'
  | 'draft-in-deploy'
  | 'source-of-running-draft'
  | 'no-created-date'
  | 'keep-latest'
  | 'newer-than-older-than'
  | 'name-mismatch'
  | 'status-mismatch';

export interface KeepReason {
  code: KeepCode;
  message: string;
}

export interface KeptItem extends CleanupItem {
  reasons: KeepReason[];
}

export interface DeletedItem extends CleanupItem {
  /** True when the DELETE returned 404, because another process had already deleted the item. */
  alreadyDeleted: boolean;
}

export interface FailedItem extends CleanupItem {
  error: string;
  /** HTTP status of the failed DELETE. Absent for network errors. */
  httpStatus?: number;
}

/** Report of a cleanup: what was deleted and what was kept, with reasons. */
export interface CleanupReport {
  /** Items deleted, including those already gone (404). Zero in a dry run. */
  deleted: number;
  deletedIds: string[];
  dryRun: boolean;
  maxDeletions: number;
  /** Items that match every filter and no protection. A dry run or a run over max-deletions only lists them. */
  selected: CleanupItem[];
  deletedItems: DeletedItem[];
  kept: KeptItem[];
  failed: FailedItem[];
}

export function emptyCleanupReport(dryRun: boolean, maxDeletions: number): CleanupReport {
  return {
    deleted: 0,
    deletedIds: [],
    dryRun,
    maxDeletions,
    selected: [],
    deletedItems: [],
    kept: [],
    failed: [],
  };
}

/** Singular nouns of the targets, for messages. */
export const TARGET_NOUNS: Record<CleanupTarget, string> = {
  uploads: 'upload',
  backups: 'backup',
  drafts: 'draft',
};

/** Formats an age such as `14 d 3 h`, `5 h 12 min` or `40 s`. */
export function formatAge(ms: number | undefined): string {
  if (ms === undefined) {
    return 'unknown age';
  }
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) {
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return minutes > 0 ? `${minutes} min` : `${seconds} s`;
}

/** Describes an item for a log line or an error, such as `upload 1a2b "nightly" (age 15 d 2 h)`. */
export function describeItem(item: CleanupItem): string {
  const name = item.name ? ` "${item.name}"` : ' (no name)';
  return `${TARGET_NOUNS[item.target]} ${item.id}${name} (age ${formatAge(item.ageMs)})`;
}
