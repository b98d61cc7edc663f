import { randomUUID } from 'node:crypto';

import { completionTime, iso, jobPhase, newClock, type JobFate } from './jobs.js';
import { applyMappings } from './mapping-apply.js';
import type { Settings } from './options.js';
import {
  deployedObjectKey,
  type DeployJob,
  type Job,
  type ScheduledAction,
  type SpObject,
  type Store,
} from './state.js';

/** Name that jobs report as their requester. */
export const REQUESTER_NAME = 'emulator.admin';

/** Result of reading an uploaded file: its objects, or why it is not an sp-config export. */
export type UploadContent = { objects: SpObject[]; tenant?: string } | { error: string };

export function createUploadJob(
  store: Store,
  settings: Settings,
  now: number,
  name: string,
  content: UploadContent,
): Job {
  const queued = store.takeNextFate('upload');
  const fate: JobFate =
    'error' in content
      ? { outcome: 'FAILED', message: `Unable to parse the uploaded file: ${content.error}` }
      : (queued ?? { outcome: 'COMPLETE' });
  const jobId = randomUUID();
  const job: Job = {
    jobId,
    clock: newClock(now, settings.durations.uploadMs, fate, settings.durations.hydrationMs),
    fields: {
      jobId,
      type: 'BACKUP',
      tenant: settings.tenant,
      requesterName: REQUESTER_NAME,
      fileExists: true,
      created: iso(now),
      name,
      userCanDelete: true,
      isPartial: false,
      backupType: 'UPLOADED',
    },
    objects: 'error' in content ? [] : content.objects,
    exportTenant: 'error' in content ? undefined : content.tenant,
  };
  store.uploads.set(jobId, job);
  return job;
}

/** Creates a MANUAL backup of the deployed objects, limited to `includeTypes` when given. */
export function createBackupJob(
  store: Store,
  settings: Settings,
  now: number,
  name: string,
  includeTypes?: string[],
): Job {
  const fate = store.takeNextFate('backup') ?? { outcome: 'COMPLETE' };
  const objects: SpObject[] = [...store.deployedObjects.values()]
    .filter((entry) => includeTypes === undefined || includeTypes.includes(entry.type))
    .map((entry) => ({
      version: 1,
      self: { id: entry.id, type: entry.type, name: entry.name },
      object: entry.object,
    }));
  const jobId = randomUUID();
  const job: Job = {
    jobId,
    clock: newClock(now, settings.durations.backupMs, fate, 0),
    fields: {
      jobId,
      type: 'BACKUP',
      tenant: settings.tenant,
      requesterName: REQUESTER_NAME,
      fileExists: true,
      created: iso(now),
      name,
      userCanDelete: true,
      isPartial: false,
      backupType: 'MANUAL',
    },
    objects,
  };
  store.backups.set(jobId, job);
  return job;
}

export interface DraftRequest {
  name: string;
  sourceBackupId: string;
  sourceTenant?: string;
}

/**
 * Creates a draft from an upload or a backup, as a CREATE_DRAFT scheduled action does.
 * Enabled object mappings of the draft's source tenant and of `default` are applied to the
 * objects now. A source that is missing or not COMPLETE at `now` makes the draft end FAILED.
 */
export function createDraftJob(
  store: Store,
  settings: Settings,
  now: number,
  request: DraftRequest,
): Job {
  const upload = store.uploads.get(request.sourceBackupId);
  const source = upload ?? store.backups.get(request.sourceBackupId);
  const sourceStatus = source ? jobPhase(source.clock, now).status : undefined;
  const sourceTenant = request.sourceTenant ?? source?.exportTenant ?? settings.tenant;

  let fate: JobFate = store.takeNextFate('draft') ?? { outcome: 'COMPLETE' };
  let objects: SpObject[] = [];
  if (source === undefined) {
    fate = { outcome: 'FAILED', message: `Backup ${request.sourceBackupId} was not found.` };
  } else if (sourceStatus !== 'COMPLETE') {
    fate = {
      outcome: 'FAILED',
      message: `Backup ${request.sourceBackupId} is ${sourceStatus}; a draft needs a COMPLETE backup.`,
    };
  } else {
    const mappings = [...store.mappingsOf(sourceTenant)];
    if (sourceTenant !== 'default') {
      mappings.push(...store.mappingsOf('default'));
    }
    objects = applyMappings(source.objects, mappings);
  }

  const jobId = randomUUID();
  const job: Job = {
    jobId,
    clock: newClock(now, settings.durations.draftMs, fate),
    fields: {
      jobId,
      type: 'CREATE_DRAFT',
      requesterName: REQUESTER_NAME,
      fileExists: true,
      created: iso(now),
      name: request.name,
      sourceTenant,
      sourceBackupId: request.sourceBackupId,
      sourceBackupName: (source?.fields.name as string | undefined) ?? '',
      mode: upload ? 'UPLOAD' : 'RESTORE',
      approvalStatus: settings.draftApprovalStatus,
      approvalComment: [],
    },
    objects,
  };
  store.drafts.set(jobId, job);
  return job;
}

