import { describeFaultTable, type FaultCase, gapMs, READY_DRAFT, requestsTo } from './harness.js';

const UPLOAD_INPUTS = { 'config-path': 'valid.sp-config.json' };
const DEPLOY_INPUTS = { 'draft-id': READY_DRAFT.jobId };
const DEPLOY_CREATE = /\/deploys$/;
const DEPLOY_GET = /\/deploys\/[^/]+$/;
const UPLOAD_CREATE = /\/backups\/uploads$/;
const UPLOAD_GET = /\/backups\/uploads\/[^/]+$/;

// Set by the HTTP-date case when it arms its fault, and read back by its checks.
let retryAfterDate = '';

const cases: FaultCase[] = [
  {
    name: '429 in seconds on deploy create',
    fault: '429 with `Retry-After: 1` on the deploy POST',
    operation: 'deploy',
    expected: 'waits 1 s and sends the POST again (a 429 was not applied); exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({
        method: 'POST',
        path: DEPLOY_CREATE.source,
        status: 429,
        headers: { 'Retry-After': '1' },
      });
    },
    describe: ({ requests }) => {
      const posts = requestsTo(requests, 'POST', DEPLOY_CREATE);
      const waited = posts.length === 2 && gapMs(posts[0], posts[1]) >= 990;
      return [
        `${posts.length} deploy POSTs`,
        waited ? 'retry 1 s or more later' : 'retry too early',
      ];
    },
    verify: ({ requests, run }) => {
      const posts = requestsTo(requests, 'POST', DEPLOY_CREATE);
      expect(posts.map((r) => r.status)).toEqual([429, 202]);
      expect(gapMs(posts[0], posts[1])).toBeGreaterThanOrEqual(990);
      expect(run.stdout).toContain('after HTTP 429 Too Many Requests');
    },
  },
  {
    name: '429 as HTTP date on upload create',
    fault: '429 with `Retry-After` as an HTTP date 3 s ahead on the upload POST',
    operation: 'upload',
    expected: 'waits until that date and streams the file again; exit 0, COMPLETE, one upload',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      retryAfterDate = new Date(Date.now() + 3_000).toUTCString();
      await control.fault({
        method: 'POST',
        path: UPLOAD_CREATE.source,
        status: 429,
        headers: { 'Retry-After': retryAfterDate },
      });
    },
    describe: ({ requests, state }) => {
      const posts = requestsTo(requests, 'POST', UPLOAD_CREATE);
      const retry = posts[1];
      const onTime = retry !== undefined && Date.parse(retry.time) >= Date.parse(retryAfterDate);
      return [
        `${posts.length} upload POSTs`,
        onTime ? 'retry at or after the date' : 'retry before the date',
        `${state.uploads.length} upload in the tenant`,
      ];
    },
    verify: ({ requests, state }) => {
      const posts = requestsTo(requests, 'POST', UPLOAD_CREATE);
      expect(posts.map((r) => r.status)).toEqual([429, 202]);
      expect(Date.parse(posts[1].time)).toBeGreaterThanOrEqual(Date.parse(retryAfterDate));
      expect(state.uploads).toHaveLength(1);
      expect(state.uploads[0].status).toBe('COMPLETE');
    },
  },
  {
    name: '500 burst on deploy poll',
    fault: '3 × 500 on the deploy status GET',
    operation: 'deploy',
    expected:
      'a 500 is not retried, even on a GET: exit 1, FAILED with the server message, deploy-id output set; the deploy goes on',
    exitCode: 1,
    status: 'FAILED',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({ method: 'GET', path: DEPLOY_GET.source, status: 500, count: 3 });
    },
    describe: ({ requests, run }) => [
      `${requestsTo(requests, 'GET', DEPLOY_GET, 500).length} × 500 seen`,
      run.outputs['deploy-id'] ? 'deploy-id output set' : 'no deploy-id output',
    ],
    verify: ({ requests, run, state }) => {
      expect(requestsTo(requests, 'GET', DEPLOY_GET, 500)).toHaveLength(1);
      expect(run.outputs['deploy-id']).toBe(state.deploys[0].jobId);
      expect(run.outputs.message).toContain('HTTP 500');
    },
  },
  {
    name: '500 on deploy create',
    fault: '500 on the deploy POST (not applied)',
    operation: 'deploy',
    expected: 'not retried and not looked up: exit 1, FAILED, no deploy',
    exitCode: 1,
    status: 'FAILED',
    deploys: 0,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({ method: 'POST', path: DEPLOY_CREATE.source, status: 500 });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', DEPLOY_CREATE).length} deploy POST`,
    ],
    verify: ({ requests, run }) => {
      expect(requestsTo(requests, 'POST', DEPLOY_CREATE)).toHaveLength(1);
      expect(run.outputs.message).toContain('HTTP 500');
    },
  },
  {
    name: '502 burst on deploy poll',
    fault: '2 × 502 on the deploy status GET',
    operation: 'deploy',
    expected: 'the GET is retried with backoff; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({ method: 'GET', path: DEPLOY_GET.source, status: 502, count: 2 });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'GET', DEPLOY_GET, 502).length} × 502 retried`,
    ],
    verify: ({ requests, run }) => {
      expect(requestsTo(requests, 'GET', DEPLOY_GET, 502)).toHaveLength(2);
      expect(run.stdout).toContain('after HTTP 502');
    },
  },
  {
    name: '503 burst on upload poll',
    fault: '2 × 503 on the upload status GET',
    operation: 'upload',
    expected: 'the GET is retried with backoff; exit 0, COMPLETE, one upload',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'GET', path: UPLOAD_GET.source, status: 503, count: 2 });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'GET', UPLOAD_GET, 503).length} × 503 retried`,
    ],
    verify: ({ requests, state }) => {
      expect(requestsTo(requests, 'GET', UPLOAD_GET, 503)).toHaveLength(2);
      expect(state.uploads).toHaveLength(1);
    },
  },
  {
    name: '504 burst on draft list',
    fault: '2 × 504 on the draft list GET',
    operation: 'promote',
    expected: 'the GET is retried with backoff; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'GET', path: '/drafts$', status: 504, count: 2 });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'GET', /\/drafts$/, 504).length} × 504 retried`,
    ],
    verify: ({ requests, state }) => {
      expect(requestsTo(requests, 'GET', /\/drafts$/, 504)).toHaveLength(2);
      expect(state.scheduledActions).toEqual([]);
    },
  },
  {
    name: '502 on deploy create, applied',
    fault: '502 on the deploy POST after the server created the deploy',
    operation: 'deploy',
    expected:
      'the POST is not sent again blindly: the Action lists deploys, finds the new one and waits for it; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({ method: 'POST', path: DEPLOY_CREATE.source, status: 502, apply: true });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', DEPLOY_CREATE).length} deploy POST`,
    ],
    verify: ({ requests, run, state }) => {
      expect(requestsTo(requests, 'POST', DEPLOY_CREATE)).toHaveLength(1);
      expect(run.outputs['deploy-id']).toBe(state.deploys[0].jobId);
      expect(run.stdout).toContain('created by the request whose response was lost');
    },
  },
  {
    name: '503 on upload create, applied',
    fault: '503 on the upload POST after the server created the upload',
    operation: 'upload',
    expected:
      'not sent again: the Action finds the upload the server made under its name and waits for it; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'POST', path: UPLOAD_CREATE.source, status: 503, apply: true });
    },
    describe: ({ requests, state }) => [
      `${requestsTo(requests, 'POST', UPLOAD_CREATE).length} upload POST`,
      `${state.uploads.length} upload in the tenant`,
    ],
    verify: ({ requests, run, state }) => {
      expect(requestsTo(requests, 'POST', UPLOAD_CREATE)).toHaveLength(1);
      expect(state.uploads).toHaveLength(1);
      expect(run.outputs['upload-id']).toBe(state.uploads[0].jobId);
      expect(run.stdout).toContain('created by the request whose response was lost');
    },
  },
  {
    name: '504 on scheduled action create, applied',
    fault: '504 on the scheduled-action POST after the server created the action',
    operation: 'promote',
    expected:
      'like a lost response: the Action finds the action by the upload id, uses its draft and deletes it; exit 0, COMPLETE, no scheduled action left',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({
        method: 'POST',
        path: '/scheduled-actions$',
        status: 504,
        apply: true,
      });
    },
    describe: ({ requests, state }) => [
      `${requestsTo(requests, 'POST', /\/scheduled-actions$/).length} scheduled-action POST`,
      `${state.scheduledActions.length} scheduled action left`,
      `${state.drafts.length} draft`,
    ],
    verify: ({ requests, state }) => {
      expect(requestsTo(requests, 'POST', /\/scheduled-actions$/)).toHaveLength(1);
      expect(state.scheduledActions).toEqual([]);
      expect(state.drafts).toHaveLength(1);
    },
  },
];

describeFaultTable('Rate limits and server errors', 'server-errors', cases);
