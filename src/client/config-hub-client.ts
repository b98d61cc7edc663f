import { API_VERSION_PREFIXES, type ApiVersion } from './api-versions.js';
import { type Credentials, TokenProvider } from './auth.js';
import { type Clock, systemClock } from './clock.js';
import { ConfigHubApiError, parseErrorBody } from './errors.js';
import { type HttpRequest, HttpTransport } from './http.js';
import { type Logger, silentLogger } from './logger.js';
import { buildUploadBody, type UploadSource } from './multipart.js';
import { RateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry-policy.js';
import type {
  Backup,
  Deploy,
  Draft,
  JsonPatchOperation,
  ObjectMapping,
  ObjectMappingInput,
  ScheduledAction,
  ScheduledActionInput,
} from './types.js';

/** Most mappings one bulk-create call accepts. */
export const BULK_CREATE_LIMIT = 25;

export interface ConfigHubClientOptions {
  baseUrl: string;
  apiVersion: ApiVersion;
  credentials: Credentials;
  clock?: Clock;
  logger?: Logger;
  maskSecret?: (secret: string) => void;
  retry?: Partial<RetryOptions>;
  /** Requests allowed per rate-limit window; the tenant allows 100 per 10 s. */
  rateLimit?: { limit: number; windowMs: number };
  /** Socket inactivity timeout of one request, in milliseconds. */
  requestTimeoutMs?: number;
  userAgent?: string;
}

type CallRequest = Omit<HttpRequest, 'url'> & { path: string };

/**
 * Typed client for every Configuration Hub operation. It handles HTTP, auth and
 * the API, and imports nothing from GitHub.
 */
export class ConfigHubClient {
  readonly apiVersion: ApiVersion;
  readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenProvider;
  private readonly prefix: string;
  private readonly logger: Logger;

  constructor(options: ConfigHubClientOptions) {
    const clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.apiVersion = options.apiVersion;
    this.baseUrl = options.baseUrl;
    this.prefix = API_VERSION_PREFIXES[options.apiVersion];
    this.transport = new HttpTransport({
      baseUrl: options.baseUrl,
      clock,
      logger: this.logger,
      retry: { ...DEFAULT_RETRY_OPTIONS, ...options.retry },
      limiter: new RateLimiter(clock, options.rateLimit?.limit, options.rateLimit?.windowMs),
      timeoutMs: options.requestTimeoutMs ?? 60_000,
      userAgent: options.userAgent ?? 'isc-config-hub-action',
    });
    this.tokens = new TokenProvider(
      options.credentials,
      this.transport,
      clock,
      this.logger,
      options.maskSecret ?? (() => undefined),
    );
  }

  /** Closes idle connections so the process can exit. */
  close(): void {
    this.transport.close();
  }

  // Uploads

  async createUpload(source: UploadSource, name: string, signal?: AbortSignal): Promise<Backup> {
    const stream = await buildUploadBody(source, name);
    return this.call({
      operation: 'Upload configuration',
      method: 'POST',
      path: '/backups/uploads',
      stream,
      signal,
    });
  }

  getUpload(id: string, signal?: AbortSignal): Promise<Backup> {
    return this.call({
      operation: `Get upload ${id}`,
      method: 'GET',
      path: `/backups/uploads/${segment(id, 'upload id')}`,
      signal,
    });
  }

  listUploads(filters?: string, signal?: AbortSignal): Promise<Backup[]> {
    return this.call({
      operation: 'List uploads',
      method: 'GET',
      path: '/backups/uploads',
      query: { filters },
      signal,
    });
  }

  deleteUpload(id: string, signal?: AbortSignal): Promise<void> {
    return this.call({
      operation: `Delete upload ${id}`,
      method: 'DELETE',
      path: `/backups/uploads/${segment(id, 'upload id')}`,
      signal,
    });
  }

  // Backups

  listBackups(filters?: string, signal?: AbortSignal): Promise<Backup[]> {
    return this.call({
      operation: 'List backups',
      method: 'GET',
      path: '/backups',
      query: { filters },
      signal,
    });
  }

  deleteBackup(id: string, signal?: AbortSignal): Promise<void> {
    return this.call({
      operation: `Delete backup ${id}`,
      method: 'DELETE',
      path: `/backups/${segment(id, 'backup id')}`,
      signal,
    });
  }

  // Drafts

  listDrafts(filters?: string, signal?: AbortSignal): Promise<Draft[]> {
    return this.call({
      operation: 'List drafts',
      method: 'GET',
      path: '/drafts',
      query: { filters },
      signal,
    });
  }

  deleteDraft(id: string, signal?: AbortSignal): Promise<void> {
    return this.call({
      operation: `Delete draft ${id}`,
      method: 'DELETE',
      path: `/drafts/${segment(id, 'draft id')}`,
      signal,
    });
  }

  // Deploys

  createDeploy(draftId: string, signal?: AbortSignal): Promise<Deploy> {
    return this.call({
      operation: `Deploy draft ${draftId}`,
      method: 'POST',
      path: '/deploys',
      json: { draftId },
      signal,
    });
  }

  getDeploy(id: string, signal?: AbortSignal): Promise<Deploy> {
    return this.call({
      operation: `Get deploy ${id}`,
      method: 'GET',
      path: `/deploys/${segment(id, 'deploy id')}`,
      signal,
    });
  }

  async listDeploys(signal?: AbortSignal): Promise<Deploy[]> {
    const body = await this.call<{ items?: Deploy[] }>({
      operation: 'List deploys',
      method: 'GET',
      path: '/deploys',
      signal,
    });
    return body?.items ?? [];
  }

  // Object mappings

  listObjectMappings(sourceOrg: string, signal?: AbortSignal): Promise<ObjectMapping[]> {
    return this.call({
      operation: `List object mappings of ${sourceOrg}`,
      method: 'GET',
      path: mappingsPath(sourceOrg),
      signal,
    });
  }

  createObjectMapping(
    sourceOrg: string,
    mapping: ObjectMappingInput,
    signal?: AbortSignal,
  ): Promise<ObjectMapping> {
    return this.call({
      operation: `Create object mapping in ${sourceOrg}`,
      method: 'POST',
      path: mappingsPath(sourceOrg),
      json: mapping,
      signal,
    });
  }

  async bulkCreateObjectMappings(
    sourceOrg: string,
    mappings: ObjectMappingInput[],
    signal?: AbortSignal,
  ): Promise<ObjectMapping[]> {
    if (mappings.length > BULK_CREATE_LIMIT) {
      throw new RangeError(
        `Bulk create takes at most ${BULK_CREATE_LIMIT} object mappings, got ${mappings.length}.`,
      );
    }
    const body = await this.call<{ addedObjects?: ObjectMapping[] }>({
      operation: `Bulk create ${mappings.length} object mappings in ${sourceOrg}`,
      method: 'POST',
      path: `${mappingsPath(sourceOrg)}/bulk-create`,
      json: { newObjectsMappings: mappings },
      signal,
    });
    return body?.addedObjects ?? [];
  }

  async bulkPatchObjectMappings(
    sourceOrg: string,
    patches: Record<string, JsonPatchOperation[]>,
    signal?: AbortSignal,
  ): Promise<ObjectMapping[]> {
    const body = await this.call<{ patchedObjects?: ObjectMapping[] }>({
      operation: `Bulk patch ${Object.keys(patches).length} object mappings in ${sourceOrg}`,
      method: 'POST',
      path: `${mappingsPath(sourceOrg)}/bulk-patch`,
      json: { patches },
      // Each patch only replaces values, so sending it twice gives the same result.
      idempotent: true,
      signal,
    });
    return body?.patchedObjects ?? [];
  }

  deleteObjectMapping(
    sourceOrg: string,
    objectMappingId: string,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.call({
      operation: `Delete object mapping ${objectMappingId} in ${sourceOrg}`,
      method: 'DELETE',
      path: `${mappingsPath(sourceOrg)}/${segment(objectMappingId, 'object mapping id')}`,
      signal,
    });
  }

  // Scheduled actions

  listScheduledActions(signal?: AbortSignal): Promise<ScheduledAction[]> {
    return this.call({
      operation: 'List scheduled actions',
      method: 'GET',
      path: '/scheduled-actions',
      signal,
    });
  }

  createScheduledAction(
    action: ScheduledActionInput,
    signal?: AbortSignal,
  ): Promise<ScheduledAction> {
    return this.call({
      operation: `Create ${action.jobType} scheduled action`,
      method: 'POST',
      path: '/scheduled-actions',
      json: action,
      signal,
    });
  }

  updateScheduledAction(
    id: string,
    operations: JsonPatchOperation[],
    signal?: AbortSignal,
  ): Promise<ScheduledAction> {
    return this.call({
      operation: `Update scheduled action ${id}`,
      method: 'PATCH',
      path: `/scheduled-actions/${segment(id, 'scheduled action id')}`,
      json: { operations },
      jsonContentType: 'application/json-patch+json',
      signal,
    });
  }

  deleteScheduledAction(id: string, signal?: AbortSignal): Promise<void> {
    return this.call({
      operation: `Delete scheduled action ${id}`,
      method: 'DELETE',
      path: `/scheduled-actions/${segment(id, 'scheduled action id')}`,
      signal,
    });
  }

  /** Sends an authorized call; on a 401 it refreshes the token once and sends the call once more. */
  private async call<T>(request: CallRequest): Promise<T> {
    const { path, ...rest } = request;
    const httpRequest: HttpRequest = { ...rest, url: `${this.prefix}${path}` };

    let token = await this.tokens.getToken(request.signal);
    let response = await this.transport.send(withToken(httpRequest, token));
    if (response.status === 401 && this.tokens.canRefresh) {
      this.logger.info(
        `"${request.operation}" was rejected with HTTP 401; fetching a new access token and sending it once more.`,
      );
      this.tokens.invalidate(token);
      token = await this.tokens.getToken(request.signal);
      response = await this.transport.send(withToken(httpRequest, token));
    }
    if (response.status === 401) {
      throw new ConfigHubApiError({
        status: 401,
        operation: request.operation,
        method: request.method,
        path: httpRequest.url,
        ...parseErrorBody(response.text),
      });
    }
    return (response.text ? JSON.parse(response.text) : undefined) as T;
  }
}

function withToken(request: HttpRequest, token: string): HttpRequest {
  return { ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } };
}

function mappingsPath(sourceOrg: string): string {
  return `/object-mappings/${segment(sourceOrg, 'source org')}`;
}

/**
 * Percent-encodes one path parameter. A value of "." or ".." is rejected,
 * because URL parsers resolve such a segment even when encoded, which would
 * send the call to another path.
 */
export function segment(value: string, description: string): string {
  if (value === '' || /^(\.|%2e){1,2}$/i.test(value)) {
    throw new RangeError(
      `The ${description} "${value}" cannot be used in a URL path: give a real id or name.`,
    );
  }
  return encodeURIComponent(value);
}

/** Builds a `filters` value such as `status eq "COMPLETE"`. */
export function eqFilter(field: 'status' | 'approvalStatus', value: string): string {
  return `${field} eq "${value.replace(/["\\]/g, '')}"`;
}
