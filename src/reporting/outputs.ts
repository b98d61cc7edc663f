import * as core from '@actions/core';
import type { RunResult } from '../operations/context.js';

/** Sets the step outputs from what the run learned; outputs it did not learn are set empty. */
export function setOutputs(result: RunResult): void {
  core.setOutput('upload-id', result.uploadId ?? '');
  core.setOutput('draft-id', result.draftId ?? '');
  core.setOutput('deploy-id', result.deployId ?? '');
  core.setOutput('status', result.status);
  core.setOutput('message', result.message);
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
  core.setOutput('result', JSON.stringify(result));
}
