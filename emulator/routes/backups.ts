import { ApiError, notFound } from '../errors.js';
import { parseFilters } from '../filters.js';
import { json, NO_CONTENT, type RequestContext, type Route } from '../router.js';
import { renderJob } from '../state.js';

function listBackups(ctx: RequestContext) {
  const matches = parseFilters(ctx.query.get('filters'), ['status']);
  const views = [...ctx.store.backups.values()].map((job) => renderJob(job, ctx.now, 'backup'));
  return json(200, views.filter(matches));
}

function deleteBackup(ctx: RequestContext) {
  const job = ctx.store.backups.get(ctx.params.id);
  if (job === undefined) {
    throw notFound(`Backup ${ctx.params.id} was not found.`);
  }
  // NOTE: the status a tenant sends for a backup the user may not delete (automated
  // backups) is undocumented; 400 is a guess.
  if (job.fields.userCanDelete === false) {
    throw new ApiError(
      400,
      `Backup ${ctx.params.id} cannot be deleted because userCanDelete is false.`,
    );
  }
  ctx.store.backups.delete(ctx.params.id);
  return NO_CONTENT;
}

export const backupRoutes: Route[] = [
  { method: 'GET', pattern: ['backups'], resource: 'backups', handle: listBackups },
  { method: 'DELETE', pattern: ['backups', ':id'], resource: 'backups', handle: deleteBackup },
];
