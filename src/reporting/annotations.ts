import * as core from '@actions/core';
import type { Finding } from '../config-file/types.js';

/** GitHub shows at most 10 annotations of each kind per step; the rest are summarized. */
export const ANNOTATION_LIMIT = 10;

/** Writes validation findings as annotations on the file and line at fault. */
export function annotateFindings(findings: Finding[]): void {
  for (const severity of ['error', 'warning'] as const) {
    const selected = findings.filter((f) => f.severity === severity);
    for (const finding of selected.slice(0, ANNOTATION_LIMIT)) {
      const properties: core.AnnotationProperties = {
        title: severity === 'error' ? 'Invalid configuration' : 'Configuration warning',
        file: finding.file,
        startLine: finding.line,
        startColumn: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
      };
      if (severity === 'error') {
        core.error(finding.message, properties);
      } else {
        core.warning(finding.message, properties);
      }
    }
    if (selected.length > ANNOTATION_LIMIT) {
      const extra = selected.length - ANNOTATION_LIMIT;
      const log = severity === 'error' ? core.error : core.warning;
      log(`${extra} more ${severity}${extra === 1 ? '' : 's'} are listed in the job summary.`);
    }
  }
}
