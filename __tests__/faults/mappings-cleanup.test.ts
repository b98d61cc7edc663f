import { stringify } from 'yaml';
import { describeFaultTable, type FaultCase, requestsTo } from './harness.js';

const SOURCE_ORG = 'dev-tenant';
const MAPPINGS_PATH = `/object-mappings/${SOURCE_ORG}`;
const BULK_CREATE = /\/bulk-create$/;
const BULK_PATCH = /\/bulk-patch$/;
const MAPPINGS_LIST = new RegExp(`${MAPPINGS_PATH}$`);
const UPLOAD_DELETE = /\/backups\/uploads\/[^/]+$/;

const approvers = {
  objectType: 'GOVERNANCE_GROUP',
  jsonPath: '$.name',
  sourceValue: 'Dev Approvers',
  targetValue: 'Prod Approvers',
  enabled: true,
};
const hrSource = {
  objectType: 'SOURCE',
  jsonPath: '$.name',
  sourceValue: 'HR (dev)',
  targetValue: 'HR (prod)',
  enabled: true,
};

const MAPPINGS_FILE = {
  'mappings.yml': stringify({
    mappings: [approvers, hrSource].map((mapping) => ({ sourceOrg: SOURCE_ORG, ...mapping })),
  }),
};
const SYNC_INPUTS = { 'mappings-file': 'mappings.yml' };
const CLEANUP_INPUTS = { 'keep-latest': '0' };

const oldUploads = ['u-1', 'u-2', 'u-3'].map((jobId, i) => ({
  jobId,
  name: `nightly-${i + 1}`,
  status: 'COMPLETE',
  created: '2026-01-01T00:00:00Z',
}));

const cases: FaultCase[] = [
  {
    name: '503 burst on mapping list',
    fault: '2 × 503 on the object mapping list GET',
    operation: 'sync-mappings',
    expected: 'the GET is retried; exit 0, COMPLETE, both mappings created once',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    workspaceFiles: MAPPINGS_FILE,
    inputs: SYNC_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'GET', path: MAPPINGS_LIST.source, status: 503, count: 2 });
    },
    describe: ({ state }) => [`${state.objectMappings[SOURCE_ORG]?.length ?? 0} mappings`],
    verify: ({ state, requests }) => {
      expect(state.objectMappings[SOURCE_ORG]).toHaveLength(2);
      expect(requestsTo(requests, 'GET', MAPPINGS_LIST, 503)).toHaveLength(2);
    },
  },
  {
    name: '502 on bulk create, applied',
    fault: '502 on the bulk-create POST after the server created the mappings',
    operation: 'sync-mappings',
    expected:
      'not retried (a POST): exit 1, FAILED; the mappings exist once, so the next run finds them unchanged',
    exitCode: 1,
    status: 'FAILED',
    deploys: 0,
    workspaceFiles: MAPPINGS_FILE,
    inputs: SYNC_INPUTS,
    arrange: async ({ control }) => {
      await control.fault({ method: 'POST', path: BULK_CREATE.source, status: 502, apply: true });
    },
    describe: ({ state, requests }) => [
      `${requestsTo(requests, 'POST', BULK_CREATE).length} bulk-create POST`,
      `${state.objectMappings[SOURCE_ORG]?.length ?? 0} mappings`,
    ],
    verify: ({ state, requests, run }) => {
      expect(requestsTo(requests, 'POST', BULK_CREATE)).toHaveLength(1);
      expect(state.objectMappings[SOURCE_ORG]).toHaveLength(2);
      expect(run.outputs.message).toContain('HTTP 502');
    },
  },
  {
    name: 'reset on bulk patch, applied',
    fault: 'connection reset after the server applied the bulk-patch POST',
    operation: 'sync-mappings',
    expected:
      'bulk patch only replaces values, so it is sent again; exit 0, COMPLETE, targetValue updated',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    workspaceFiles: MAPPINGS_FILE,
    inputs: SYNC_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({
        objectMappings: {
          [SOURCE_ORG]: [{ ...approvers, targetValue: 'Old Approvers' }, hrSource],
        },
      });
      await control.fault({
        method: 'POST',
        path: BULK_PATCH.source,
        drop: 'before-response',
        apply: true,
      });
    },
    describe: ({ requests }) => [
      `${requestsTo(requests, 'POST', BULK_PATCH).length} bulk-patch POSTs`,
    ],
    verify: ({ state, requests }) => {
      expect(requestsTo(requests, 'POST', BULK_PATCH)).toHaveLength(2);
      expect(state.objectMappings[SOURCE_ORG].map((m) => m.targetValue).sort()).toEqual([
        'HR (prod)',
        'Prod Approvers',
      ]);
    },
  },
  {
    name: '503 burst on upload delete',
    fault: '2 × 503 on one upload DELETE',
    operation: 'cleanup',
    expected: 'the DELETE is retried; exit 0, COMPLETE, every upload deleted',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    inputs: CLEANUP_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ uploads: oldUploads });
      await control.fault({ method: 'DELETE', path: '/u-2$', status: 503, count: 2 });
    },
    describe: ({ run, state }) => [
      `deleted output ${run.outputs.deleted}`,
      `${state.uploads.length} uploads left`,
    ],
    verify: ({ run, state, requests }) => {
      expect(run.outputs.deleted).toBe('3');
      expect(state.uploads).toEqual([]);
      expect(requestsTo(requests, 'DELETE', UPLOAD_DELETE, 503)).toHaveLength(2);
    },
  },
  {
    name: 'reset on upload delete, applied',
    fault: 'connection reset after the server deleted an upload',
    operation: 'cleanup',
    expected:
      'the DELETE is sent again, gets 404 and counts as deleted; exit 0, COMPLETE, deleted 3',
    exitCode: 0,
    status: 'COMPLETE',
    deploys: 0,
    inputs: CLEANUP_INPUTS,
    arrange: async ({ control }) => {
      await control.seed({ uploads: oldUploads });
      await control.fault({
        method: 'DELETE',
        path: '/u-1$',
        drop: 'before-response',
        apply: true,
      });
    },
    describe: ({ run, requests }) => [
      `deleted output ${run.outputs.deleted}`,
      `${requestsTo(requests, 'DELETE', /\/u-1$/, 404).length} × 404 counted as deleted`,
    ],
    verify: ({ run, state, requests }) => {
      expect(run.outputs.deleted).toBe('3');
      expect(state.uploads).toEqual([]);
      expect(requestsTo(requests, 'DELETE', /\/u-1$/, 404)).toHaveLength(1);
    },
  },
];

describeFaultTable('Mapping sync and cleanup', 'mappings-cleanup', cases);
