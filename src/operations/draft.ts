import { ConfigHubApiError, ConfigHubNetworkError } from '../client/errors.js';
import {
  FINAL_JOB_STATUSES,
  type Backup,
  type Draft,
  type ScheduledAction,
} from '../client/types.js';
import {
  deadlineOf,
  OperationError,
  type OperationContext,
  requireClient,
  runPhase,
} from './context.js';
import { PollTimeoutError, pollUntil } from './poller.js';

/** Maximum length of a draft name that the API accepts. */
export const DRAFT_NAME_LIMIT = 50;

/**
 * Creates a draft from an upload. The API has no call that creates a draft,
 * so this creates a one-shot CREATE_DRAFT scheduled action and waits for the
 * draft whose `sourceBackupId` is the upload's id. It then deletes the
 * scheduled action so nothing is left behind on the tenant.
 */
export async function createDraftFromUpload(
  context: OperationContext,
  upload: Backup,
  sourceTenant: string,
  startedAt: number,
): Promise<Draft> {
  const client = requireClient(context);
  const { settings, result, clock, logger, signal } = context;

  return runPhase(context, 'Create draft', async (phase) => {
    const action = await createDraftAction(context, upload, sourceTenant);
    result.scheduledActionId = action.id;
    try {
      const draft = await pollUntil<Draft>({
        description: `the draft of upload ${upload.jobId}`,
        fetch: async (s) =>
          (await client.listDrafts(undefined, s)).find((d) => d.sourceBackupId === upload.jobId),
        status: (job) => job?.status,
        isDone: (job) => FINAL_JOB_STATUSES.includes(job.status),
        deadline: deadlineOf(context, startedAt),
        resumeHint:
          `Upload ${upload.jobId} was waiting for its draft. Once the draft is on the Configuration Hub page, ` +
          'run the deploy operation with its id in draft-id.',
        clock,
        logger,
        signal,
      });
      result.draftId = draft.jobId;
      phase.id = draft.jobId;
      phase.status = draft.status;
      if (draft.status !== 'COMPLETE') {
        throw new OperationError(
          `Draft ${draft.jobId} of upload ${upload.jobId} ended ${draft.status}${draft.message ? `: ${draft.message}` : ''}.`,
        );
      }
      logger.info(`Draft ${draft.jobId} "${draft.name ?? ''}" is COMPLETE.`);
      return draft;
    } catch (error) {
      if (error instanceof PollTimeoutError && error.lastStatus === undefined) {
        throw new OperationError(
          `No draft appeared for upload ${upload.jobId} before the timeout (${settings.timeoutMs / 1000} s). ` +
            `Scheduled action ${action.id} may not have run: check the Configuration Hub page, then raise the timeout input.`,
        );
      }
      throw error;
    } finally {
      await deleteDraftAction(context, action.id);
    }
  });
}

async function createDraftAction(
  context: OperationContext,
  upload: Backup,
  sourceTenant: string,
): Promise<ScheduledAction> {
  const client = requireClient(context);
  const { settings, logger, signal } = context;
  const name = settings.uploadName.slice(0, DRAFT_NAME_LIMIT);
  const request = {
    jobType: 'CREATE_DRAFT',
    content: { name, sourceBackupId: upload.jobId, sourceTenant },
  } as const;

  try {
    const action = await client.createScheduledAction(request, signal);
    logger.info(
      `Created scheduled action ${action.id} that makes draft "${name}" from upload ${upload.jobId}.`,
    );
    return action;
  } catch (error) {
    if (error instanceof ConfigHubApiError && error.status === 403) {
      throw new OperationError(
        `Creating a draft needs a scheduled action, which the tenant rejected (HTTP 403): the personal access token's user ` +
          'needs the ORG_ADMIN level and the sp:config-scheduled-action:manage scope. Alternatively create the draft ' +
          `from upload ${upload.jobId} on the Configuration Hub page and run the deploy operation with its draft-id.`,
      );
    }
    if (error instanceof ConfigHubNetworkError && !error.notSent) {
      const existing = (await client.listScheduledActions(signal)).find(
        (a) => a.jobType === 'CREATE_DRAFT' && a.content?.sourceBackupId === upload.jobId,
      );
      if (existing) {
        logger.info(
          `Found scheduled action ${existing.id}, created by the request whose response was lost.`,
        );
        return existing;
      }
      return client.createScheduledAction(request, signal);
    }
    throw error;
  }
}

async function deleteDraftAction(context: OperationContext, actionId: string): Promise<void> {
  const client = requireClient(context);
  try {
    // Not tied to the run's signal: the clean-up must happen even after a cancellation.
    await client.deleteScheduledAction(actionId);
    context.logger.info(`Deleted scheduled action ${actionId}.`);
  } catch (error) {
    if (error instanceof ConfigHubApiError && error.status === 404) {
      context.logger.info(`Scheduled action ${actionId} is already gone.`);
      return;
    }
    context.logger.warning(
      `Could not delete scheduled action ${actionId}: ${(error as Error).message} Delete it on the Configuration Hub page.`,
    );
  }
}
