import { randomUUID } from 'node:crypto';

import { badRequest, notFound } from '../errors.js';
import { isObject } from '../http.js';
import { json, NO_CONTENT, type RequestContext, type Route } from '../router.js';
import type { ObjectMapping } from '../state.js';
import { MAPPING_OBJECT_TYPES } from '../../src/client/object-types.js';

/** Largest number of mappings that one bulk-create request may carry. */
export const BULK_CREATE_LIMIT = 25;

/** Values of objectType that the OpenAPI spec allows on object mappings. */
export { MAPPING_OBJECT_TYPES };

/** Checks a mapping request and builds the stored mapping; `where` names it in errors. */
export function newMapping(input: unknown, where: string, created: string): ObjectMapping {
  if (!isObject(input)) {
    throw badRequest(`${where} must be a JSON object.`);
  }
  if (typeof input.objectType !== 'string' || !MAPPING_OBJECT_TYPES.includes(input.objectType)) {
    throw badRequest(
      `${where}.objectType ${JSON.stringify(input.objectType)} is invalid; expected one of ${MAPPING_OBJECT_TYPES.join(', ')}.`,
    );
  }
  for (const field of ['jsonPath', 'sourceValue', 'targetValue'] as const) {
    if (typeof input[field] !== 'string') {
      throw badRequest(`${where}.${field} is required and must be a string.`);
    }
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
    throw badRequest(`${where}.enabled must be true or false.`);
  }
  return {
    objectMappingId: randomUUID(),
    objectType: input.objectType,
    jsonPath: input.jsonPath as string,
    sourceValue: input.sourceValue as string,
    targetValue: input.targetValue as string,
    enabled: input.enabled ?? false,
    created,
    modified: created,
  };
}

function listMappings(ctx: RequestContext) {
  return json(200, ctx.store.objectMappings.get(ctx.params.sourceOrg) ?? []);
}

async function createMapping(ctx: RequestContext) {
  const mapping = newMapping(
    await ctx.readJson(),
    'The request body',
    new Date(ctx.now).toISOString(),
  );
  ctx.store.mappingsOf(ctx.params.sourceOrg).push(mapping);
  return json(200, mapping);
}

function deleteMapping(ctx: RequestContext) {
  const list = ctx.store.objectMappings.get(ctx.params.sourceOrg) ?? [];
  const index = list.findIndex((mapping) => mapping.objectMappingId === ctx.params.objectMappingId);
  if (index === -1) {
    throw notFound(
      `Object mapping ${ctx.params.objectMappingId} of source org ${ctx.params.sourceOrg} was not found.`,
    );
  }
  list.splice(index, 1);
  return NO_CONTENT;
}

/** Creates up to 25 mappings; when any is invalid, none is created. */
async function bulkCreate(ctx: RequestContext) {
  const body = await ctx.readJson();
  if (!isObject(body) || !Array.isArray(body.newObjectsMappings)) {
    throw badRequest('The request body must be an object with a "newObjectsMappings" array.');
  }
  const items = body.newObjectsMappings as unknown[];
  if (items.length > BULK_CREATE_LIMIT) {
    throw badRequest(
      `newObjectsMappings has ${items.length} items; at most ${BULK_CREATE_LIMIT} can be created in one request.`,
    );
  }
  const created = new Date(ctx.now).toISOString();
  const mappings = items.map((item, index) =>
    newMapping(item, `newObjectsMappings[${index}]`, created),
  );
  ctx.store.mappingsOf(ctx.params.sourceOrg).push(...mappings);
  return json(200, { addedObjects: mappings });
}

/**
 * Applies JSON Patch `replace` operations on /enabled or /targetValue to mappings by id.
 * Any other operation or path is a 400, and an unknown id a 404; then nothing is changed.
 */
async function bulkPatch(ctx: RequestContext) {
  const body = await ctx.readJson();
  if (!isObject(body) || !isObject(body.patches)) {
    throw badRequest(
      'The request body must be an object with a "patches" object of mapping ids to operations.',
    );
  }
  const list = ctx.store.objectMappings.get(ctx.params.sourceOrg) ?? [];
  const changes: {
    mapping: ObjectMapping;
    field: 'enabled' | 'targetValue';
    value: boolean | string;
  }[] = [];
  for (const [id, operations] of Object.entries(body.patches)) {
    const mapping = list.find((entry) => entry.objectMappingId === id);
    if (mapping === undefined) {
      throw notFound(`Object mapping ${id} of source org ${ctx.params.sourceOrg} was not found.`);
    }
    if (!Array.isArray(operations)) {
      throw badRequest(`patches.${id} must be an array of JSON Patch operations.`);
    }
    for (const [index, operation] of operations.entries()) {
      const where = `patches.${id}[${index}]`;
      if (!isObject(operation) || operation.op !== 'replace') {
        throw badRequest(
          `${where}: only the "replace" operation is supported; delete and create the mapping for other changes.`,
        );
      }
      if (operation.path === '/enabled' && typeof operation.value === 'boolean') {
        changes.push({ mapping, field: 'enabled', value: operation.value });
      } else if (operation.path === '/targetValue' && typeof operation.value === 'string') {
        changes.push({ mapping, field: 'targetValue', value: operation.value });
      } else {
        throw badRequest(
          `${where}: only /enabled (a boolean) and /targetValue (a string) can be replaced, not ${JSON.stringify(operation.path)} with ${JSON.stringify(operation.value)}.`,
        );
      }
    }
  }

  const modified = new Date(ctx.now).toISOString();
  const patched = new Set<ObjectMapping>();
  for (const { mapping, field, value } of changes) {
    (mapping as unknown as Record<string, unknown>)[field] = value;
    mapping.modified = modified;
    patched.add(mapping);
  }
  return json(200, { patchedObjects: [...patched] });
}

export const mappingRoutes: Route[] = [
  {
    method: 'GET',
    pattern: ['object-mappings', ':sourceOrg'],
    resource: 'object-mappings',
    handle: listMappings,
  },
  {
    method: 'POST',
    pattern: ['object-mappings', ':sourceOrg'],
    resource: 'object-mappings',
    handle: createMapping,
  },
  {
    method: 'DELETE',
    pattern: ['object-mappings', ':sourceOrg', ':objectMappingId'],
    resource: 'object-mappings',
    handle: deleteMapping,
  },
  {
    method: 'POST',
    pattern: ['object-mappings', ':sourceOrg', 'bulk-create'],
    resource: 'object-mappings',
    handle: bulkCreate,
  },
  {
    method: 'POST',
    pattern: ['object-mappings', ':sourceOrg', 'bulk-patch'],
    resource: 'object-mappings',
    handle: bulkPatch,
  },
];
