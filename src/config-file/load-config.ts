import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

import { loadSingleFile } from './load-file.js';
import { loadFolder } from './load-folder.js';
import { displayPath, isInside } from './paths.js';
import type { CheckedItem } from './object-checks.js';
import type { ConfigObjectSummary, Finding, LoadedConfig, LoadOptions } from './types.js';

/**
 * Loads and validates an sp-config export without any network access. `configPath` is a single
 * export file or a folder of one-object and whole-export files, relative to the workspace or
 * absolute. Every problem with the files, including unreadable files, is reported in `findings`.
 */
export async function loadConfig(configPath: string, options: LoadOptions): Promise<LoadedConfig> {
  const workspace = path.resolve(options.workspace);
  const sourcePath = path.resolve(workspace, configPath);
  const shownPath = displayPath(workspace, sourcePath);
  const result: LoadedConfig = {
    envelope: undefined,
    json: undefined,
    sourcePath,
    isFolder: false,
    objects: [],
    countsByType: {},
    findings: [],
    valid: false,
    sizeBytes: 0,
  };
  const fail = (message: string): LoadedConfig => {
    result.findings.push({ severity: 'error', message });
    return result;
  };

  let stats: Stats;
  try {
    stats = await stat(sourcePath);
  } catch {
    return fail(
      `The config path "${shownPath}" was not found. Check out the repository first ` +
        '(actions/checkout) or fix the config-path input.',
    );
  }

  let realWorkspace: string;
  try {
    realWorkspace = await realpath(workspace);
  } catch {
    return fail(
      `The workspace "${workspace}" was not found, so the config path cannot be checked.`,
    );
  }
  const realSource = await realpath(sourcePath);
  if (!isInside(realWorkspace, realSource)) {
    return fail(
      `The config path "${shownPath}" resolves to ${realSource}, which is outside the workspace ` +
        `${realWorkspace}. Point config-path at a file or folder inside the repository.`,
    );
  }

  let checkedItems: CheckedItem[];
  if (stats.isDirectory()) {
    result.isFolder = true;
    const folder = await loadFolder(sourcePath, shownPath, workspace, realWorkspace);
    checkedItems = folder.checkedItems;
    result.findings.push(...folder.findings);
    result.sizeBytes = Buffer.byteLength(folder.json);
    result.envelope = folder.envelope;
    result.json = folder.json;
  } else if (stats.isFile()) {
    result.sizeBytes = stats.size;
    const file = await loadSingleFile(sourcePath, shownPath, stats.size);
    checkedItems = file.checkedItems;
    result.findings.push(...file.findings);
    result.envelope = file.envelope;
  } else {
    return fail(`The config path "${shownPath}" is neither a file nor a folder.`);
  }

  if (result.sizeBytes > options.maxFileSizeBytes) {
    result.findings.push(
      sizeFinding(result.sizeBytes, options.maxFileSizeBytes, result.isFolder, shownPath),
    );
  }

  result.objects = checkedItems.map((checked) => checked.summary);
  result.countsByType = countByType(result.objects);
  result.valid = !result.findings.some((finding) => finding.severity === 'error');
  if (!result.valid) {
    result.envelope = undefined;
    result.json = undefined;
  }
  return result;
}

function sizeFinding(
  sizeBytes: number,
  limitBytes: number,
  isFolder: boolean,
  shownPath: string,
): Finding {
  const subject = isFolder ? `The envelope assembled from ${shownPath}` : 'The file';
  return {
    severity: 'error',
    ...(!isFolder && { file: shownPath }),
    message:
      `${subject} is ${sizeBytes} bytes, over the limit of ${limitBytes} bytes. Split the export ` +
      'into smaller uploads or raise the max-file-size input.',
  };
}

function countByType(objects: ConfigObjectSummary[]): Record<string, number> {
  // No prototype, so a type named "constructor" or "__proto__" is counted like any other.
  const counts: Record<string, number> = Object.create(null);
  for (const { type } of objects) {
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
