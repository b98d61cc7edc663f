import type { RunResult } from '../../operations/context.js';
import { renderCleanupSummary } from '../cleanup-summary.js';
import { renderMappingPreviewSummary } from '../mapping-preview-summary.js';
import { renderMappingSyncSummary } from '../mapping-sync-summary.js';
import { escapeMarkdown, formatDuration, markdownTable } from '../markdown.js';

/** GitHub rejects an issue comment whose body is longer than this many characters. */
export const MAX_COMMENT_LENGTH = 65_536;

/**
 * Builds the hidden first line that identifies the comment of one tenant and operation.
 * Both values are percent-encoded, so they contain no space and no `>`, and cannot end
 * the HTML comment or be confused with the next field. Validate has no tenant and gets
 * an empty `tenant=`.
 */
export function commentMarker(tenant: string | undefined, operation: string): string {
  return (
    `<!-- isc-config-hub:comment tenant=${encodeURIComponent(tenant ?? '')} ` +
    `operation=${encodeURIComponent(operation)} -->`
  );
}

/**
 * Escapes a config-file or server value for the comment: escapeMarkdown neutralizes HTML,
 * links, emphasis and table cells, and `@` is written as an entity so that a name such as
 * `@acme/admins` does not notify a team.
 */
export function escapeCommentText(text: string): string {
  return escapeMarkdown(text).replace(/@/g, '&#64;');
}

/** Renders a job id as code. Backticks and line breaks are dropped, and `|` is escaped for tables. */
function codeSpan(value: string): string {
  return `\`${value.replace(/[`\r\n]/g, '').replace(/\|/g, '\\|')}\``;
}

/**
 * Renders the comment body: the marker, a header with operation, tenant and status, then
 * the ids, phases, objects by type, findings, the mapping-sync plan, the cleanup report
 * and a link to the run. Bodies over MAX_COMMENT_LENGTH are cut by truncateComment.
 */
export function renderPullRequestComment(result: RunResult, runUrl: string | undefined): string {
  const sections: string[] = [];
  const tenant = result.tenant ? ` on ${escapeCommentText(result.tenant)}` : '';
  sections.push(
    `${commentMarker(result.tenant, result.operation)}\n` +
      `### Configuration Hub: ${escapeCommentText(result.operation)}${tenant}\n\n` +
      `**Status:** ${escapeCommentText(result.status)}. ${escapeCommentText(result.message)}`,
  );

  const ids = renderIds(result);
  if (ids) {
    sections.push(ids);
  }
  if (result.phases.length > 0) {
    sections.push(
      markdownTable(
        ['Phase', 'Status', 'Duration', 'Detail'],
        result.phases.map((phase) => [
          escapeCommentText(phase.name),
          escapeCommentText(phase.status),
          formatDuration(phase.durationMs),
          escapeCommentText(phase.detail ?? ''),
        ]),
      ),
    );
  }

  const counts = Object.entries(result.countsByType ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length > 0) {
    sections.push(
      `#### Objects by type (${result.objectCount ?? 0})\n\n` +
        markdownTable(
          ['Type', 'Count'],
          counts.map(([type, count]) => [escapeCommentText(type), String(count)]),
        ),
    );
  }

  if (result.findings.length > 0) {
    sections.push(renderFindings(result));
  }

  // The other renderers escape with escapeMarkdown, so `@` is escaped once more here.
  if (result.mappingSync) {
    sections.push(escapeMentions(renderMappingSyncSummary(result.mappingSync)));
  }
  const preview = renderMappingPreview(result);
  if (preview) {
    sections.push(preview);
  }
  if (result.cleanup) {
    sections.push(details('Cleanup report', escapeMentions(renderCleanupSummary(result.cleanup))));
  }

  if (runUrl) {
    sections.push(`[Workflow run](${runUrl}), whose job summary has the full report.`);
  }
  return `${sections.join('\n\n')}\n`;
}

function renderIds(result: RunResult): string | undefined {
  const rows: string[][] = [];
  const id = (label: string, value: string | undefined): void => {
    if (value) {
      rows.push([label, codeSpan(value)]);
    }
  };
  id('Upload id', result.uploadId);
  id('Draft id', result.draftId);
  id('Deploy id', result.deployId);
  id('Scheduled action id', result.scheduledActionId);
  if (result.approvalStatus) {
    rows.push(['Approval status', escapeCommentText(result.approvalStatus)]);
  }
  if (result.objectCount !== undefined) {
    rows.push(['Objects', String(result.objectCount)]);
  }
  return rows.length > 0 ? markdownTable(['Result', 'Value'], rows) : undefined;
}

function renderFindings(result: RunResult): string {
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const rows = result.findings.map((finding) => {
    const where =
      (finding.file ?? '') +
      (finding.line ? `:${finding.line}` : '') +
      (finding.column ? `:${finding.column}` : '');
    return [finding.severity, escapeCommentText(where), escapeCommentText(finding.message)];
  });
  return (
    `#### Validation findings: ${errors} errors, ${warnings} warnings\n\n` +
    markdownTable(['Severity', 'Where', 'Finding'], rows)
  );
}

/** Renders the preview of the object mappings that a draft of this export would apply. */
function renderMappingPreview(result: RunResult): string | undefined {
  return result.mappingPreview
    ? escapeMentions(renderMappingPreviewSummary(result.mappingPreview))
    : undefined;
}

function escapeMentions(markdown: string): string {
  return markdown.replace(/@/g, '&#64;');
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/**
 * Cuts a body longer than `maxLength` at the last line break that leaves room for a
 * note, so the marker and the header at the top stay. A `<details>` block left open by
 * the cut is closed, so the note is not folded away.
 */
export function truncateComment(
  body: string,
  runUrl: string | undefined,
  maxLength = MAX_COMMENT_LENGTH,
): string {
  if (body.length <= maxLength) {
    return body;
  }
  const where = runUrl ? `the job summary of the [workflow run](${runUrl})` : 'the job summary';
  const note =
    `\n\n**This comment was cut** because GitHub limits a comment to ${maxLength} characters. ` +
    `See ${where} for the full report.\n`;
  const closing = '\n\n</details>';
  const budget = maxLength - note.length - closing.length;
  const cut = body.lastIndexOf('\n', budget);
  let head = body.slice(0, cut > 0 ? cut : budget);
  const opened = (head.match(/<details>/g) ?? []).length;
  const closed = (head.match(/<\/details>/g) ?? []).length;
  if (opened > closed) {
    head += closing;
  }
  return head + note;
}
