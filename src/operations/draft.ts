import { ConfigHubApiError } from '../client/errors.js';
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
import { createOnce } from './create-once.js';
import { PollTimeoutError, pollUntil } from './poller.js';

/** Maximum length of a draft name that the API accepts. */
export const DRAFT_NAME_LIMIT = 50;

/**
 * Creates a draft from an upload. The API has no call that creates a draft,
 * so this creates a one-shot CREATE_DRAFT scheduled action and waits for the
 * draft whose `sourceBackupId` is the upload's id. It then deletes the
 * scheduled action, also after a failure or a cancellation. When that delete
 * fails, a warning names the action to delete by hand.
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
    result.scheduledActionId = action?.id;
    const leftover = `scheduled action ${action?.id}`;
    if (action) {
      (result.leftOnTenant ??= []).push(leftover);
    }
    try {
      const draft = await pollUntil<Draft>({
        description: `the draft of upload ${upload.jobId}`,
        fetch: async (s) => {
          const found = (await client.listDrafts(undefined, s)).find(
            (d) => d.sourceBackupId === upload.jobId,
          );
          result.draftId ??= found?.jobId;
          return found;
        },
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
      result.status = draft.status;
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
            `Scheduled action ${action?.id ?? '(already gone)'} may not have run: check the Configuration Hub page, then raise the timeout input.`,
        );
      }
      throw error;
    } finally {
      if (action) {
        if (await deleteDraftAction(context, action.id)) {
          result.leftOnTenant = result.leftOnTenant?.filter((item) => item !== leftover);
        }
      }
    }
  });
}

/**
 * Creates the CREATE_DRAFT scheduled action once. Returns undefined when a
 * lost response hid the action but its draft already exists, so there is no
 * action left to delete.
 */
async function createDraftAction(
  context: OperationContext,
  upload: Backup,
  sourceTenant: string,
): Promise<ScheduledAction | undefined> {
  const client = requireClient(context);
  const { settings, logger, signal } = context;
  const name = cutName(settings.uploadName, DRAFT_NAME_LIMIT);
  const request = {
    jobType: 'CREATE_DRAFT',
    content: { name, sourceBackupId: upload.jobId, sourceTenant },
  } as const;
  const draftExists = async () =>
    (await client.listDrafts(undefined, signal)).some(
      (draft) => draft.sourceBackupId === upload.jobId,
    );

  let action: ScheduledAction | undefined;
  try {
    action = await createOnce<ScheduledAction | undefined>(context, {
      description: `the scheduled action for upload ${upload.jobId}`,
      create: () => client.createScheduledAction(request, signal),
      findNew: async () => {
        const existing = (await client.listScheduledActions(signal)).find(
          (candidate) =>
            candidate.jobType === 'CREATE_DRAFT' &&
            candidate.content?.sourceBackupId === upload.jobId,
        );
        // A one-shot action may remove itself once it has run; its draft then shows it was created.
        return existing ?? ((await draftExists()) ? NO_ACTION_LEFT : undefined);
      },
    });
  } catch (error) {
    if (error instanceof ConfigHubApiError && error.status === 403) {
      throw new OperationError(
        `Creating a draft needs a scheduled action, which the tenant rejected (HTTP 403): the personal access token's user ` +
          'needs the ORG_ADMIN level and the sp:config-scheduled-action:manage scope. Alternatively create the draft ' +
          `from upload ${upload.jobId} on the Configuration Hub page and run the deploy operation with its draft-id.`,
      );
    }
    throw error;
  }
  if (action === NO_ACTION_LEFT) {
    return undefined;
  }
  logger.info(
    `Created scheduled action ${action?.id} that makes draft "${name}" from upload ${upload.jobId}.`,
  );
  return action;
}

/** Stands for "the action ran and is gone", which createOnce must not mistake for "not found". */
const NO_ACTION_LEFT = {
  id: '',
  jobType: 'CREATE_DRAFT',
  content: { name: '' },
} as ScheduledAction;

/** Cuts `text` to at most `limit` UTF-16 code units without splitting a surrogate pair. */
export function cutName(text: string, limit: number): string {
  const cut = text.slice(0, limit);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Deletes the scheduled action; returns whether it is gone. */
async function deleteDraftAction(context: OperationContext, actionId: string): Promise<boolean> {
  const client = requireClient(context);
  try {
    // Not tied to the run's signal: the clean-up must happen even after a cancellation.
    await client.deleteScheduledAction(actionId);
    context.logger.info(`Deleted scheduled action ${actionId}.`);
    return true;
  } catch (error) {
    if (error instanceof ConfigHubApiError && error.status === 404) {
      context.logger.info(`Scheduled action ${actionId} is already gone.`);
      return true;
    }
    context.logger.warning(
      `Could not delete scheduled action ${actionId}: ${(error as Error).message} Delete it on the Configuration Hub page.`,
    );
    return false;
  }
}
