import { notFound } from '../errors.js';
import { parseFilters } from '../filters.js';
import { json, NO_CONTENT, type RequestContext, type Route } from '../router.js';
import { renderJob } from '../state.js';

function listDrafts(ctx: RequestContext) {
  const matches = parseFilters(ctx.query.get('filters'), ['status', 'approvalStatus']);
  const views = [...ctx.store.drafts.values()].map((job) => renderJob(job, ctx.now, 'draft'));
  return json(200, views.filter(matches));
}

function deleteDraft(ctx: RequestContext) {
  if (!ctx.store.drafts.delete(ctx.params.id)) {
    throw notFound(`Draft ${ctx.params.id} was not found.`);
  }
  return NO_CONTENT;
}

export const draftRoutes: Route[] = [
  { method: 'GET', pattern: ['drafts'], resource: 'drafts', handle: listDrafts },
  { method: 'DELETE', pattern: ['drafts', ':id'], resource: 'drafts', handle: deleteDraft },
];
