import { iso, jobPhase, type JobClock, type JobFate, type JobKind } from './jobs.js';
import { BACKUP_OBJECT_TYPES } from '../src/client/object-types.js';

/** One entry of an sp-config export's `objects` array. */
export interface SpObject {
  version?: number;
  self: { id?: string; type: string; name?: string; [key: string]: unknown };
  object: Record<string, unknown>;
  [key: string]: unknown;
}

/** A job of any kind: fixed public fields plus a clock from which status is computed. */
export interface Job {
  jobId: string;
  clock: JobClock;
  /** Public fields that do not depend on time (name, created, approvalStatus, ...). */
  fields: Record<string, unknown>;
  /** Objects the job carries: the uploaded or backed-up objects, or a draft's mapped objects. */
  objects: SpObject[];
  /** Tenant named in an uploaded export, the default sourceTenant of drafts made from it. */
  exportTenant?: string;
}

export interface DeployJob extends Job {
  /** True once the deploy's objects were written into the deployed-object state. */
  applied: boolean;
}

export interface ObjectMapping {
  objectMappingId: string;
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  targetValue: string;
  enabled: boolean;
  created: string;
  modified: string;
}

export interface ScheduledAction {
  id: string;
  created: string;
  jobType: 'BACKUP' | 'CREATE_DRAFT' | 'CONFIG_DEPLOY_DRAFT';
  content: Record<string, unknown>;
  startTime?: string;
  cronString?: string;
  timeZoneId?: string;
  /** Time the one-shot action ran; actions with a cronString never run. */
  ranAt?: number;
  /** Job that the run created. */
  resultJobId?: string;
}

/** Object as deployed to the tenant, keyed by type and id. */
export interface DeployedObject {
  type: string;
  id: string;
  name?: string;
  object: Record<string, unknown>;
  deployId: string;
  deployedAt: string;
}

/** Everything the emulated tenant holds. A reset replaces it with a new Store. */
export class Store {
  uploads = new Map<string, Job>();
  backups = new Map<string, Job>();
  drafts = new Map<string, Job>();
  deploys = new Map<string, DeployJob>();
  /** Object mappings by source org, in creation order. */
  objectMappings = new Map<string, ObjectMapping[]>();
  scheduledActions = new Map<string, ScheduledAction>();
  deployedObjects = new Map<string, DeployedObject>();
  /** Fates queued by the control API for the next jobs of each kind, first in first out. */
  nextFates: Record<JobKind, JobFate[]> = { upload: [], draft: [], deploy: [], backup: [] };

  takeNextFate(kind: JobKind): JobFate | undefined {
    return this.nextFates[kind].shift();
  }

  findJob(jobId: string): Job | undefined {
    return (
      this.uploads.get(jobId) ??
      this.backups.get(jobId) ??
      this.drafts.get(jobId) ??
      this.deploys.get(jobId)
    );
  }

  mappingsOf(sourceOrg: string): ObjectMapping[] {
    let list = this.objectMappings.get(sourceOrg);
    if (list === undefined) {
      list = [];
      this.objectMappings.set(sourceOrg, list);
    }
    return list;
  }
}

export function deployedObjectKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

/** Renders a job's public view at time `now`: its fixed fields plus status and times. */
export function renderJob(job: Job, now: number, kind: JobKind): Record<string, unknown> {
  const phase = jobPhase(job.clock, now);
  const computed: Record<string, unknown> = {
    status: phase.status,
    modified: iso(phase.modifiedAt),
  };
  if (phase.completedAt !== undefined) {
    computed.completed = iso(phase.completedAt);
  }
  if (phase.message !== undefined) {
    computed.message = phase.message;
  }

  if (kind === 'upload' || kind === 'backup') {
    computed.hydrationStatus = phase.hydrated ? 'HYDRATED' : 'NOT_HYDRATED';
    if (phase.status === 'COMPLETE') {
      computed.totalObjectCount = job.objects.length;
      computed.options = { includeTypes: backupTypesPresent(job.objects) };
    } else {
      computed.options = null;
    }
  }

  // A seeded job with a fixed status keeps every field the test gave it.
  if (job.clock.fixedStatus !== undefined) {
    return { ...computed, ...job.fields, status: phase.status };
  }
  return { ...job.fields, ...computed };
}

/** Renders a job for the response that creates it, with status NOT_STARTED whatever its duration. */
export function renderNewJob(job: Job, kind: JobKind): Record<string, unknown> {
  return renderJob(job, job.clock.startedAt - 1, kind);
}

/** Object types that a backup's options.includeTypes may list, from the OpenAPI enum. */
export { BACKUP_OBJECT_TYPES };

/**
 * Lists the types present among the objects, in the enum's order.
 * NOTE: types outside the OpenAPI enum, such as CONNECTOR_RULE in real exports, are left out
 * because the spec does not allow them here. What a tenant reports for them is unknown.
 */
export function backupTypesPresent(objects: SpObject[]): string[] {
  const present = new Set(objects.map((entry) => entry.self.type));
  return BACKUP_OBJECT_TYPES.filter((type) => present.has(type));
}
