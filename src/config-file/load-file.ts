import { extractItems, readJsonSource } from './json-source.js';
import { checkCollection, checkItem, type CheckedItem } from './object-checks.js';
import type { Finding, SpConfigEnvelope } from './types.js';

export interface LoadedSource {
  checkedItems: CheckedItem[];
  envelope: SpConfigEnvelope | undefined;
  findings: Finding[];
}

/**
 * Loads a single sp-config export. The envelope is returned only when the file has no error,
 * and the caller uploads the file byte for byte, so signed rules stay as exported.
 */
export async function loadSingleFile(
  absolutePath: string,
  file: string,
  sizeBytes: number,
): Promise<LoadedSource> {
  const source = await readJsonSource(absolutePath, file, sizeBytes);
  const extracted = extractItems(source, 'file');
  const findings = [...source.findings, ...extracted.findings];

  const checkedItems: CheckedItem[] = [];
  for (const item of extracted.items) {
    const { checked, findings: itemFindings } = checkItem(item);
    findings.push(...itemFindings);
    if (checked) {
      checkedItems.push(checked);
    }
  }
  findings.push(...checkCollection(checkedItems));

  const hasErrors = findings.some((finding) => finding.severity === 'error');
  const envelope = hasErrors ? undefined : (source.scanned?.value as SpConfigEnvelope);
  return { checkedItems, envelope, findings };
}
