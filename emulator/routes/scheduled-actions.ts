import { randomUUID } from 'node:crypto';

import { badRequest, notFound } from '../errors.js';
import { isObject } from '../http.js';
import { json, NO_CONTENT, type RequestContext, type Route } from '../router.js';
import { BACKUP_OBJECT_TYPES, type ScheduledAction } from '../state.js';

const JOB_TYPES = ['BACKUP', 'CREATE_DRAFT', 'CONFIG_DEPLOY_DRAFT'] as const;
const NAME_MAX_LENGTH = 50;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

type EditableFields = Pick<
  ScheduledAction,
  'jobType' | 'content' | 'startTime' | 'cronString' | 'timeZoneId'
>;

/** Checks the fields a client may set on a scheduled action, as the OpenAPI spec requires. */
function validateAction(input: unknown): EditableFields {
  if (!isObject(input)) {
    throw badRequest('The request body must be a JSON object with "jobType" and "content".');
  }
  const { jobType, content, startTime, cronString, timeZoneId } = input;

  if (typeof jobType !== 'string' || !(JOB_TYPES as readonly string[]).includes(jobType)) {
    throw badRequest(
      `jobType ${JSON.stringify(jobType)} is invalid; expected one of ${JOB_TYPES.join(', ')}.`,
    );
  }

  if (!isObject(content)) {
    throw badRequest('The required field "content" is missing or not an object.');
  }
  if (typeof content.name !== 'string' || content.name.trim() === '') {
    throw badRequest('The required field "content.name" is missing or empty.');
  }
  if (content.name.length > NAME_MAX_LENGTH) {
    throw badRequest(
      `content.name has ${content.name.length} characters; at most ${NAME_MAX_LENGTH} are allowed.`,
    );
  }
  for (const field of ['sourceBackupId', 'sourceTenant', 'draftId'] as const) {
    if (content[field] !== undefined && typeof content[field] !== 'string') {
      throw badRequest(`content.${field} must be a string.`);
    }
  }

  if (jobType === 'CREATE_DRAFT' && !content.sourceBackupId) {
    throw badRequest(
      'A CREATE_DRAFT action needs "content.sourceBackupId", the upload or backup to draft from.',
    );
  }
  if (jobType === 'CONFIG_DEPLOY_DRAFT' && !content.draftId) {
    throw badRequest('A CONFIG_DEPLOY_DRAFT action needs "content.draftId", the draft to deploy.');
  }
  validateBackupOptions(content.backupOptions);

  if (
    startTime !== undefined &&
    (typeof startTime !== 'string' ||
      !DATE_TIME.test(startTime) ||
      Number.isNaN(Date.parse(startTime)))
  ) {
    throw badRequest(
      `startTime ${JSON.stringify(startTime)} is not an ISO 8601 date-time such as 2025-01-01T00:00:00Z.`,
    );
  }
  for (const [field, value] of Object.entries({ cronString, timeZoneId })) {
    if (value !== undefined && typeof value !== 'string') {
      throw badRequest(`${field} must be a string.`);
    }
  }

  return {
    jobType: jobType as ScheduledAction['jobType'],
    content,
    startTime: startTime as string | undefined,
    cronString: cronString as string | undefined,
    timeZoneId: timeZoneId as string | undefined,
  };
}

function validateBackupOptions(options: unknown): void {
  if (options === undefined) return;
  if (!isObject(options)) {
    throw badRequest('content.backupOptions must be an object.');
  }
  const types = options.includeTypes;
  if (types === undefined) return;
  if (!Array.isArray(types)) {
    throw badRequest('content.backupOptions.includeTypes must be an array of object types.');
  }
  for (const type of types) {
    if (typeof type !== 'string' || !BACKUP_OBJECT_TYPES.includes(type)) {
      throw badRequest(
        `content.backupOptions.includeTypes has an invalid type ${JSON.stringify(type)}.`,
      );
    }
  }
}

