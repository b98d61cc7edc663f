import type { MappingPreview } from '../operations/mapping-preview/index.js';
import { codeSpan, escapeMarkdown, markdownTable } from './markdown.js';

/** Most rows of the changes table; the log lists every change. */
export const PREVIEW_ROW_LIMIT = 200;

/** Renders what the object mappings would change in the export, as Markdown. */
export function renderMappingPreviewSummary(preview: MappingPreview): string {
  const tenant = preview.sourceTenant
    ? ` for source tenant ${escapeMarkdown(preview.sourceTenant)}`
    : '';
  const lines = [
    `### Object mapping preview${tenant}`,
    '',
    `${preview.changes} value${preview.changes === 1 ? '' : 's'} would change, from ${preview.items.length} mappings ` +
      `in ${escapeMarkdown(preview.mappingsFile)}` +
      (preview.skipped > 0
        ? ` (${preview.skipped} disabled or for another source org are left out).`
        : '.'),
  ];

  const rows = preview.items.flatMap((item) =>
    item.hits.map((hit) => [
      `${escapeMarkdown(item.objectType)} ${codeSpan(item.jsonPath)}`,
      escapeMarkdown(`${hit.objectType} ${hit.objectName ?? hit.objectId ?? ''}`),
      `${codeSpan(hit.path)}${hit.via === 'reference' ? ' (reference)' : ''}`,
      escapeMarkdown(hit.oldValue),
      escapeMarkdown(hit.newValue),
    ]),
  );
  if (rows.length > 0) {
    lines.push(
      '',
      markdownTable(
        ['Mapping', 'Object', 'Where', 'Old value', 'New value'],
        rows.slice(0, PREVIEW_ROW_LIMIT),
      ),
    );
    if (rows.length > PREVIEW_ROW_LIMIT) {
      lines.push('', `${rows.length - PREVIEW_ROW_LIMIT} more changes are listed in the log.`);
    }
  }

  const unmatched = preview.items.filter((item) => item.hits.length === 0);
  if (unmatched.length > 0) {
    lines.push('', `Mappings that match nothing in the export (${unmatched.length}):`, '');
    for (const item of unmatched) {
      lines.push(
        `- line ${item.line}: ${escapeMarkdown(`${item.objectType} ${item.jsonPath} "${item.sourceValue}" → "${item.targetValue}"`)}`,
      );
    }
  }
  return lines.join('\n');
}
