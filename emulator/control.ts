import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { Emulator } from './emulator.js';
import { ApiError, type ApiResponse } from './errors.js';
import { parseFault } from './faults.js';
import { isObject, MAX_JSON_BYTES, parseJson, readText } from './http.js';
import { iso, JOB_KINDS, JOB_OUTCOMES, setFate, type JobKind, type JobOutcome } from './jobs.js';
import { RESOURCES, type Resource } from './options.js';
import { renderAction } from './routes/scheduled-actions.js';
import { renderJob, type Store } from './state.js';
import { seedStore } from './seed.js';
import { settle } from './workflow.js';

/**
 * Serves the control API under /__emulator/, which tests use to reset, seed and inspect the
 * tenant and to inject faults. It needs no token, is not rate-limited and is not logged.
 */
export async function handleControl(
  emulator: Emulator,
  req: IncomingMessage,
  url: URL,
  method: string,
): Promise<ApiResponse> {
  try {
    const path = url.pathname.replace(/^\/__emulator\/?/, '').replace(/\/$/, '');
    const body =
      method === 'GET' || method === 'DELETE'
        ? undefined
        : parseJson(await readText(req, MAX_JSON_BYTES));
    const now = Date.now();
    settle(emulator.store, emulator.settings, now);
    const route = `${method} ${path}`;

    if (route === 'POST reset') {
      emulator.reset();
      return { status: 204 };
    }
    if (route === 'POST seed') {
      return { status: 200, body: seedStore(emulator.store, emulator.settings, body, now) };
    }
    if (route === 'PATCH settings') {
      updateSettings(emulator, body);
      return { status: 200, body: publicSettings(emulator) };
    }
    if (route === 'GET settings') {
      return { status: 200, body: publicSettings(emulator) };
    }
    if (route === 'GET requests') {
      return { status: 200, body: emulator.requests };
    }
    if (route === 'DELETE requests') {
      emulator.requests = [];
      return { status: 204 };
    }
    if (route === 'POST faults') {
      emulator.faults.push(parseFault(body));
      return { status: 201, body: { pending: emulator.faults.length } };
    }
    if (route === 'DELETE faults') {
      emulator.faults = [];
      return { status: 204 };
    }
    if (route === 'POST tokens/expire') {
      return { status: 200, body: { expired: emulator.tokens.expireAll(now) } };
    }
    if (route === 'POST next-jobs') {
      const { kind, fate } = readNextJob(body);
      emulator.store.nextFates[kind].push(fate);
      return { status: 201, body: { kind, queued: emulator.store.nextFates[kind].length } };
    }
    if (route === 'GET state') {
      return { status: 200, body: dumpState(emulator.store, now) };
    }

    const jobMatch = /^jobs\/([^/]+)$/.exec(path);
    if (method === 'POST' && jobMatch) {
      return setJobFate(emulator.store, decodeURIComponent(jobMatch[1]), body, now);
    }
    const approvalMatch = /^drafts\/([^/]+)\/approval$/.exec(path);
    if (method === 'POST' && approvalMatch) {
      return approveDraft(emulator.store, decodeURIComponent(approvalMatch[1]), body, now);
    }
    throw new ApiError(404, `No control operation matches ${method} ${url.pathname}.`);
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    if (error instanceof URIError)
      return new ApiError(400, `Invalid percent-encoding in ${url.pathname}.`).toResponse();
    throw error;
  }
}

function updateSettings(emulator: Emulator, body: unknown): void {
  if (!isObject(body)) {
    throw new ApiError(400, 'Settings must be a JSON object.');
  }
  // Validate everything before changing anything, so a bad request leaves the settings as they were.
  const next = structuredClone({
    ...emulator.settings,
    forbidden: [...emulator.settings.forbidden],
  });
  for (const [key, value] of Object.entries(body)) {
    if (key === 'durations' && isObject(value)) {
      for (const [name, ms] of Object.entries(value)) {
        if (!(name in next.durations) || typeof ms !== 'number' || ms < 0) {
          throw new ApiError(
            400,
            `durations.${name} must be a known duration in milliseconds (>= 0), not ${JSON.stringify(ms)}.`,
          );
        }
        next.durations[name as keyof typeof next.durations] = ms;
      }
    } else if (key === 'tokenLifetimeSeconds' && typeof value === 'number' && value > 0) {
      next.tokenLifetimeSeconds = value;
    } else if (key === 'rateLimit' && isObject(value)) {
      const limit = value.limit ?? next.rateLimit.limit;
      const windowMs = value.windowMs ?? next.rateLimit.windowMs;
      if (
        typeof limit !== 'number' ||
        !Number.isInteger(limit) ||
        limit < 1 ||
        typeof windowMs !== 'number' ||
        windowMs <= 0
      ) {
        throw new ApiError(400, 'rateLimit needs an integer "limit" >= 1 and a "windowMs" > 0.');
      }
      next.rateLimit = { limit, windowMs };
    } else if (
      key === 'draftApprovalStatus' &&
      (value === 'DEFAULT' || value === 'PENDING_APPROVAL')
    ) {
      next.draftApprovalStatus = value;
    } else if (
      key === 'forbidden' &&
      Array.isArray(value) &&
      value.every((name) => RESOURCES.includes(name))
    ) {
      next.forbidden = value as Resource[];
    } else {
      throw new ApiError(400, `Setting ${key} = ${JSON.stringify(value)} is unknown or invalid.`);
    }
  }
  emulator.settings = { ...next, forbidden: new Set(next.forbidden) };
}