/** Returns the public view of a scheduled action, without the emulator's run bookkeeping. */
export function renderAction(action: ScheduledAction): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: action.id,
    created: action.created,
    jobType: action.jobType,
    content: action.content,
  };
  for (const field of ['startTime', 'cronString', 'timeZoneId'] as const) {
    if (action[field] !== undefined) view[field] = action[field];
  }
  return view;
}

function listActions(ctx: RequestContext) {
  return json(200, [...ctx.store.scheduledActions.values()].map(renderAction));
}

/**
 * Stores a scheduled action. A one-shot action (no cronString) runs once its startTime has
 * come, or at once without one, and stays listed afterwards.
 * NOTE: whether a tenant keeps a one-shot action after it ran is undocumented. Actions with a
 * cronString are stored but never run here.
 */
async function createAction(ctx: RequestContext) {
  const fields = validateAction(await ctx.readJson());
  const action: ScheduledAction = {
    id: randomUUID(),
    created: new Date(ctx.now).toISOString(),
    ...fields,
  };
  ctx.store.scheduledActions.set(action.id, action);
  return json(200, renderAction(action));
}

/** Applies a JSON Patch, sent as `{operations: [...]}` (the schema) or a bare array (the example). */
async function patchAction(ctx: RequestContext) {
  const action = ctx.store.scheduledActions.get(ctx.params.id);
  if (action === undefined) {
    throw notFound(`Scheduled action ${ctx.params.id} was not found.`);
  }
  const body = await ctx.readJson();
  const operations = Array.isArray(body) ? body : isObject(body) ? body.operations : undefined;
  if (!Array.isArray(operations)) {
    throw badRequest(
      'The request body must be a JSON Patch: {"operations": [...]} or an array of operations.',
    );
  }

  const draft: Record<string, unknown> = structuredClone({
    jobType: action.jobType,
    content: action.content,
    startTime: action.startTime,
    cronString: action.cronString,
    timeZoneId: action.timeZoneId,
  });
  for (const [index, operation] of operations.entries()) {
    applyOperation(draft, operation, `operations[${index}]`);
  }
  Object.assign(action, validateAction(draft));
  return json(200, renderAction(action));
}

const PATCHABLE = /^\/(content(\/.+)?|startTime|cronString|timeZoneId)$/;

function applyOperation(target: Record<string, unknown>, operation: unknown, where: string): void {
  if (!isObject(operation) || typeof operation.path !== 'string') {
    throw badRequest(`${where} must be an object with "op" and "path".`);
  }
  const { op, path, value } = operation;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    throw badRequest(
      `${where}: operation ${JSON.stringify(op)} is not supported; use add, replace or remove.`,
    );
  }
  if (!PATCHABLE.test(path)) {
    throw badRequest(
      `${where}: path ${path} cannot be changed; only /content, /startTime, /cronString and /timeZoneId can.`,
    );
  }
  const keys = path
    .slice(1)
    .split('/')
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) {
      if (op === 'remove') throw badRequest(`${where}: path ${path} does not exist.`);
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (op === 'remove') {
    if (!(last in node) || node[last] === undefined)
      throw badRequest(`${where}: path ${path} does not exist.`);
    delete node[last];
  } else if (op === 'replace' && (!(last in node) || node[last] === undefined)) {
    throw badRequest(`${where}: path ${path} does not exist, so it cannot be replaced; use add.`);
  } else {
    node[last] = value;
  }
}

function deleteAction(ctx: RequestContext) {
  if (!ctx.store.scheduledActions.delete(ctx.params.id)) {
    throw notFound(`Scheduled action ${ctx.params.id} was not found.`);
  }
  return NO_CONTENT;
}

export const scheduledActionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: ['scheduled-actions'],
    resource: 'scheduled-actions',
    handle: listActions,
  },
  {
    method: 'POST',
    pattern: ['scheduled-actions'],
    resource: 'scheduled-actions',
    handle: createAction,
  },
  {
    method: 'PATCH',
    pattern: ['scheduled-actions', ':id'],
    resource: 'scheduled-actions',
    handle: patchAction,
  },
  {
    method: 'DELETE',
    pattern: ['scheduled-actions', ':id'],
    resource: 'scheduled-actions',
    handle: deleteAction,
  },
];
