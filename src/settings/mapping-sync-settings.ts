import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isInside } from '../config-file/paths.js';
import { mappingsFileFormat } from '../mappings-file/load-mappings-file.js';
import { sourceOrgProblem } from '../mappings-file/source-org.js';
import { InputError, InputProblems, parseBoolean, parseInteger } from './parse.js';
import type { InputReader } from './settings.js';

/** Default of max-deletions for sync-mappings. Cleanup has its own default. */
export const DEFAULT_MAPPING_MAX_DELETIONS = 0;

/** Inputs of the sync-mappings operation. */
export interface MappingSyncSettings {
  /** Absolute path of the mappings file as given, which resolves to a file inside the workspace. */
  mappingsFile: string;
  /** Source org of file entries without one, and the org that prune also lists. */
  sourceOrg?: string;
  prune: boolean;
  dryRun: boolean;
  /** Maximum number of deletions in a run with prune. More fails the run before any write. */
  maxDeletions: number;
}

/** Reads the sync-mappings inputs and throws one InputError that names every invalid value. */
export function readMappingSyncSettings(
  input: InputReader,
  workspace: string,
): MappingSyncSettings {
  const problems = new InputProblems();
  const attempt = <T>(read: () => T): T | undefined => problems.attempt(read);

  const mappingsFile = attempt(() => readMappingsFile(input('mappings-file'), workspace));
  const sourceOrg = attempt(() => readSourceOrg(input('source-org')));
  const prune = attempt(() => parseBoolean('prune', input('prune'), false)) ?? false;
  const dryRun = attempt(() => parseBoolean('dry-run', input('dry-run'), false)) ?? false;
  const maxDeletions =
    attempt(() =>
      parseInteger('max-deletions', input('max-deletions'), DEFAULT_MAPPING_MAX_DELETIONS),
    ) ?? DEFAULT_MAPPING_MAX_DELETIONS;

  problems.throwIfAny();
  return { mappingsFile: mappingsFile as string, sourceOrg, prune, dryRun, maxDeletions };
}

/**
 * Resolves mappings-file against the workspace and checks that it is an existing .yml, .yaml
 * or .json file inside it. Symbolic links are followed before the check, so a link cannot
 * lead the Action to a file outside the checked-out repository.
 */
export function readMappingsFile(value: string, workspace: string): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new InputError(
      'Input mappings-file is required for operation sync-mappings: give the path of the ' +
        'mappings file (.yml, .yaml or .json) relative to the repository root.',
    );
  }
  if (mappingsFileFormat(trimmed) === undefined) {
    throw new InputError(
      `Input mappings-file is "${value}", which is not a .yml, .yaml or .json file: ` +
        'name the file with one of those extensions.',
    );
  }

  const path = isAbsolute(trimmed) ? trimmed : resolve(workspace, trimmed);
  let realPath: string;
  let realWorkspace: string;
  try {
    realPath = realpathSync(path);
    realWorkspace = realpathSync(workspace);
  } catch {
    throw new InputError(
      `Input mappings-file is "${value}", which was not found at ${path}: check the path and ` +
        'that the workflow checks out the repository (actions/checkout) before this step.',
    );
  }
  if (!isInside(realWorkspace, realPath)) {
    throw new InputError(
      `Input mappings-file is "${value}", which is outside the workspace ${workspace}: ` +
        'give a file inside the checked-out repository.',
    );
  }
  if (!statSync(realPath).isFile()) {
    throw new InputError(
      `Input mappings-file is "${value}", which is not a file: give the path of the mappings file.`,
    );
  }
  return path;
}

export function readSourceOrg(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  const problem = sourceOrgProblem(trimmed);
  if (problem !== undefined) {
    throw new InputError(`Input source-org is "${value}", which ${problem}.`);
  }
  return trimmed;
}
