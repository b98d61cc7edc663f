import { BULK_CREATE_LIMIT, type ConfigHubClient } from '../../client/config-hub-client.js';
import { ConfigHubApiError } from '../../client/errors.js';
import type { Logger } from '../../client/logger.js';
import type { JsonPatchOperation } from '../../client/types.js';
import type { PlanItem, SourceOrgPlan } from './types.js';

/** Mappings per bulk-create request: the most the endpoint accepts. */
export const CREATE_CHUNK_SIZE = BULK_CREATE_LIMIT;

/**
 * Mapping ids per bulk-patch request. NOTE: the API documents no limit for bulk patch. 50 is
 * our choice, which keeps each request small while 1,000 updates still take only 20 requests.
 */
export const PATCH_CHUNK_SIZE = 50;

/** Delete requests in flight at once. The client's rate limiter still paces them. */
export const DELETE_CONCURRENCY = 4;

/** Failure of one request of the apply phase. The items of that request are marked `failed`. */
export class ApplyError extends Error {
  override name = 'ApplyError';

  constructor(
    /** Description of the request, such as "Bulk create 2 of 4 (25 mappings) in source org dev-tenant". */
    readonly request: string,
    override readonly cause: unknown,
  ) {
    super(`${request} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface ApplyOptions {
  client: ConfigHubClient;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * Applies one source org's plan: creates first, then updates, then deletes, so a mapping is
 * never removed before the mappings that replace it exist. Each item's `result` is set as its
 * request completes. The first failed request stops the run with an ApplyError.
 */
export async function applySourceOrgPlan(
  plan: SourceOrgPlan,
  options: ApplyOptions,
): Promise<void> {
  const creates = plan.items.filter((item) => item.action === 'create');
  const updates = plan.items.filter((item) => item.action === 'update');
  const deletes = plan.items.filter((item) => item.action === 'delete');

  await createInChunks(plan.sourceOrg, creates, options);
  await updateInChunks(plan.sourceOrg, updates, options);
  await deleteConcurrently(plan.sourceOrg, deletes, options);
}

async function createInChunks(
  sourceOrg: string,
  items: PlanItem[],
  options: ApplyOptions,
): Promise<void> {
  const chunks = chunk(items, CREATE_CHUNK_SIZE);
  for (const [index, group] of chunks.entries()) {
    const request = `Bulk create ${index + 1} of ${chunks.length} (${group.length} mappings) in source org ${sourceOrg}`;
    await send(request, group, options, () =>
      options.client.bulkCreateObjectMappings(
        sourceOrg,
        group.map((item) => ({
          objectType: item.objectType,
          jsonPath: item.jsonPath,
          sourceValue: item.sourceValue,
          targetValue: item.targetValue,
          enabled: item.enabled,
        })),
        options.signal,
      ),
    );
  }
}

async function updateInChunks(
  sourceOrg: string,
  items: PlanItem[],
  options: ApplyOptions,
): Promise<void> {
  const chunks = chunk(items, PATCH_CHUNK_SIZE);
  for (const [index, group] of chunks.entries()) {
    const patches: Record<string, JsonPatchOperation[]> = {};
    for (const item of group) {
      patches[item.objectMappingId as string] = patchOperations(item);
    }
    const request = `Bulk patch ${index + 1} of ${chunks.length} (${group.length} mappings) in source org ${sourceOrg}`;
    await send(request, group, options, () =>
      options.client.bulkPatchObjectMappings(sourceOrg, patches, options.signal),
    );
  }
}

/** Builds the `replace` operations for the fields that differ from the server's values. */
export function patchOperations(item: PlanItem): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  if (item.previous?.targetValue !== item.targetValue) {
    operations.push({ op: 'replace', path: '/targetValue', value: item.targetValue });
  }
  if (item.previous?.enabled !== item.enabled) {
    operations.push({ op: 'replace', path: '/enabled', value: item.enabled });
  }
  return operations;
}

/**
 * Deletes mappings with up to DELETE_CONCURRENCY requests in flight. After the first failure
 * no new delete starts, the ones in flight finish, and the failure is thrown. A 404 counts as
 * deleted, because the mapping is gone either way.
 */
async function deleteConcurrently(
  sourceOrg: string,
  items: PlanItem[],
  options: ApplyOptions,
): Promise<void> {
  const queue = [...items];
  let failure: ApplyError | undefined;

  const worker = async (): Promise<void> => {
    for (
      let item = queue.shift();
      item !== undefined && failure === undefined;
      item = queue.shift()
    ) {
      const id = item.objectMappingId as string;
      if (options.signal.aborted) {
        queue.unshift(item);
        failure ??= new ApplyError(
          `Delete of object mapping ${id} in source org ${sourceOrg}`,
          cancelled(),
        );
        return;
      }
      try {
        await options.client.deleteObjectMapping(sourceOrg, id, options.signal);
        item.result = 'applied';
      } catch (error) {
        if (error instanceof ConfigHubApiError && error.status === 404) {
          options.logger.info(
            `Object mapping ${id} in source org ${sourceOrg} was already deleted.`,
          );
          item.result = 'applied';
          continue;
        }
        item.result = 'failed';
        failure ??= new ApplyError(
          `Delete of object mapping ${id} in source org ${sourceOrg}`,
          error,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, items.length) }, worker));

  if (failure !== undefined) {
    throw failure;
  }
  if (items.length > 0) {
    options.logger.info(`Deleted ${items.length} object mappings in source org ${sourceOrg}.`);
  }
}

/** Sends one bulk request and marks its items `applied`, or `failed` and throws an ApplyError. */
async function send(
  request: string,
  items: PlanItem[],
  options: ApplyOptions,
  call: () => Promise<unknown>,
): Promise<void> {
  if (options.signal.aborted) {
    throw new ApplyError(request, cancelled());
  }
  try {
    await call();
  } catch (error) {
    for (const item of items) {
      item.result = 'failed';
    }
    throw new ApplyError(request, error);
  }
  for (const item of items) {
    item.result = 'applied';
  }
  options.logger.info(`${request}: done.`);
}

function cancelled(): Error {
  return new Error('the run was cancelled before this request was sent');
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