/** Returns why a draft cannot be deployed at `now`, or undefined when it can. */
export function deployBlocker(
  draft: Job | undefined,
  draftId: string,
  now: number,
): string | undefined {
  if (draft === undefined) {
    return `Draft ${draftId} was not found.`;
  }
  const status = jobPhase(draft.clock, now).status;
  if (status !== 'COMPLETE') {
    return `Draft ${draftId} is ${status}; only a COMPLETE draft can be deployed.`;
  }
  const approval = draft.fields.approvalStatus;
  if (approval === 'PENDING_APPROVAL') {
    return `Draft ${draftId} is waiting for approval (approvalStatus PENDING_APPROVAL) and cannot be deployed yet.`;
  }
  if (approval === 'DENIED') {
    return `Draft ${draftId} was denied (approvalStatus DENIED) and cannot be deployed.`;
  }
  return undefined;
}

/**
 * Creates a deploy of a draft. The caller checks deployBlocker first when it must reject the
 * request; a scheduled action does not, and a blocked deploy then ends FAILED.
 */
export function createDeployJob(
  store: Store,
  settings: Settings,
  now: number,
  draftId: string,
): DeployJob {
  const draft = store.drafts.get(draftId);
  const blocker = deployBlocker(draft, draftId, now);
  const queued = store.takeNextFate('deploy');
  const fate: JobFate = blocker
    ? { outcome: 'FAILED', message: blocker }
    : (queued ?? { outcome: 'COMPLETE' });
  const jobId = randomUUID();
  const job: DeployJob = {
    jobId,
    clock: newClock(now, settings.durations.deployMs, fate),
    fields: {
      jobId,
      type: 'CONFIG_DEPLOY_DRAFT',
      requesterName: REQUESTER_NAME,
      fileExists: true,
      created: iso(now),
      draftId,
      draftName: (draft?.fields.name as string | undefined) ?? '',
    },
    objects: draft && !blocker ? draft.objects : [],
    applied: false,
  };
  store.deploys.set(jobId, job);
  return job;
}

/** Time at which a one-shot scheduled action runs, or undefined when it never runs. */
export function scheduledRunTime(action: ScheduledAction): number | undefined {
  if (action.cronString !== undefined || action.ranAt !== undefined) {
    return undefined;
  }
  const created = Date.parse(action.created);
  const start = action.startTime === undefined ? created : Date.parse(action.startTime);
  return Math.max(created, start);
}

function runScheduledAction(
  store: Store,
  settings: Settings,
  action: ScheduledAction,
  at: number,
): void {
  const content = action.content;
  let job: Job;
  if (action.jobType === 'CREATE_DRAFT') {
    job = createDraftJob(store, settings, at, {
      name: content.name as string,
      sourceBackupId: content.sourceBackupId as string,
      sourceTenant: content.sourceTenant as string | undefined,
    });
  } else if (action.jobType === 'CONFIG_DEPLOY_DRAFT') {
    job = createDeployJob(store, settings, at, content.draftId as string);
  } else {
    const options = content.backupOptions as { includeTypes?: string[] } | undefined;
    job = createBackupJob(store, settings, at, content.name as string, options?.includeTypes);
  }
  action.ranAt = at;
  action.resultJobId = job.jobId;
}

function applyDeploy(store: Store, deploy: DeployJob, at: number): void {
  for (const entry of deploy.objects) {
    const id = String(entry.self.id ?? entry.object.id ?? '');
    store.deployedObjects.set(deployedObjectKey(entry.self.type, id), {
      type: entry.self.type,
      id,
      name: entry.self.name,
      object: entry.object,
      deployId: deploy.jobId,
      deployedAt: iso(at),
    });
  }
  deploy.applied = true;
}

/**
 * Runs, in time order, every event due by `now`: one-shot scheduled actions whose start time
 * has come and deploys that became COMPLETE. Called before each request is handled, so the
 * state always matches the clock without background timers.
 */
export function settle(store: Store, settings: Settings, now: number): void {
  for (;;) {
    let next: { at: number; run: () => void } | undefined;
    for (const action of store.scheduledActions.values()) {
      const at = scheduledRunTime(action);
      if (at !== undefined && at <= now && (next === undefined || at < next.at)) {
        next = { at, run: () => runScheduledAction(store, settings, action, at) };
      }
    }
    for (const deploy of store.deploys.values()) {
      const at = deploy.applied ? undefined : completionTime(deploy.clock);
      if (at !== undefined && at <= now && (next === undefined || at < next.at)) {
        next = { at, run: () => applyDeploy(store, deploy, at) };
      }
    }
    if (next === undefined) {
      return;
    }
    next.run();
  }
}
