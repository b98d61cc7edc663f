import { randomUUID } from 'node:crypto';

import { ApiError } from './errors.js';
import { isObject } from './http.js';
import { iso, JOB_STATUSES, newClock, type JobClock, type JobStatus } from './jobs.js';
import type { Settings } from './options.js';
import type { DeployJob, Job, ObjectMapping, ScheduledAction, SpObject, Store } from './state.js';
import { REQUESTER_NAME } from './workflow.js';

type Kind = 'uploads' | 'backups' | 'drafts' | 'deploys';

/**
 * Adds records to the store. Each record is merged over defaults, so a test may give only the
 * fields it cares about. A job given a `status` keeps it and never advances; a job without one
 * runs its normal lifecycle from now. `objects` (sp-config entries) and `message` are taken
 * out of the record and kept as the job's content and failure message.
 * Seeded scheduled actions are listed but never run.
 */
export function seedStore(
  store: Store,
  settings: Settings,
  body: unknown,
  now: number,
): Record<string, string[]> {
  if (!isObject(body)) {
    throw new ApiError(
      400,
      'The seed must be a JSON object such as {"uploads": [...], "objectMappings": {...}}.',
    );
  }
  const known = ['uploads', 'backups', 'drafts', 'deploys', 'objectMappings', 'scheduledActions'];
  for (const key of Object.keys(body)) {
    if (!known.includes(key))
      throw new ApiError(400, `Unknown seed key ${key}; expected ${known.join(', ')}.`);
  }

  const created: Record<string, string[]> = {};
  const durations = settings.durations;
  const common = { requesterName: REQUESTER_NAME, fileExists: true, created: iso(now) };
  const backupDefaults = {
    ...common,
    type: 'BACKUP',
    tenant: settings.tenant,
    userCanDelete: true,
    isPartial: false,
  };
  const plans: {
    kind: Kind;
    defaults: Record<string, unknown>;
    durationMs: number;
    hydrationMs?: number;
  }[] = [
    {
      kind: 'uploads',
      defaults: { ...backupDefaults, name: 'Seeded upload', backupType: 'UPLOADED' },
      durationMs: durations.uploadMs,
      hydrationMs: durations.hydrationMs,
    },
    {
      kind: 'backups',
      defaults: { ...backupDefaults, name: 'Seeded backup', backupType: 'MANUAL' },
      durationMs: durations.backupMs,
      hydrationMs: 0,
    },
    {
      kind: 'drafts',
      defaults: {
        ...common,
        type: 'CREATE_DRAFT',
        name: 'Seeded draft',
        sourceTenant: settings.tenant,
        sourceBackupId: '',
        sourceBackupName: '',
        mode: 'RESTORE',
        approvalStatus: settings.draftApprovalStatus,
        approvalComment: [],
      },
      durationMs: durations.draftMs,
    },
    {
      kind: 'deploys',
      defaults: { ...common, type: 'CONFIG_DEPLOY_DRAFT', draftId: '', draftName: '' },
      durationMs: durations.deployMs,
    },
  ];

  for (const plan of plans) {
    const records = body[plan.kind];
    if (records === undefined) continue;
    if (!Array.isArray(records)) throw new ApiError(400, `Seed ${plan.kind} must be an array.`);
    created[plan.kind] = records.map((record, index) => {
      const job = seedJob(
        record,
        `${plan.kind}[${index}]`,
        plan.defaults,
        now,
        plan.durationMs,
        plan.hydrationMs,
      );
      if (plan.kind === 'deploys') {
        const deploy: DeployJob = { ...job, applied: false };
        if (deploy.objects.length === 0)
          deploy.objects = store.drafts.get(String(job.fields.draftId))?.objects ?? [];
        store.deploys.set(job.jobId, deploy);
      } else {
        store[plan.kind].set(job.jobId, job);
      }
      return job.jobId;
    });
  }

  if (body.objectMappings !== undefined) {
    created.objectMappings = seedMappings(store, body.objectMappings, now);
  }
  if (body.scheduledActions !== undefined) {
    created.scheduledActions = seedActions(store, body.scheduledActions, now);
  }
  return created;
}

function seedJob(
  record: unknown,
  where: string,
  defaults: Record<string, unknown>,
  now: number,
  durationMs: number,
  hydrationMs?: number,
): Job {
  if (!isObject(record)) throw new ApiError(400, `Seed ${where} must be an object.`);
  const { objects, status, message, ...given } = record;
  if (objects !== undefined && !Array.isArray(objects)) {
    throw new ApiError(400, `Seed ${where}.objects must be an array of sp-config objects.`);
  }
  if (status !== undefined && !JOB_STATUSES.includes(status as JobStatus)) {
    throw new ApiError(400, `Seed ${where}.status must be one of ${JOB_STATUSES.join(', ')}.`);
  }
  const jobId = typeof given.jobId === 'string' ? given.jobId : randomUUID();
  const fields = { ...defaults, ...given, jobId };
  const fate = {
    outcome: 'COMPLETE' as const,
    message: typeof message === 'string' ? message : undefined,
  };

  let clock: JobClock;
  if (status === undefined) {
    clock = newClock(now, durationMs, fate, hydrationMs);
  } else {
    const stamp = Date.parse(String(given.modified ?? given.created ?? ''));
    clock = {
      ...newClock(Number.isNaN(stamp) ? now : stamp, 0, fate),
      fixedStatus: status as JobStatus,
    };
  }
  return { jobId, clock, fields, objects: (objects as SpObject[] | undefined) ?? [] };
}

function seedMappings(store: Store, input: unknown, now: number): string[] {
  if (!isObject(input))
    throw new ApiError(400, 'Seed objectMappings must be an object of source org to mappings.');
  const ids: string[] = [];
  for (const [org, mappings] of Object.entries(input)) {
    if (!Array.isArray(mappings))
      throw new ApiError(400, `Seed objectMappings.${org} must be an array.`);
    for (const mapping of mappings) {
      if (!isObject(mapping))
        throw new ApiError(400, `Seed objectMappings.${org} must contain objects.`);
      const stored = {
        objectMappingId: randomUUID(),
        jsonPath: '$.name',
        sourceValue: '',
        targetValue: '',
        enabled: false,
        created: iso(now),
        modified: iso(now),
        ...mapping,
      } as ObjectMapping;
      store.mappingsOf(org).push(stored);
      ids.push(stored.objectMappingId);
    }
  }
  return ids;
}

function seedActions(store: Store, input: unknown, now: number): string[] {
  if (!Array.isArray(input)) throw new ApiError(400, 'Seed scheduledActions must be an array.');
  return input.map((record) => {
    if (!isObject(record)) throw new ApiError(400, 'Seed scheduledActions must contain objects.');
    const action = {
      id: randomUUID(),
      created: iso(now),
      jobType: 'BACKUP',
      content: { name: 'Seeded action' },
      ...record,
      ranAt: now,
    } as ScheduledAction;
    store.scheduledActions.set(action.id, action);
    return action.id;
  });
}