function publicSettings(emulator: Emulator): Record<string, unknown> {
  const { clientSecret: _secret, forbidden, ...rest } = emulator.settings;
  return { ...rest, forbidden: [...forbidden] };
}

function readFate(body: Record<string, unknown>): { outcome: JobOutcome; message?: string } {
  if (!JOB_OUTCOMES.includes(body.outcome as JobOutcome)) {
    throw new ApiError(
      400,
      `outcome must be one of ${JOB_OUTCOMES.join(', ')}, not ${JSON.stringify(body.outcome)}.`,
    );
  }
  if (body.message !== undefined && typeof body.message !== 'string') {
    throw new ApiError(400, 'message must be a string.');
  }
  return { outcome: body.outcome as JobOutcome, message: body.message as string | undefined };
}

function readNextJob(body: unknown) {
  if (!isObject(body) || !JOB_KINDS.includes(body.kind as JobKind)) {
    throw new ApiError(400, `kind must be one of ${JOB_KINDS.join(', ')}.`);
  }
  return { kind: body.kind as JobKind, fate: readFate(body) };
}

function setJobFate(store: Store, jobId: string, body: unknown, now: number): ApiResponse {
  if (!isObject(body)) {
    throw new ApiError(400, 'The body must be an object with "outcome".');
  }
  const kind = jobKindOf(store, jobId);
  const job = kind && store.findJob(jobId);
  if (kind === undefined || job === undefined) {
    throw new ApiError(
      404,
      `Job ${jobId} was not found among uploads, backups, drafts and deploys.`,
    );
  }
  setFate(job.clock, readFate(body), now);
  return { status: 200, body: renderJob(job, now, kind) };
}

function jobKindOf(store: Store, jobId: string): JobKind | undefined {
  if (store.uploads.has(jobId)) return 'upload';
  if (store.backups.has(jobId)) return 'backup';
  if (store.drafts.has(jobId)) return 'draft';
  if (store.deploys.has(jobId)) return 'deploy';
  return undefined;
}

const COMMENT_STATUS: Record<string, string> = {
  APPROVED: 'APPROVED',
  DENIED: 'REJECTED',
  PENDING_APPROVAL: 'PENDING_APPROVAL',
};

/** Changes a draft's approvalStatus and records it in approvalComment, as the UI does. */
function approveDraft(store: Store, draftId: string, body: unknown, now: number): ApiResponse {
  const draft = store.drafts.get(draftId);
  if (draft === undefined) {
    throw new ApiError(404, `Draft ${draftId} was not found.`);
  }
  if (
    !isObject(body) ||
    typeof body.approvalStatus !== 'string' ||
    !(body.approvalStatus in COMMENT_STATUS)
  ) {
    throw new ApiError(400, 'approvalStatus must be APPROVED, DENIED or PENDING_APPROVAL.');
  }
  const comments = (draft.fields.approvalComment as unknown[] | undefined) ?? [];
  draft.fields.approvalComment = [
    ...comments,
    {
      comment: typeof body.comment === 'string' ? body.comment : '',
      timestamp: iso(now),
      user: typeof body.user === 'string' ? body.user : 'emulator.approver',
      id: randomUUID(),
      changedToStatus: COMMENT_STATUS[body.approvalStatus],
    },
  ];
  draft.fields.approvalStatus = body.approvalStatus;
  return { status: 200, body: renderJob(draft, now, 'draft') };
}

function dumpState(store: Store, now: number): Record<string, unknown> {
  return {
    uploads: [...store.uploads.values()].map((job) => ({
      ...renderJob(job, now, 'upload'),
      objectCount: job.objects.length,
    })),
    backups: [...store.backups.values()].map((job) => ({
      ...renderJob(job, now, 'backup'),
      objectCount: job.objects.length,
    })),
    drafts: [...store.drafts.values()].map((job) => ({
      ...renderJob(job, now, 'draft'),
      objects: job.objects,
    })),
    deploys: [...store.deploys.values()].map((job) => ({
      ...renderJob(job, now, 'deploy'),
      applied: job.applied,
    })),
    objectMappings: Object.fromEntries(store.objectMappings),
    scheduledActions: [...store.scheduledActions.values()].map((action) => ({
      ...renderAction(action),
      ranAt: action.ranAt === undefined ? undefined : iso(action.ranAt),
      resultJobId: action.resultJobId,
    })),
    deployedObjects: [...store.deployedObjects.values()],
    pendingNextJobs: store.nextFates,
  };
}
