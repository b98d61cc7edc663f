import type { MappingSyncReport } from '../operations/mapping-sync/index.js';

/** Renders the mapping-sync plan and what was applied as Markdown. */
export function renderMappingSyncSummary(report: MappingSyncReport): string {
  return `### Object mappings\n\nCreated ${report.created}, updated ${report.updated}, deleted ${report.deleted}, unchanged ${report.unchanged}.`;
}
