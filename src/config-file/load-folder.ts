import { listFolder } from './folder-walk.js';
import { extractItems, readJsonSource, type EnvelopeHeader } from './json-source.js';
import { checkCollection, checkItem, type CheckedItem } from './object-checks.js';
import type { Finding, SpConfigEnvelope } from './types.js';

export interface LoadedFolder {
  checkedItems: CheckedItem[];
  /** The assembled envelope and its text, also built from the valid items when there are errors. */
  envelope: SpConfigEnvelope;
  json: string;
  findings: Finding[];
}

/** Ignored files named in the warning before it only counts the rest. */
const MAX_LISTED_IGNORED_FILES = 20;

/**
 * Loads every JSON file under a folder and assembles one envelope. Each file is a one-object
 * file (`{version, self, object}`) or a whole export whose objects are taken in. Files are read
 * in byte order of their path relative to the folder, so the same tree gives the same bytes.
 */
export async function loadFolder(
  folder: string,
  folderDisplay: string,
  workspace: string,
  realWorkspace: string,
): Promise<LoadedFolder> {
  const listing = await listFolder(folder, workspace, realWorkspace);
  const findings: Finding[] = [...listing.findings];

  if (listing.ignoredFiles.length > 0) {
    const listed = listing.ignoredFiles.slice(0, MAX_LISTED_IGNORED_FILES).join(', ');
    const more = listing.ignoredFiles.length - MAX_LISTED_IGNORED_FILES;
    findings.push({
      severity: 'warning',
      file: listing.ignoredFiles[0],
      message:
        `Ignored ${listing.ignoredFiles.length} file(s) that are not *.json: ${listed}` +
        `${more > 0 ? ` and ${more} more` : ''}. Only *.json files are assembled into the upload.`,
    });
  }

  const checkedItems: CheckedItem[] = [];
  const headers: EnvelopeHeader[] = [];
  let contributingFiles = 0;
  for (const entry of listing.jsonFiles) {
    const source = await readJsonSource(entry.absolutePath, entry.file, entry.sizeBytes);
    const extracted = extractItems(source, 'folder');
    findings.push(...source.findings, ...extracted.findings);
    if (extracted.kind === 'envelope') {
      headers.push(extracted.header);
    }
    if (extracted.items.length > 0) {
      contributingFiles++;
    }
    for (const item of extracted.items) {
      const { checked, findings: itemFindings } = checkItem(item);
      findings.push(...itemFindings);
      if (checked) {
        checkedItems.push(checked);
      }
    }
  }

  findings.push(...checkCollection(checkedItems));
  const tenants = [
    ...new Set(headers.map((header) => header.tenant).filter((tenant) => tenant !== undefined)),
  ];
  if (tenants.length > 1) {
    findings.push({
      severity: 'warning',
      file: folderDisplay,
      message:
        `The folder holds exports of ${tenants.length} tenants (${tenants.join(', ')}). The upload records ` +
        `${tenants[0]} as its tenant, so the object mappings of ${tenants[0]} apply to every object: ` +
        'keep one tenant per folder, or set source-tenant.',
    });
  }
  if (checkedItems.length === 0) {
    findings.push({
      severity: 'error',
      file: folderDisplay,
      message:
        `No valid objects were found in the ${listing.jsonFiles.length} JSON file(s) under ` +
        `${folderDisplay}, so there is nothing to upload.`,
    });
  }

  const { envelope, json } = assembleEnvelope(
    checkedItems,
    headers,
    `Assembled from ${contributingFiles} file${contributingFiles === 1 ? '' : 's'} in ${folderDisplay}`,
  );
  return { checkedItems, envelope, json, findings };
}

/**
 * Builds the envelope and its text. Each object keeps its exact text from its file, so signed
 * rules, key order and numbers beyond double precision reach the server unchanged.
 *
 * The timestamp is the latest `timestamp` of the whole-export files in the folder and is left out
 * when there are none, so the bytes depend only on the files and never on the clock.
 * NOTE: whether Configuration Hub accepts an upload without a timestamp is unverified.
 */
export function assembleEnvelope(
  checkedItems: CheckedItem[],
  headers: EnvelopeHeader[],
  description: string,
): { envelope: SpConfigEnvelope; json: string } {
  const header: Record<string, unknown> = { version: 1 };
  const timestamp = latestTimestamp(headers);
  if (timestamp !== undefined) {
    header.timestamp = timestamp;
  }
  const tenant = headers.find((candidate) => candidate.tenant !== undefined)?.tenant;
  if (tenant !== undefined) {
    header.tenant = tenant;
  }
  header.description = description;
  header.options = {};

  const headerText = Object.entries(header)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join(',');
  const objectsText = checkedItems.map((checked) => checked.item.text).join(',\n');
  const json = `{${headerText},"objects":[\n${objectsText}\n]}\n`;

  const envelope = {
    ...header,
    objects: checkedItems.map((checked) => checked.object),
  } as SpConfigEnvelope;
  return { envelope, json };
}

function latestTimestamp(headers: EnvelopeHeader[]): string | undefined {
  let latest: string | undefined;
  let latestTime = Number.NEGATIVE_INFINITY;
  for (const { timestamp } of headers) {
    const time = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
    if (!Number.isNaN(time) && time > latestTime) {
      latest = timestamp;
      latestTime = time;
    }
  }
  return latest;
}
