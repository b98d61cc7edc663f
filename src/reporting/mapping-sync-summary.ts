import type { MappingSyncReport } from '../operations/mapping-sync/index.js';
import { escapeMarkdown, markdownTable } from './markdown.js';

/** Renders the mapping-sync plan, with each change's result, as Markdown. */
export function renderMappingSyncSummary(report: MappingSyncReport): string {
  const sections: string[] = [];
  const planned = report.planned;
  const counts = report.dryRun
    ? `Would create ${planned.create}, update ${planned.update} and delete ${planned.delete}`
    : `Created ${report.created} of ${planned.create}, updated ${report.updated} of ${planned.update}, ` +
      `deleted ${report.deleted} of ${planned.delete}`;
  const mode = report.dryRun ? ' (dry run: nothing was changed)' : '';
  const limit = report.prune ? `, max-deletions: ${report.maxDeletions}` : '';
  sections.push(
    `### Object mappings${mode}\n\n` +
      `${counts}; ${report.unchanged} unchanged. ` +
      `File: ${escapeMarkdown(report.file)}. Prune: ${report.prune}${limit}.`,
  );

  if (report.failure) {
    sections.push(
      `**Stopped:** ${escapeMarkdown(report.failure)} ${report.notApplied} changes were not applied. ` +
        'Run the step again to apply what still differs from the file.',
    );
  }

  const orgsWithKeptMappings = report.sourceOrgs.filter(
    (org) => org.unmanaged > 0 || org.duplicates > 0,
  );
  for (const org of orgsWithKeptMappings) {
    sections.push(
      `Source org ${escapeMarkdown(org.sourceOrg)} keeps ${org.unmanaged} mappings that the file ` +
        `does not declare and ${org.duplicates} extra mappings with a declared identity, because prune is false.`,
    );
  }

  if (report.plan.length > 0) {
    const showResult = !report.dryRun;
    const header = [
      'Action',
      'Source org',
      'Object type',
      'JSON path',
      'Source value',
      'Target value',
      'Enabled',
    ];
    const rows = report.plan.map((item) => {
      const row = [
        item.action,
        escapeMarkdown(item.sourceOrg),
        escapeMarkdown(item.objectType),
        escapeMarkdown(item.jsonPath),
        escapeMarkdown(item.sourceValue),
        change(item.previous?.targetValue, item.targetValue, escapeMarkdown),
        change(item.previous?.enabled, item.enabled, String),
      ];
      return showResult ? [...row, item.result] : row;
    });
    const omitted =
      report.omittedItems > 0
        ? `\n\n${report.omittedItems} more changes are not shown; the log of the step lists them all.`
        : '';
    sections.push(markdownTable(showResult ? [...header, 'Result'] : header, rows) + omitted);
  }
  return sections.join('\n\n');
}

/** Shows an updated value as `old → new` and an unchanged one as is. */
function change<T>(previous: T | undefined, next: T, format: (value: T) => string): string {
  if (previous === undefined || previous === next) {
    return format(next);
  }
  return `${format(previous)} → ${format(next)}`;
}
