import { badRequest, notFound } from '../errors.js';
import { isObject } from '../http.js';
import { json, type RequestContext, type Route } from '../router.js';
import { renderJob, renderNewJob } from '../state.js';
import { createDeployJob, deployBlocker } from '../workflow.js';

function listDeploys(ctx: RequestContext) {
  const items = [...ctx.store.deploys.values()].map((job) => renderJob(job, ctx.now, 'deploy'));
  return json(200, { items });
}

/**
 * Starts a deploy. A missing draft is a 400, not a 404, because the OpenAPI spec lists no 404
 * for this operation. A draft that is not COMPLETE or not approved is a 400 whose message
 * gives the reason.
 */
async function createDeploy(ctx: RequestContext) {
  const body = await ctx.readJson();
  if (!isObject(body)) {
    throw badRequest('The request body must be a JSON object with a "draftId".');
  }
  if (typeof body.draftId !== 'string' || body.draftId === '') {
    throw badRequest('The required field "draftId" is missing or not a string.');
  }
  const blocker = deployBlocker(ctx.store.drafts.get(body.draftId), body.draftId, ctx.now);
  if (blocker !== undefined) {
    throw badRequest(blocker);
  }
  const job = createDeployJob(ctx.store, ctx.settings, ctx.now, body.draftId);
  return json(202, renderNewJob(job, 'deploy'));
}

function getDeploy(ctx: RequestContext) {
  const job = ctx.store.deploys.get(ctx.params.id);
  if (job === undefined) {
    throw notFound(`Deploy ${ctx.params.id} was not found.`);
  }
  return json(200, renderJob(job, ctx.now, 'deploy'));
}

export const deployRoutes: Route[] = [
  { method: 'GET', pattern: ['deploys'], resource: 'deploys', handle: listDeploys },
  { method: 'POST', pattern: ['deploys'], resource: 'deploys', handle: createDeploy },
  { method: 'GET', pattern: ['deploys', ':id'], resource: 'deploys', handle: getDeploy },
];
