/** Time in milliseconds that a job of each kind takes from creation to its final status. */
export interface EmulatorDurations {
  uploadMs: number;
  /** Time after an upload is COMPLETE until its hydrationStatus is HYDRATED. */
  hydrationMs: number;
  draftMs: number;
  deployMs: number;
  backupMs: number;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface EmulatorOptions {
  /** Address to listen on, default '127.0.0.1'. */
  host?: string;
  /** Port to listen on, default 0 (any free port). */
  port?: number;
  /** Tenant name, default 'emulator'. */
  tenant?: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of an access token in seconds, default 749 (the value in the ISC docs). */
  tokenLifetimeSeconds?: number;
  /** Requests per client id and API version within a sliding window, default 100 per 10000 ms. */
  rateLimit?: RateLimit;
  durations?: Partial<EmulatorDurations>;
}

/** Resources whose operations can be forbidden through the control API. */
export const RESOURCES = [
  'uploads',
  'backups',
  'drafts',
  'deploys',
  'object-mappings',
  'scheduled-actions',
] as const;
export type Resource = (typeof RESOURCES)[number];

export type DraftApprovalSetting = 'DEFAULT' | 'PENDING_APPROVAL';

/** Settings in force; the control API changes them and a reset restores the start options. */
export interface Settings {
  tenant: string;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  rateLimit: RateLimit;
  durations: EmulatorDurations;
  draftApprovalStatus: DraftApprovalSetting;
  forbidden: Set<Resource>;
}

export const DEFAULT_DURATIONS: EmulatorDurations = {
  uploadMs: 300,
  hydrationMs: 2000,
  draftMs: 1500,
  deployMs: 1000,
  backupMs: 1500,
};

export function settingsFromOptions(options: EmulatorOptions): Settings {
  return {
    tenant: options.tenant ?? 'emulator',
    clientId: options.clientId ?? 'emulator-client-id',
    clientSecret: options.clientSecret ?? 'emulator-client-secret',
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 749,
    rateLimit: { ...(options.rateLimit ?? { limit: 100, windowMs: 10_000 }) },
    durations: { ...DEFAULT_DURATIONS, ...options.durations },
    draftApprovalStatus: 'DEFAULT',
    forbidden: new Set(),
  };
}
