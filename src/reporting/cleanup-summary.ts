import {
  type CleanupItem,
  type CleanupReport,
  formatAge,
  TARGET_NOUNS,
} from '../operations/cleanup/report.js';
import { escapeMarkdown, markdownTable } from './markdown.js';

/**
 * Rows shown per table. A step's job summary is limited to 1 MiB, so very
 * long lists are cut here and stay complete in the `result` output.
 */
const MAX_ROWS = 250;

/** Renders deleted, failed, selected and kept items as Markdown tables. */
export function renderCleanupSummary(report: CleanupReport): string {
  const sections: string[] = [];
  const mode = report.dryRun ? ' (dry run: nothing was deleted)' : '';
  sections.push(
    `### Cleanup${mode}\n\n` +
      `Deleted: ${report.deleted}. Failed: ${report.failed.length}. ` +
      `Kept: ${report.kept.length}. max-deletions: ${report.maxDeletions}.`,
  );

  if (report.deletedItems.length > 0) {
    sections.push(
      table(`Deleted (${report.deletedItems.length})`, ['Note'], report.deletedItems, (item) => [
        item.alreadyDeleted ? 'already deleted (HTTP 404)' : '',
      ]),
    );
  }
  if (report.failed.length > 0) {
    sections.push(
      table(`Failed (${report.failed.length})`, ['Error'], report.failed, (item) => [
        escapeMarkdown(item.error),
      ]),
    );
  }

  const attempted = new Set([...report.deletedItems, ...report.failed].map((item) => item.id));
  const notDeleted = report.selected.filter((item) => !attempted.has(item.id));
  if (notDeleted.length > 0) {
    const title = report.dryRun ? 'Would delete' : 'Selected but not deleted';
    sections.push(table(`${title} (${notDeleted.length})`, [], notDeleted, () => []));
  }

  if (report.kept.length > 0) {
    sections.push(
      table(`Kept (${report.kept.length})`, ['Reason kept'], report.kept, (item) => [
        escapeMarkdown(item.reasons.map((reason) => reason.message).join('; ')),
      ]),
    );
  }
  return sections.join('\n\n');
}

function table<T extends CleanupItem>(
  title: string,
  extraHeader: string[],
  items: T[],
  extraCells: (item: T) => string[],
): string {
  const rows = items
    .slice(0, MAX_ROWS)
    .map((item) => [
      TARGET_NOUNS[item.target],
      `\`${item.id.replace(/`/g, '')}\``,
      escapeMarkdown(item.name),
      escapeMarkdown(item.status),
      escapeMarkdown(formatAge(item.ageMs)),
      ...extraCells(item),
    ]);
  const more =
    items.length > MAX_ROWS
      ? `\n\n${items.length - MAX_ROWS} more are not shown; the result output lists them all.`
      : '';
  return (
    `#### ${title}\n\n` +
    markdownTable(['Type', 'Id', 'Name', 'Status', 'Age', ...extraHeader], rows) +
    more
  );
}
