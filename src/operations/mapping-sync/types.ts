/** Kind of change that a plan item makes to the tenant. */
export type PlanAction = 'create' | 'update' | 'delete';

/**
 * Outcome of a plan item: `planned` until the apply phase reaches it (and for good in a dry
 * run), `applied` once the server accepted it, `failed` when its request failed, and
 * `not applied` when an earlier failure stopped the run first.
 */
export type PlanItemResult = 'planned' | 'applied' | 'failed' | 'not applied';

/** Reason that a plan deletes a mapping. */
export type DeleteReason = 'not in the file' | 'duplicate on the server';

/** One change that the plan makes to a source org's object mappings. */
export interface PlanItem {
  action: PlanAction;
  sourceOrg: string;
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  /** The value the mapping gets, or for a delete the value it had. */
  targetValue: string;
  /** The state the mapping gets, or for a delete the state it had. */
  enabled: boolean;
  /** Values on the server before an update. */
  previous?: { targetValue: string; enabled: boolean };
  /** Server id of the mapping that an update or delete changes. */
  objectMappingId?: string;
  /** Line of the entry in the mappings file, for creates and updates. */
  line?: number;
  reason?: DeleteReason;
  result: PlanItemResult;
}

/** Plan of one source org: the changes and what stays as it is. */
export interface SourceOrgPlan {
  sourceOrg: string;
  /** Number of mappings the server listed. */
  listed: number;
  /** Changes in file order, then deletions in the server's order. */
  items: PlanItem[];
  /** File entries that the server already has as declared. */
  unchanged: number;
  /** Server mappings that the file does not declare, kept because prune is off. */
  unmanaged: number;
  /** Extra server mappings with a declared identity, kept because prune is off. */
  duplicates: number;
}

/** Number of plan items per action. */
export interface ActionCounts {
  create: number;
  update: number;
  delete: number;
}

/** Report of a mapping sync: the plan and what was applied. */
export interface MappingSyncReport {
  /** Mappings created, updated and deleted by this run: 0 in a dry run, whose numbers are in `planned`. */
  created: number;
  updated: number;
  deleted: number;
  /** File entries that the server already has as declared. */
  unchanged: number;
  /** The mappings file, relative to the workspace. */
  file: string;
  dryRun: boolean;
  prune: boolean;
  maxDeletions: number;
  /** Number of plan items per action, applied or not. */
  planned: ActionCounts;
  /** Plan items that an earlier failure stopped before they were sent. */
  notApplied: number;
  sourceOrgs: { sourceOrg: string; listed: number; unmanaged: number; duplicates: number }[];
  /** The plan, at most MAX_REPORTED_ITEMS items, with each item's result. */
  plan: PlanItem[];
  /** Plan items left out of `plan` to keep the outputs and the job summary small. */
  omittedItems: number;
  /** Reason that applying stopped, when a request failed. */
  failure?: string;
}
