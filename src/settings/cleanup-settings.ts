import picomatch from 'picomatch';
import {
  InputError,
  InputProblems,
  parseBoolean,
  parseDuration,
  parseInteger,
  parseJobId,
} from './parse.js';
import type { InputReader } from './settings.js';

export const CLEANUP_TARGETS = ['uploads', 'backups', 'drafts'] as const;
export type CleanupTarget = (typeof CLEANUP_TARGETS)[number];

/** Job statuses of the API. The statuses input accepts only the final ones. */
const JOB_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED', 'FAILED'];
const RUNNING_STATUSES = ['NOT_STARTED', 'IN_PROGRESS'];

export const DEFAULT_CLEANUP_TARGETS = 'uploads';
export const DEFAULT_KEEP_LATEST = 3;
export const DEFAULT_CLEANUP_STATUSES = 'COMPLETE,FAILED,CANCELLED';
/** Deletions allowed in one cleanup run when max-deletions is empty. */
export const DEFAULT_CLEANUP_MAX_DELETIONS = 10;

/** Inputs of the cleanup operation. */
export interface CleanupSettings {
  targets: CleanupTarget[];
  /** Minimum age of an item to delete, in milliseconds. Absent means any age. */
  olderThanMs?: number;
  /** Newest items of each target that are kept whatever else matches. */
  keepLatest: number;
  /** Glob on the item name, as given. Absent means any name. */
  namePattern?: string;
  /** Name test built from namePattern. Its `*` also matches `/`, because upload names often contain one. */
  matchesName: (name: string) => boolean;
  /** Final job statuses an item must have to be deleted. */
  statuses: string[];
  dryRun: boolean;
  /** Maximum number of items one run may delete. A run that selects more deletes nothing and fails. */
  maxDeletions: number;
  /** Ids of jobs this workflow run created, which are never deleted. */
  protectIds: string[];
}

/** Reads the cleanup inputs and throws one InputError that names every invalid value. */
export function readCleanupSettings(input: InputReader): CleanupSettings {
  const problems = new InputProblems();
  const attempt = <T>(read: () => T): T | undefined => problems.attempt(read);

  const targets = attempt(() => parseTargets(input('cleanup-targets') || DEFAULT_CLEANUP_TARGETS));
  const olderThanInput = input('older-than').trim();
  const olderThanMs = olderThanInput
    ? attempt(() => parseDuration('older-than', olderThanInput))
    : undefined;
  const keepLatest = attempt(() =>
    parseInteger('keep-latest', input('keep-latest'), DEFAULT_KEEP_LATEST, 0),
  );
  const namePattern = input('name-pattern').trim() || undefined;
  const matchesName = namePattern ? attempt(() => compileNamePattern(namePattern)) : () => true;
  const statuses = attempt(() => parseStatuses(input('statuses') || DEFAULT_CLEANUP_STATUSES));
  const dryRun = attempt(() => parseBoolean('dry-run', input('dry-run'), false));
  const maxDeletions = attempt(() =>
    parseInteger('max-deletions', input('max-deletions'), DEFAULT_CLEANUP_MAX_DELETIONS, 0),
  );
  const protectIds = attempt(() => parseProtectIds(input('protect-ids')));

  problems.throwIfAny();
  return {
    targets: targets as CleanupTarget[],
    olderThanMs,
    keepLatest: keepLatest as number,
    namePattern,
    matchesName: matchesName as (name: string) => boolean,
    statuses: statuses as string[],
    dryRun: dryRun as boolean,
    maxDeletions: maxDeletions as number,
    protectIds: protectIds as string[],
  };
}

/** Splits a comma list, trimming entries and dropping empty ones. */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function parseTargets(value: string): CleanupTarget[] {
  const entries = splitList(value).map((entry) => entry.toLowerCase());
  const unknown = entries.filter(
    (entry) => !(CLEANUP_TARGETS as readonly string[]).includes(entry),
  );
  if (entries.length === 0 || unknown.length > 0) {
    throw new InputError(
      `Input cleanup-targets is "${value}", which is not a comma list of ${CLEANUP_TARGETS.join(', ')}` +
        (unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : '') +
        ': use for example "uploads" or "uploads,drafts".',
    );
  }
  return [...new Set(entries)] as CleanupTarget[];
}

function parseStatuses(value: string): string[] {
  const entries = splitList(value).map((entry) => entry.toUpperCase());
  const unknown = entries.filter((entry) => !JOB_STATUSES.includes(entry));
  if (entries.length === 0 || unknown.length > 0) {
    throw new InputError(
      `Input statuses is "${value}", which is not a comma list of job statuses` +
        (unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : '') +
        `: use any of COMPLETE, FAILED, CANCELLED, such as "${DEFAULT_CLEANUP_STATUSES}".`,
    );
  }
  const running = entries.filter((entry) => RUNNING_STATUSES.includes(entry));
  if (running.length > 0) {
    throw new InputError(
      `Input statuses is "${value}", but jobs that are ${running.join(' or ')} are never deleted ` +
        'because the tenant is still working on them: use any of COMPLETE, FAILED, CANCELLED.',
    );
  }
  return [...new Set(entries)];
}

function compileNamePattern(pattern: string): (name: string) => boolean {
  try {
    // The bash option makes `*` match `/` as well. windows: false keeps `\` an escape character on every
    // runner. nonegate keeps a leading `!` literal, so a pattern cannot turn into "everything but".
    return picomatch(pattern, { bash: true, dot: true, windows: false, nonegate: true });
  } catch (error) {
    throw new InputError(
      `Input name-pattern is "${pattern}", which is not a valid glob (${(error as Error).message}): ` +
        'use * for any text and ? for one character, such as "nightly-*".',
    );
  }
}

/** Reads ids as a comma or line list, or as a JSON array such as a deleted-ids output. */
function parseProtectIds(value: string): string[] {
  let entries: string[];
  if (value.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === 'string')) {
      throw new InputError(
        `Input protect-ids is "${value}", which is not a JSON array of strings: ` +
          'use a comma list of job ids or a JSON array such as ["id1","id2"].',
      );
    }
    entries = parsed.map((entry: string) => entry.trim()).filter((entry) => entry !== '');
  } else {
    entries = splitList(value.replace(/[\r\n]+/g, ','));
  }

  const ids: string[] = [];
  for (const entry of entries) {
    const id = parseJobId('protect-ids', entry);
    if (id !== undefined && !ids.includes(id)) {
      ids.push(id);
    }
  }
  return ids;
}
