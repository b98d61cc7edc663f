import type { Backup } from '../client/types.js';
import { FINAL_JOB_STATUSES } from '../client/types.js';
import { displayPath } from '../config-file/paths.js';
import type { LoadedConfig } from '../config-file/types.js';
import {
  deadlineOf,
  OperationError,
  type OperationContext,
  requireClient,
  runPhase,
} from './context.js';
import { createOnce } from './create-once.js';
import { pollUntil } from './poller.js';

/**
 * Uploads the checked export, streaming it from disk (or from the assembled
 * folder), and waits for the upload job to end. With `untilHydrated` it also
 * waits until the object details are ready, which a draft needs.
 */
export async function uploadConfig(
  context: OperationContext,
  loaded: LoadedConfig,
  options: { untilHydrated: boolean; wait: boolean },
): Promise<Backup> {
  const client = requireClient(context);
  const { settings, result, logger, clock, signal } = context;

  return runPhase(context, 'Upload', async (phase) => {
    const started = clock.now();
    const source =
      loaded.json !== undefined
        ? { content: loaded.json, fileName: 'assembled.sp-config.json' }
        : { path: loaded.sourcePath };
    // Uploads carrying this name before the request are noted, so one found
    // after a lost response is surely the one this request created.
    const uploadsNamed = async () =>
      (await client.listUploads(undefined, signal)).filter(
        (candidate) => candidate.name === settings.uploadName,
      );
    const known = new Set((await uploadsNamed()).map((candidate) => candidate.jobId));
    let upload = await createOnce(context, {
      description: `upload "${settings.uploadName}"`,
      create: () => client.createUpload(source, settings.uploadName, signal),
      findNew: async () => (await uploadsNamed()).find((candidate) => !known.has(candidate.jobId)),
    });
    result.uploadId = upload.jobId;
    phase.id = upload.jobId;
    phase.status = upload.status;
    logger.info(
      `Created upload ${upload.jobId} named "${settings.uploadName}" (${(loaded.sizeBytes / 1024).toFixed(0)} KiB).`,
    );
    if (!options.wait) {
      result.status = upload.status;
      result.message = `Upload ${upload.jobId} was created and is ${upload.status}.`;
      return upload;
    }

    const resumeHint = `The upload goes on in the tenant: look for upload ${upload.jobId} on the Configuration Hub page, or raise the timeout input.`;
    upload = await pollUntil<Backup>({
      description: `upload ${upload.jobId}`,
      fetch: (s) => client.getUpload(upload.jobId, s),
      status: (job) =>
        job &&
        (options.untilHydrated && job.status === 'COMPLETE'
          ? `${job.status}, ${job.hydrationStatus ?? 'NOT_HYDRATED'}`
          : job.status),
      isDone: (job) =>
        FINAL_JOB_STATUSES.includes(job.status) &&
        !(options.untilHydrated && job.status === 'COMPLETE' && job.hydrationStatus !== 'HYDRATED'),
      deadline: deadlineOf(context, started),
      resumeHint,
      clock,
      logger,
      signal,
    });
    phase.status = upload.status;
    result.status = upload.status;
    if (upload.status !== 'COMPLETE') {
      const reason = upload.message ? `: ${upload.message}` : '';
      result.message = `Upload ${upload.jobId} ended ${upload.status}${reason}`;
      throw new OperationError(
        `${result.message}. Check that ${displayPath(settings.workspace, settings.configPath ?? '')} is an sp-config export made by Configuration Hub.`,
      );
    }
    result.objectCount = upload.totalObjectCount ?? loaded.objects.length;
    phase.detail = `${result.objectCount} objects`;
    result.message = `Upload ${upload.jobId} is COMPLETE with ${result.objectCount} objects.`;
    return upload;
  });
}
