import type { RunResult } from '../operations/context.js';
import { renderCleanupSummary } from './cleanup-summary.js';
import { renderMappingPreviewSummary } from './mapping-preview-summary.js';
import { renderMappingSyncSummary } from './mapping-sync-summary.js';
import { codeSpan, escapeMarkdown, formatDuration, markdownTable } from './markdown.js';

/** Renders the job summary of a run as Markdown. */
export function renderSummary(result: RunResult, runUrl?: string): string {
  const sections: string[] = [];
  const tenant = result.tenant ? ` on ${escapeMarkdown(result.tenant)}` : '';
  sections.push(`## Configuration Hub: ${escapeMarkdown(result.operation)}${tenant}`);
  sections.push(`**Status:** ${escapeMarkdown(result.status)}. ${escapeMarkdown(result.message)}`);

  if (result.phases.length > 0) {
    sections.push(
      markdownTable(
        ['Phase', 'Id', 'Status', 'Duration', 'Detail'],
        result.phases.map((phase) => [
          escapeMarkdown(phase.name),
          phase.id ? codeSpan(phase.id) : '',
          escapeMarkdown(phase.status),
          formatDuration(phase.durationMs),
          escapeMarkdown(phase.detail ?? ''),
        ]),
      ),
    );
  }

  const counts = Object.entries(result.countsByType ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length > 0) {
    sections.push(
      `### Objects by type (${result.objectCount ?? 0})\n\n` +
        markdownTable(
          ['Type', 'Count'],
          counts.map(([type, count]) => [escapeMarkdown(type), String(count)]),
        ),
    );
  }

  if (result.findings.length > 0) {
    const rows = result.findings.map((finding) => [
      finding.severity,
      escapeMarkdown(
        `${finding.file ?? ''}${finding.line ? `:${finding.line}` : ''}${finding.column ? `:${finding.column}` : ''}`,
      ),
      escapeMarkdown(finding.message),
    ]);
    sections.push(
      `### Validation findings (${result.findings.length})\n\n` +
        markdownTable(['Severity', 'Where', 'Finding'], rows),
    );
  }

  if (result.mappingPreview) {
    sections.push(renderMappingPreviewSummary(result.mappingPreview));
  }
  if (result.mappingSync) {
    sections.push(renderMappingSyncSummary(result.mappingSync));
  }
  if (result.cleanup) {
    sections.push(renderCleanupSummary(result.cleanup));
  }

  if (runUrl) {
    sections.push(`[Workflow run](${runUrl})`);
  }
  return `${sections.join('\n\n')}\n`;
}

/** Renders the job summary of a run that stopped at its inputs: one line per problem. */
export function renderInvalidInputSummary(operation: string, message: string): string {
  const problems = message.split('\n').map((line) => `- ${escapeMarkdown(line)}`);
  return (
    [
      `## Configuration Hub: ${escapeMarkdown(operation)}`,
      '**Status:** INVALID\\_INPUT. Nothing was sent to the tenant. Fix these inputs and run again:',
      problems.join('\n'),
    ].join('\n\n') + '\n'
  );
}
