/**
 * Types of the Configuration Hub API, from its OpenAPI definition. Enum fields
 * accept any string as well, because the server sends values the definition
 * omits (AUTOMATED_DRAFT backups, for one) and must not crash the client.
 */
type Open<T extends string> = T | (string & NonNullable<unknown>);

export type JobStatus = Open<'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED' | 'FAILED'>;
export type ApprovalStatus = Open<'DEFAULT' | 'PENDING_APPROVAL' | 'APPROVED' | 'DENIED'>;
export type HydrationStatus = Open<'HYDRATED' | 'NOT_HYDRATED'>;
export type ScheduledJobType = Open<'BACKUP' | 'CREATE_DRAFT' | 'CONFIG_DEPLOY_DRAFT'>;

export const FINAL_JOB_STATUSES: readonly string[] = ['COMPLETE', 'CANCELLED', 'FAILED'];

/** An upload or a backup (the API calls both BackupResponse). */
export interface Backup {
  jobId: string;
  status: JobStatus;
  type?: string;
  tenant?: string;
  requesterName?: string;
  fileExists?: boolean;
  created?: string;
  modified?: string;
  completed?: string;
  name?: string;
  userCanDelete?: boolean;
  isPartial?: boolean;
  backupType?: Open<'UPLOADED' | 'AUTOMATED' | 'MANUAL'>;
  options?: { includeTypes?: string[]; objectOptions?: Record<string, unknown> };
  hydrationStatus?: HydrationStatus;
  totalObjectCount?: number;
  cloudStorageStatus?: string;
  /** Not in the definition, but sent with a FAILED upload. */
  message?: string;
}

export interface ApprovalComment {
  comment: string;
  timestamp: string;
  user: string;
  id: string;
  changedToStatus: string;
}

export interface Draft {
  jobId: string;
  status: JobStatus;
  type?: string;
  message?: string;
  requesterName?: string;
  fileExists?: boolean;
  created?: string;
  modified?: string;
  completed?: string;
  name?: string;
  sourceTenant?: string;
  sourceBackupId?: string;
  sourceBackupName?: string;
  mode?: Open<'RESTORE' | 'PROMOTE' | 'UPLOAD'>;
  approvalStatus?: ApprovalStatus;
  approvalComment?: ApprovalComment[];
}

export interface Deploy {
  jobId: string;
  status: JobStatus;
  type?: string;
  message?: string;
  requesterName?: string;
  fileExists?: boolean;
  created?: string;
  modified?: string;
  completed?: string;
  draftId?: string;
  draftName?: string;
  cloudStorageStatus?: string;
}

export interface ObjectMappingInput {
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  targetValue: string;
  enabled?: boolean;
}

export interface ObjectMapping extends ObjectMappingInput {
  objectMappingId: string;
  created?: string;
  modified?: string;
}

/** One JSON Patch operation (RFC 6902). */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
}

export interface ScheduledActionContent {
  name: string;
  backupOptions?: { includeTypes?: string[]; objectOptions?: Record<string, unknown> };
  sourceBackupId?: string;
  sourceTenant?: string;
  draftId?: string;
}

export interface ScheduledActionInput {
  jobType: ScheduledJobType;
  content: ScheduledActionContent;
  startTime?: string;
  cronString?: string;
  timeZoneId?: string;
}

export interface ScheduledAction extends ScheduledActionInput {
  id: string;
  created?: string;
}
