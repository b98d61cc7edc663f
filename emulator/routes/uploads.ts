import { badRequest, notFound } from '../errors.js';
import { isObject } from '../http.js';
import { MultipartError, multipartBoundary, partText, readMultipart } from '../multipart.js';
import { json, NO_CONTENT, type RequestContext, type Route } from '../router.js';
import { renderJob, renderNewJob, type SpObject } from '../state.js';
import { parseFilters } from '../filters.js';
import { createUploadJob, type UploadContent } from '../workflow.js';

/** Largest upload the emulator reads, in bytes. */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

function listUploads(ctx: RequestContext) {
  const matches = parseFilters(ctx.query.get('filters'), ['status']);
  const views = [...ctx.store.uploads.values()].map((job) => renderJob(job, ctx.now, 'upload'));
  return json(200, views.filter(matches));
}

async function createUpload(ctx: RequestContext) {
  const boundary = multipartBoundary(ctx.req.headers['content-type']);
  if (boundary === undefined) {
    throw badRequest('An upload must be sent as multipart/form-data with a boundary.');
  }

  let parts;
  try {
    parts = await readMultipart(ctx.req, boundary, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof MultipartError) {
      throw badRequest(`The multipart body is invalid: ${error.message}.`);
    }
    throw error;
  }

  const dataPart = parts.get('data');
  const namePart = parts.get('name');
  if (dataPart === undefined) {
    throw badRequest('The required part "data" (the sp-config JSON file) is missing.');
  }
  if (namePart === undefined) {
    throw badRequest('The required part "name" is missing.');
  }
  const name = partText(namePart).trim();
  if (name === '') {
    throw badRequest('The part "name" must not be empty.');
  }

  // Now is when the request arrived in full, which is when a tenant starts its job.
  const job = createUploadJob(
    ctx.store,
    ctx.settings,
    Date.now(),
    name,
    readExport(partText(dataPart)),
  );
  return json(202, renderNewJob(job, 'upload'));
}

/** Parses an uploaded file and checks that it is an sp-config export. */
export function readExport(text: string): UploadContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `the file is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(parsed) || !Array.isArray(parsed.objects)) {
    return { error: 'the file is not an sp-config export because it has no "objects" array' };
  }
  const objects = parsed.objects as unknown[];
  for (const [index, entry] of objects.entries()) {
    if (!isObject(entry) || !isObject(entry.self) || !isObject(entry.object)) {
      return { error: `objects[${index}] has no "self" and "object" members` };
    }
    if (typeof entry.self.type !== 'string') {
      return { error: `objects[${index}].self has no "type"` };
    }
  }
  return {
    objects: objects as SpObject[],
    tenant: typeof parsed.tenant === 'string' ? parsed.tenant : undefined,
  };
}

function getUpload(ctx: RequestContext) {
  const job = ctx.store.uploads.get(ctx.params.id);
  if (job === undefined) {
    throw notFound(`Upload ${ctx.params.id} was not found.`);
  }
  return json(200, renderJob(job, ctx.now, 'upload'));
}

function deleteUpload(ctx: RequestContext) {
  if (!ctx.store.uploads.delete(ctx.params.id)) {
    throw notFound(`Upload ${ctx.params.id} was not found.`);
  }
  return NO_CONTENT;
}

export const uploadRoutes: Route[] = [
  { method: 'GET', pattern: ['backups', 'uploads'], resource: 'uploads', handle: listUploads },
  { method: 'POST', pattern: ['backups', 'uploads'], resource: 'uploads', handle: createUpload },
  { method: 'GET', pattern: ['backups', 'uploads', ':id'], resource: 'uploads', handle: getUpload },
  {
    method: 'DELETE',
    pattern: ['backups', 'uploads', ':id'],
    resource: 'uploads',
    handle: deleteUpload,
  },
];
