import * as core from '@actions/core';
import type { RunResult } from '../operations/context.js';

/** Sets the step outputs from what the run learned; outputs it did not learn are set empty. */
export function setOutputs(result: RunResult): void {
  core.setOutput('upload-id', result.uploadId ?? '');
  core.setOutput('draft-id', result.draftId ?? '');
  core.setOutput('deploy-id', result.deployId ?? '');
  core.setOutput('status', result.status);
  core.setOutput('message', result.message.replace(/\s*[\r\n]+\s*/g, ' '));
  core.setOutput(
    'object-count',
    result.objectCount === undefined ? '' : String(result.objectCount),
  );
  if (result.mappingSync) {
    core.setOutput('created', String(result.mappingSync.created));
    core.setOutput('updated', String(result.mappingSync.updated));
    core.setOutput('deleted', String(result.mappingSync.deleted));
    core.setOutput('unchanged', String(result.mappingSync.unchanged));
  }
  if (result.cleanup) {
    core.setOutput('deleted', String(result.cleanup.deleted));
    core.setOutput('deleted-ids', JSON.stringify(result.cleanup.deletedIds));
  }
  core.setOutput('result', serializeResult(result));
}

/**
 * Largest `result` output, in characters. GitHub allows 1 MB of outputs per
 * job, and the other outputs and other steps need room too.
 */
export const RESULT_OUTPUT_LIMIT = 512 * 1024;

/** Lists kept in a shortened `result`; the job summary and the log have them all. */
const SHORT_LIST_LENGTH = 50;

/**
 * Serializes the result for the `result` output. When it is too large, long
 * lists are shortened and `truncated` is set. When that is still too large,
 * only the ids, statuses, counts and message remain.
 */
export function serializeResult(result: RunResult, limit = RESULT_OUTPUT_LIMIT): string {
  const full = JSON.stringify(result);
  if (full.length <= limit) {
    return full;
  }

  const shorten = <T>(list: T[] | undefined): T[] | undefined => list?.slice(0, SHORT_LIST_LENGTH);
  const shortened = {
    ...result,
    truncated: true,
    findings: shorten(result.findings),
    mappingPreview: result.mappingPreview && {
      ...result.mappingPreview,
      items: shorten(result.mappingPreview.items)?.map((item) => ({
        ...item,
        hits: shorten(item.hits),
      })),
    },
  };
  const shortJson = JSON.stringify(shortened);
  if (shortJson.length <= limit) {
    return shortJson;
  }

  const { mappingPreview, mappingSync, cleanup, findings, phases: _phases, ...essentials } = result;
  return JSON.stringify({
    ...essentials,
    truncated: true,
    findingCount: findings.length,
    mappingPreview: mappingPreview && {
      changes: mappingPreview.changes,
      mappings: mappingPreview.items.length,
    },
    mappingSync: mappingSync && {
      created: mappingSync.created,
      updated: mappingSync.updated,
      deleted: mappingSync.deleted,
      unchanged: mappingSync.unchanged,
    },
    cleanup: cleanup && { deleted: cleanup.deleted, deletedIds: cleanup.deletedIds.slice(0, 1000) },
  });
}
