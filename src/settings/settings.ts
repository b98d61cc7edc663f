import { isAbsolute, resolve } from 'node:path';
import type { Credentials } from '../client/auth.js';
import { API_VERSIONS, type ApiVersion, DEFAULT_API_VERSION } from '../client/api-versions.js';
import { BaseUrlError, resolveBaseUrl } from '../client/base-url.js';
import { DEFAULT_SOURCE_ORG, sourceOrgProblem } from '../mappings-file/source-org.js';
import { type CleanupSettings, readCleanupSettings } from './cleanup-settings.js';
import {
  type MappingSyncSettings,
  readMappingsFile,
  readMappingSyncSettings,
  readSourceOrg,
} from './mapping-sync-settings.js';
import {
  type PullRequestCommentSettings,
  readPullRequestCommentSettings,
} from './pr-comment-settings.js';
import {
  InputError,
  InputProblems,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseJobId,
  parseSize,
  requireAtMostOne,
} from './parse.js';

export const OPERATIONS = [
  'validate',
  'upload',
  'deploy',
  'promote',
  'sync-mappings',
  'cleanup',
] as const;

/** Operations that read an export from config-path. */
const CONFIG_OPERATIONS: readonly Operation[] = ['validate', 'upload', 'promote'];
export type Operation = (typeof OPERATIONS)[number];

export const DEFAULT_TIMEOUT = '30m';
export const DEFAULT_MAX_FILE_SIZE = '100MB';

/** Tenant address, API version and credentials of the Configuration Hub calls. */
export interface Connection {
  baseUrl: string;
  apiVersion: ApiVersion;
  credentials: Credentials;
}

/** Every input of the Action, parsed and checked. Nothing else reads inputs or the environment. */
export interface Settings {
  operation: Operation;
  /** Absent for validate, which needs no tenant. */
  connection?: Connection;
  /** The tenant's name or host, for reports. */
  tenantLabel?: string;
  workspace: string;
  configPath?: string;
  uploadName: string;
  draftId?: string;
  deployId?: string;
  sourceTenant?: string;
  wait: boolean;
  timeoutMs: number;
  waitForApproval: boolean;
  maxFileSizeBytes: number;
  /** Link to the workflow run, for reports. */
  runUrl?: string;
  /** Set for the sync-mappings operation. */
  mappingSync?: MappingSyncSettings;
  /** Set for the cleanup operation. */
  cleanup?: CleanupSettings;
  pullRequestComment: PullRequestCommentSettings;
  /** Set when validate, upload or promote also get a mappings file to preview. */
  mappingPreview?: { mappingsFile: string; defaultSourceOrg?: string };
}

/** Reads one input by its name in action.yml; returns '' when it is not set. */
export type InputReader = (name: string) => string;

/**
 * Reads and checks every input before any network call. All problems are
 * collected and thrown together, so one run shows every mistake.
 */
export function readSettings(input: InputReader, env: NodeJS.ProcessEnv): Settings {
  const problems = new InputProblems();
  const attempt = <T>(read: () => T): T | undefined => problems.attempt(read);

  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const operationValue = input('operation');
  const operation = attempt(() => {
    if (operationValue === '') {
      throw new InputError(`Input operation is required: use one of ${OPERATIONS.join(', ')}.`);
    }
    return parseChoice('operation', operationValue, OPERATIONS);
  });

  const configInput = input('config-path');
  const configPath = configInput
    ? isAbsolute(configInput)
      ? configInput
      : resolve(workspace, configInput)
    : undefined;
  const wait = attempt(() => parseBoolean('wait', input('wait'), true)) ?? true;
  const timeoutMs =
    attempt(() => parseDuration('timeout', input('timeout') || DEFAULT_TIMEOUT)) ?? 0;
  const waitForApproval =
    attempt(() => parseBoolean('wait-for-approval', input('wait-for-approval'), false)) ?? false;
  const maxFileSizeBytes =
    attempt(() => parseSize('max-file-size', input('max-file-size') || DEFAULT_MAX_FILE_SIZE)) ?? 0;
  const draftId = attempt(() => parseJobId('draft-id', input('draft-id')));
  const deployId = attempt(() => parseJobId('deploy-id', input('deploy-id')));
  const sourceTenant = attempt(() => readSourceTenant(input('source-tenant')));
  const uploadName = readUploadName(input('upload-name'), env);

  if (operation && CONFIG_OPERATIONS.includes(operation) && !configPath) {
    problems.messages.push(
      `Input config-path is required for operation ${operation}: give the export file or folder, relative to the repository root.`,
    );
  }
  if (operation === 'deploy') {
    attempt(() => requireAtMostOne({ 'draft-id': draftId, 'deploy-id': deployId }));
    if (!draftId && !deployId && !problems.messages.some((p) => /draft-id|deploy-id/.test(p))) {
      problems.messages.push(
        'Operation deploy needs draft-id (the draft to deploy) or deploy-id (a running deploy to wait for).',
      );
    }
  }

  const mappingSync =
    operation === 'sync-mappings'
      ? attempt(() => readMappingSyncSettings(input, workspace))
      : undefined;
  const cleanup = operation === 'cleanup' ? attempt(() => readCleanupSettings(input)) : undefined;
  let mappingPreview: Settings['mappingPreview'];
  if (operation && CONFIG_OPERATIONS.includes(operation) && input('mappings-file')) {
    const mappingsFile = attempt(() => readMappingsFile(input('mappings-file'), workspace));
    const defaultSourceOrg = attempt(() => readSourceOrg(input('source-org')));
    mappingPreview = mappingsFile ? { mappingsFile, defaultSourceOrg } : undefined;
  }

  const pullRequestComment = attempt(() => readPullRequestCommentSettings(input, env)) ?? {
    mode: 'never' as const,
  };

  let connection: Connection | undefined;
  let tenantLabel: string | undefined;
  if (operation && operation !== 'validate') {
    connection = readConnection(input, env, attempt);
    tenantLabel = connection
      ? new URL(connection.baseUrl).hostname.replace(/\.api\.identitynow\.com$/, '')
      : undefined;
  }

  problems.throwIfAny();
  return {
    operation: operation as Operation,
    connection,
    tenantLabel,
    workspace,
    configPath,
    uploadName,
    draftId,
    deployId,
    sourceTenant,
    wait,
    timeoutMs,
    waitForApproval,
    maxFileSizeBytes,
    mappingSync,
    cleanup,
    pullRequestComment,
    mappingPreview,
    runUrl:
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  };
}

