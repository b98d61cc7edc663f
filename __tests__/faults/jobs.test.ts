import {
  describeFaultTable,
  type FaultCase,
  READY_DRAFT,
  requestsTo,
  type TenantState,
  whenState,
} from './harness.js';

const UPLOAD_INPUTS = { 'config-path': 'valid.sp-config.json' };
const DEPLOY_CREATE = /\/deploys$/;
const TOKEN = /^\/oauth\/token$/;
const DEPLOY_FAILURE = 'Identity profile Employees: owner not found in target';

// Set by the SIGTERM case when it signals the Action, and read back by its checks.
let signalledAt = 0;

const draftExists = (state: TenantState) => state.drafts.length > 0;

const cases: FaultCase[] = [
  {
    name: 'deploy ends FAILED',
    fault: 'the deploy ends FAILED with a message',
    operation: 'promote',
    expected: 'exit 1, FAILED, the server message in the message output, deploy-id output set',
    exitCode: 1,
    status: 'FAILED',
    deploys: 1,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.nextJob('deploy', 'FAILED', DEPLOY_FAILURE);
    },
    describe: ({ run }) => [
      run.outputs.message?.includes(DEPLOY_FAILURE)
        ? 'server message shown'
        : 'server message missing',
    ],
    verify: ({ run, state }) => {
      expect(run.outputs.message).toContain(DEPLOY_FAILURE);
      expect(run.outputs['deploy-id']).toBe(state.deploys[0].jobId);
      expect(state.scheduledActions).toEqual([]);
    },
  },
  {
    name: 'draft ends CANCELLED',
    fault: 'the draft ends CANCELLED',
    operation: 'promote',
    expected:
      'no deploy is made from it: exit 1, status CANCELLED (the last job), the scheduled action deleted',
    exitCode: 1,
    status: 'CANCELLED',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.nextJob('draft', 'CANCELLED', 'Cancelled by an administrator');
    },
    describe: ({ state }) => [`${state.scheduledActions.length} scheduled actions left`],
    verify: ({ run, state }) => {
      expect(run.outputs.message).toContain('ended CANCELLED');
      expect(run.outputs['draft-id']).toBe(state.drafts[0].jobId);
      expect(state.scheduledActions).toEqual([]);
    },
  },
  {
    name: 'draft never ends',
    fault: 'the draft stays IN_PROGRESS; timeout input 3s',
    operation: 'promote',
    expected:
      'exit 1, TIMED_OUT after about 3 s, message says how to resume; no deploy; the scheduled action deleted',
    exitCode: 1,
    status: 'TIMED_OUT',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: { ...UPLOAD_INPUTS, timeout: '3s' },
    arrange: async ({ control }) => {
      await control.nextJob('draft', 'NEVER_FINISH');
    },
    describe: ({ state, elapsedMs }) => [
      elapsedMs < 8_000 ? 'stopped within 8 s' : 'ran past 8 s',
      `${state.scheduledActions.length} scheduled actions left`,
    ],
    verify: ({ run, state, elapsedMs }) => {
      expect(run.outputs.message).toContain('run the deploy operation with its id in draft-id');
      expect(elapsedMs).toBeGreaterThanOrEqual(3_000);
      expect(elapsedMs).toBeLessThan(8_000);
      expect(state.scheduledActions).toEqual([]);
    },
  },
  {
    name: 'token expiry during draft wait',
    fault: 'every token expires while the Action waits for the draft',
    operation: 'promote',
    expected: 'one 401, one new token, the wait goes on; exit 0, COMPLETE',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      await control.settings({ durations: { draftMs: 1_500 } });
    },
    onStart: (tenant) => whenState(tenant, draftExists, () => tenant.control.expireTokens()),
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', TOKEN).length} token requests`,
      `${requests.filter((r) => r.status === 401).length} × 401`,
    ],
    verify: ({ requests }) => {
      expect(requestsTo(requests, 'POST', TOKEN)).toHaveLength(2);
      expect(requests.filter((r) => r.status === 401)).toHaveLength(1);
    },
  },
  {
    name: '401 on deploy create',
    fault: '401 on the deploy POST (token rejected)',
    operation: 'deploy',
    expected: 'fetches a new token and sends the POST once more; exit 0, COMPLETE, one deploy',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 1,
    inputs: { 'draft-id': READY_DRAFT.jobId },
    arrange: async ({ control }) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({ method: 'POST', path: DEPLOY_CREATE.source, status: 401 });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', TOKEN).length} token requests`,
      `${requestsTo(requests, 'POST', DEPLOY_CREATE).length} deploy POSTs`,
    ],
    verify: ({ requests }) => {
      expect(requestsTo(requests, 'POST', TOKEN)).toHaveLength(2);
      expect(requestsTo(requests, 'POST', DEPLOY_CREATE).map((r) => r.status)).toEqual([401, 202]);
    },
  },
  {
    name: 'SIGTERM during draft wait',
    fault: 'SIGTERM while the Action waits for the draft',
    operation: 'promote',
    expected:
      'stops within 5 s: exit 1, CANCELLED, upload-id output set; the scheduled action deleted; no deploy',
    exitCode: 1,
    status: 'CANCELLED',
    deploys: 0,
    files: ['valid.sp-config.json'],
    inputs: UPLOAD_INPUTS,
    arrange: async ({ control }) => {
      signalledAt = 0;
      await control.nextJob('draft', 'NEVER_FINISH');
    },
    onStart: (tenant, child) =>
      whenState(tenant, draftExists, () => {
        signalledAt = Date.now();
        child.kill('SIGTERM');
      }),
    describe: ({ state, exitedAt }) => [
      signalledAt > 0 && exitedAt - signalledAt < 5_000 ? 'stopped within 5 s' : 'slow to stop',
      `${state.scheduledActions.length} scheduled actions left`,
    ],
    verify: ({ run, state, exitedAt }) => {
      expect(signalledAt).toBeGreaterThan(0);
      expect(exitedAt - signalledAt).toBeLessThan(5_000);
      expect(run.outputs['upload-id']).toBe(state.uploads[0].jobId);
      expect(run.outputs.message).toContain('cancelled');
      expect(state.scheduledActions).toEqual([]);
    },
  },
];

describeFaultTable('Jobs, tokens and cancellation', 'jobs', cases);
