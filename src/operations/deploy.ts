import { ConfigHubApiError, ConfigHubNetworkError } from '../client/errors.js';
import { FINAL_JOB_STATUSES, type Deploy, type Draft } from '../client/types.js';
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
 * Checks the draft (exists, COMPLETE, approved when approval is required),
 * deploys it and waits for the deploy to end.
 */
export async function deployDraft(
  context: OperationContext,
  draftId: string,
  startedAt: number,
): Promise<Deploy> {
  const draft = await checkDraft(context, draftId, startedAt);
  const deploy = await runPhase(context, 'Create deploy', async (phase) => {
    const created = await createDeployOnce(context, draft);
    phase.id = created.jobId;
    phase.status = created.status;
    return created;
  });
  if (!context.settings.wait) {
    context.result.status = deploy.status;
    context.result.message = `Deploy ${deploy.jobId} of draft ${draftId} was created and is ${deploy.status}.`;
    return deploy;
  }
  return waitForDeploy(context, deploy.jobId, startedAt);
}

/** Waits for a deploy that is already running, such as one a cancelled run left behind. */
export async function waitForDeploy(
  context: OperationContext,
  deployId: string,
  startedAt: number,
): Promise<Deploy> {
  const client = requireClient(context);
  const { result, clock, logger, signal } = context;
  result.deployId = deployId;

  return runPhase(context, 'Wait for deploy', async (phase) => {
    phase.id = deployId;
    const resumeHint = `The deploy goes on in the tenant: run the deploy operation with deploy-id: ${deployId} to wait for it again.`;
    let deploy: Deploy;
    try {
      deploy = await pollUntil<Deploy>({
        description: `deploy ${deployId}`,
        fetch: (s) => client.getDeploy(deployId, s),
        status: (job) => job?.status,
        isDone: (job) => FINAL_JOB_STATUSES.includes(job.status),
        deadline: deadlineOf(context, startedAt),
        resumeHint,
        clock,
        logger,
        signal,
      });
    } catch (error) {
      if (error instanceof ConfigHubApiError && error.status === 404) {
        throw new OperationError(
          `Deploy ${deployId} was not found in tenant ${context.settings.tenantLabel}: check the deploy-id input.`,
        );
      }
      if (error instanceof ConfigHubApiError || error instanceof ConfigHubNetworkError) {
        throw new OperationError(`${error.message} ${resumeHint}`);
      }
      throw error;
    }
    phase.status = deploy.status;
    result.status = deploy.status;
    result.draftId ??= deploy.draftId;
    const reason = deploy.message ? `: ${deploy.message}` : '';
    result.message = `Deploy ${deployId} ended ${deploy.status}${reason}.`;
    if (deploy.status !== 'COMPLETE') {
      throw new OperationError(
        `${result.message} See the deploy's results on the Configuration Hub page of the tenant.`,
      );
    }
    return deploy;
  });
}

/** Finds a draft by id; the API has no call that gets one draft. */
export async function findDraft(
  context: OperationContext,
  draftId: string,
): Promise<Draft | undefined> {
  const drafts = await requireClient(context).listDrafts(undefined, context.signal);
  return drafts.find((draft) => draft.jobId === draftId);
}

async function checkDraft(
  context: OperationContext,
  draftId: string,
  startedAt: number,
): Promise<Draft> {
  const { settings, result, clock, logger, signal } = context;
  result.draftId = draftId;

  return runPhase(context, 'Check draft', async (phase) => {
    phase.id = draftId;
    const deadline = deadlineOf(context, startedAt);
    let draft = await findDraft(context, draftId);
    if (!draft) {
      throw new OperationError(
        `Draft ${draftId} was not found in tenant ${settings.tenantLabel}: check the draft-id input and that it belongs to this tenant.`,
      );
    }
    if (!FINAL_JOB_STATUSES.includes(draft.status)) {
      draft = await pollUntil<Draft>({
        description: `draft ${draftId}`,
        fetch: () => findDraft(context, draftId),
        status: (job) => job?.status,
        isDone: (job) => FINAL_JOB_STATUSES.includes(job.status),
        deadline,
        resumeHint: `Run the deploy operation with draft-id: ${draftId} once the draft is COMPLETE.`,
        clock,
        logger,
        signal,
      });
    }
    if (draft.status !== 'COMPLETE') {
      throw new OperationError(
        `Draft ${draftId} is ${draft.status}${draft.message ? `: ${draft.message}` : ''}. Only a COMPLETE draft can be deployed: create a new draft.`,
      );
    }

    draft = await awaitApproval(context, draft, deadline);
    phase.status = 'COMPLETE';
    phase.detail = `approval ${draft.approvalStatus ?? 'DEFAULT'}`;
    return draft;
  });
}

async function awaitApproval(
  context: OperationContext,
  draft: Draft,
  deadline: number,
): Promise<Draft> {
  const { settings, result, clock, logger, signal } = context;
  result.approvalStatus = draft.approvalStatus;
  if (draft.approvalStatus === 'PENDING_APPROVAL') {
    if (!settings.waitForApproval) {
      throw new OperationError(
        `Draft ${draft.jobId} is waiting for approval (PENDING_APPROVAL). Approve it on the Configuration Hub page and run again, ` +
          'or set wait-for-approval: true to wait for the approval.',
      );
    }
    logger.info(
      `Draft ${draft.jobId} needs approval: approve it on the Configuration Hub page of the tenant.`,
    );
    draft = await pollUntil<Draft>({
      description: `approval of draft ${draft.jobId}`,
      fetch: () => findDraft(context, draft.jobId),
      status: (job) => job?.approvalStatus,
      isDone: (job) => job.approvalStatus !== 'PENDING_APPROVAL',
      deadline,
      resumeHint: `Approve draft ${draft.jobId} and run the deploy operation with draft-id: ${draft.jobId}.`,
      clock,
      logger,
      signal,
    });
    result.approvalStatus = draft.approvalStatus;
  }
  if (draft.approvalStatus === 'DENIED') {
    const comments = (draft.approvalComment ?? [])
      .map((c) => `${c.user ?? 'someone'}: ${c.comment}`)
      .join('; ');
    throw new OperationError(
      `Draft ${draft.jobId} was denied${comments ? ` (${comments})` : ''}. Fix the configuration and create a new draft.`,
    );
  }
  return draft;
}

/**
 * Creates the deploy so that it exists once. Deploys of the draft that exist
 * before the request are noted, so a deploy found after a lost response is
 * surely the one this request created.
 */
async function createDeployOnce(context: OperationContext, draft: Draft): Promise<Deploy> {
  const client = requireClient(context);
  const { result, logger, signal } = context;
  const deploysOfDraft = async () =>
    (await client.listDeploys(signal)).filter((deploy) => deploy.draftId === draft.jobId);
  const known = new Set((await deploysOfDraft()).map((deploy) => deploy.jobId));

  const deploy = await createOnce(context, {
    description: `the deploy of draft ${draft.jobId}`,
    create: () => client.createDeploy(draft.jobId, signal),
    findNew: async () =>
      (await deploysOfDraft())
        .filter((candidate) => !known.has(candidate.jobId))
        .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''))[0],
  });
  result.deployId = deploy.jobId;
  logger.info(
    `Created deploy ${deploy.jobId} of draft ${draft.jobId}${draft.name ? ` ("${draft.name}")` : ''}.`,
  );
  return deploy;
}
