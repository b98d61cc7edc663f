import { describeFaultTable, type FaultCase, READY_DRAFT, requestsTo } from './harness.js';

const UPLOAD_INPUTS = { 'config-path': 'valid.sp-config.json' };
const DEPLOY_INPUTS = { 'draft-id': READY_DRAFT.jobId };
const DEPLOY_CREATE = /\/deploys$/;
const DEPLOY_GET = /\/deploys\/[^/]+$/;
const UPLOAD_CREATE = /\/backups\/uploads$/;

/** Delay of the slow upload case, well under the Action's 60-second request timeout. */
const SLOW_UPLOAD_MS = 2_500;

const cases: FaultCase[] = [
  {
    name: 'reset on deploy poll',
    fault: '2 connection resets on the deploy status GET',
    operation: 'deploy',
    expected: 'the GET is retried; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({
        method: 'GET',
        path: DEPLOY_GET.source,
        drop: 'before-response',
        count: 2,
      });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'GET', DEPLOY_GET, 0).length} resets retried`,
    ],
    verify: ({ requests, run }) => {
      expect(requestsTo(requests, 'GET', DEPLOY_GET, 0)).toHaveLength(2);
      expect(run.stdout).toContain('after ECONNRESET');
    },
  },
  {
    name: 'reset on upload create',
    fault: 'connection reset on the upload POST (not applied)',
    operation: 'upload',
    expected:
      'the Action looks for an upload of that name, finds none, and sends the upload again: exit 0, COMPLETE, one upload',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'POST', path: UPLOAD_CREATE.source, drop: 'before-response' });
    },
    describe: ({ requests, state }) => [
      `${requestsTo(requests, 'POST', UPLOAD_CREATE).length} upload POSTs`,
      `${state.uploads.length} uploads in the tenant`,
    ],
    verify: ({ requests, run, state }) => {
      expect(requestsTo(requests, 'POST', UPLOAD_CREATE)).toHaveLength(2);
      expect(state.uploads).toHaveLength(1);
      expect(run.outputs['upload-id']).toBe(state.uploads[0].jobId);
      expect(run.stdout).toContain('was not created; sending the request again');
    },
  },
  {
    name: 'lost deploy response, applied',
    fault: 'connection closed before the response to the deploy POST; the deploy was created',
    operation: 'promote',
    expected: 'finds the deploy by listing and waits for it; exit 0, COMPLETE, one deploy POST',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({
        method: 'POST',
        path: DEPLOY_CREATE.source,
        drop: 'before-response',
        apply: true,
      });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', DEPLOY_CREATE).length} deploy POST`,
    ],
    verify: ({ requests, run, state }) => {
      expect(requestsTo(requests, 'POST', DEPLOY_CREATE)).toHaveLength(1);
      expect(run.outputs['deploy-id']).toBe(state.deploys[0].jobId);
    },
  },
  {
    name: 'lost deploy response, not applied',
    fault: 'connection closed before the response to the deploy POST; no deploy was created',
    operation: 'promote',
    expected:
      'lists deploys three times, finds none, sends the POST once more; exit 0, COMPLETE, one deploy',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({
        method: 'POST',
        path: DEPLOY_CREATE.source,
        drop: 'before-response',
        apply: false,
      });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', DEPLOY_CREATE).length} deploy POSTs`,
    ],
    verify: ({ requests, run, state }) => {
      expect(requestsTo(requests, 'POST', DEPLOY_CREATE)).toHaveLength(2);
      expect(run.outputs['deploy-id']).toBe(state.deploys[0].jobId);
    },
  },
  {
    name: 'deploy body cut, applied',
    fault:
      'connection closed after the status line and headers of the deploy POST response; the deploy was created',
    operation: 'deploy',
    expected: 'treated as a lost response: finds the deploy and waits for it; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({
        method: 'POST',
        path: DEPLOY_CREATE.source,
        drop: 'after-response-headers',
        apply: true,
      });
    },
    describe: ({ run }) => [run.outputs.result ? 'result output set' : 'no outputs at all'],
    verify: ({ run, state }) => {
      expect(run.outputs['deploy-id']).toBe(state.deploys[0].jobId);
    },
  },
  {
    name: 'deploy body cut, not applied',
    fault:
      'connection closed after the status line and headers of the deploy POST response; no deploy was created',
    operation: 'deploy',
    expected: 'finds no deploy and sends the POST once more; exit 0, COMPLETE, one deploy',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({
        method: 'POST',
        path: DEPLOY_CREATE.source,
        drop: 'after-response-headers',
        apply: false,
      });
    },
    describe: ({ run, requests }) => [
      `${requestsTo(requests, 'POST', DEPLOY_CREATE).length} deploy POST`,
      run.outputs.result ? 'result output set' : 'no outputs at all',
    ],
    verify: ({ requests }) => {
      expect(requestsTo(requests, 'POST', DEPLOY_CREATE)).toHaveLength(2);
    },
  },
  {
    name: 'deploy poll body cut',
    fault: 'connection closed after the status line and headers of a deploy status GET response',
    operation: 'deploy',
    expected: 'the GET is retried like a reset; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: DEPLOY_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({
        method: 'GET',
        path: DEPLOY_GET.source,
        drop: 'after-response-headers',
      });
    },
    describe: ({ run, requests }) => [
      `${requestsTo(requests, 'GET', DEPLOY_GET).length} deploy status GETs`,
      run.outputs.result ? 'result output set' : 'no outputs at all',
    ],
    verify: ({ requests }) => {
      expect(requestsTo(requests, 'GET', DEPLOY_GET).length).toBeGreaterThanOrEqual(2);
    },
  },
  {
    name: 'slow upload response',
    fault: `upload POST answered after ${SLOW_UPLOAD_MS / 1000} s`,
    operation: 'upload',
    expected:
      'waits for the answer (the request timeout is 60 s); exit 0, COMPLETE, one upload POST',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'POST', path: UPLOAD_CREATE.source, delayMs: SLOW_UPLOAD_MS });
    },
    describe: ({ requests, state }) => [
      `${requestsTo(requests, 'POST', UPLOAD_CREATE).length} upload POST`,
      `${state.uploads.length} upload in the tenant`,
    ],
    verify: ({ requests, state, elapsedMs }) => {
      expect(requestsTo(requests, 'POST', UPLOAD_CREATE)).toHaveLength(1);
      expect(state.uploads).toHaveLength(1);
      expect(elapsedMs).toBeGreaterThanOrEqual(SLOW_UPLOAD_MS);
    },
  },
];

describeFaultTable('Connection faults', 'connection', cases);