/** Reads where and as whom to connect; every problem goes to `attempt`, which collects it. */
function readConnection(
  input: InputReader,
  env: NodeJS.ProcessEnv,
  attempt: <T>(read: () => T) => T | undefined,
): Connection | undefined {
  const baseUrl = attempt(() => {
    const tenant = input('tenant');
    const baseUrlInput = input('base-url');
    requireAtMostOne({ tenant, 'base-url': baseUrlInput });
    const fromEnvironment = !baseUrlInput && !tenant && Boolean(env.SAIL_BASE_URL);
    try {
      return resolveBaseUrl({
        tenant,
        baseUrl: baseUrlInput || (tenant ? undefined : env.SAIL_BASE_URL),
      });
    } catch (error) {
      if (fromEnvironment && error instanceof BaseUrlError) {
        throw new BaseUrlError(`Environment variable SAIL_BASE_URL: ${error.message}`);
      }
      throw error;
    }
  });
  const apiVersion = attempt(() =>
    parseChoice('api-version', input('api-version') || DEFAULT_API_VERSION, API_VERSIONS),
  );
  const credentials = attempt(() => readCredentials(input, env));
  if (baseUrl === undefined || apiVersion === undefined || credentials === undefined) {
    return undefined;
  }
  return { baseUrl, apiVersion, credentials };
}

function readCredentials(input: InputReader, env: NodeJS.ProcessEnv): Credentials {
  const accessToken = input('access-token');
  if (accessToken) {
    if (input('client-id') || input('client-secret')) {
      throw new InputError(
        'Inputs access-token and client-id/client-secret cannot be used together: give only one kind of credentials.',
      );
    }
    return { kind: 'access-token', accessToken };
  }
  const clientId = input('client-id') || (env.SAIL_CLIENT_ID ?? '');
  const clientSecret = input('client-secret') || (env.SAIL_CLIENT_SECRET ?? '');
  if (!clientId || !clientSecret) {
    const missing = [
      !clientId && 'client-id (or SAIL_CLIENT_ID)',
      !clientSecret && 'client-secret (or SAIL_CLIENT_SECRET)',
    ].filter(Boolean);
    throw new InputError(
      `Credentials are missing: set ${missing.join(' and ')} from a personal access token, ` +
        'for example client-secret: ${{ secrets.ISC_CLIENT_SECRET }}. Fork pull requests get no secrets: run operation validate there.',
    );
  }
  return { kind: 'client-credentials', clientId, clientSecret };
}

function readSourceTenant(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (trimmed === DEFAULT_SOURCE_ORG || sourceOrgProblem(trimmed) !== undefined) {
    throw new InputError(
      `Input source-tenant is "${value}", which is not a tenant name: use the name of the tenant the export ` +
        'comes from (letters, digits and hyphens, such as "acme-dev").',
    );
  }
  return trimmed;
}

function readUploadName(value: string, env: NodeJS.ProcessEnv): string {
  const name = value.replace(/[\r\n]+/g, ' ').trim();
  if (name) {
    return name;
  }
  const repository = env.GITHUB_REPOSITORY ?? 'local';
  const commit = (env.GITHUB_SHA ?? '').slice(0, 7);
  const run = env.GITHUB_RUN_NUMBER ? ` run ${env.GITHUB_RUN_NUMBER}` : '';
  return `${repository}${commit ? `@${commit}` : ''}${run}`;
}
