import { annotations } from '../helpers/action-runner.js';
import {
  apiRequests,
  comparable,
  type MappingTenant,
  runSync,
  startMappingTenant,
  storedMappings,
  type TestMapping,
  workspaceWithFile,
  workspaceWithMappings,
  writeRequests,
} from './helpers.js';

const API = '/v2024/configuration-hub/object-mappings';

const approvers: TestMapping = {
  objectType: 'GOVERNANCE_GROUP',
  jsonPath: '$.name',
  sourceValue: 'Dev Approvers',
  targetValue: 'Prod Approvers',
  enabled: true,
};
const hrSource: TestMapping = {
  objectType: 'SOURCE',
  jsonPath: '$.name',
  sourceValue: 'HR (dev)',
  targetValue: 'HR (prod)',
  enabled: true,
};
const adminRole: TestMapping = {
  objectType: 'ROLE',
  jsonPath: '$.owner.name',
  sourceValue: 'dev.admin',
  targetValue: 'prod.admin',
  enabled: false,
};

let tenant: MappingTenant;
beforeAll(async () => {
  tenant = await startMappingTenant();
});
afterAll(async () => {
  await tenant.emulator.stop();
});
beforeEach(async () => {
  await tenant.control.reset();
});

function withOrg(mappings: TestMapping[], sourceOrg: string): TestMapping[] {
  return mappings.map((mapping) => ({ sourceOrg, ...mapping }));
}

describe('sync-mappings end to end', () => {
  it('creates every mapping in an empty org', async () => {
    const workspace = await workspaceWithMappings(
      withOrg([approvers, hrSource, adminRole], 'dev-tenant'),
    );

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    expect(outcome.outputs.created).toBe('3');
    expect(outcome.outputs.updated).toBe('0');
    expect(outcome.outputs.deleted).toBe('0');
    expect(outcome.outputs.unchanged).toBe('0');
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(
      comparable([approvers, hrSource, adminRole]),
    );
    const requests = await apiRequests(tenant);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${API}/dev-tenant`,
      `POST ${API}/dev-tenant/bulk-create`,
    ]);
  });

  it('defaults enabled to true and sourceOrg to the input', async () => {
    const { enabled: _enabled, ...withoutEnabled } = approvers;
    const workspace = await workspaceWithMappings([withoutEnabled]);

    const outcome = await runSync(tenant, workspace, { 'source-org': 'dev-tenant' });

    expect(outcome.exitCode).toBe(0);
    const stored = await storedMappings(tenant, 'dev-tenant');
    expect(stored).toHaveLength(1);
    expect(stored[0].enabled).toBe(true);
  });

  it('uses the default org without a source-org input', async () => {
    const workspace = await workspaceWithMappings([approvers]);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(await storedMappings(tenant, 'default')).toHaveLength(1);
  });

  it('makes no write when all are present', async () => {
    await tenant.control.seed({
      objectMappings: { 'dev-tenant': [approvers, hrSource, adminRole] },
    });
    const workspace = await workspaceWithMappings(
      withOrg([approvers, hrSource, adminRole], 'dev-tenant'),
    );

    const outcome = await runSync(tenant, workspace, { prune: 'true' });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.unchanged).toBe('3');
    expect(outcome.outputs.created).toBe('0');
    expect(await writeRequests(tenant)).toEqual([]);
    // The source-org input is "default" here, so prune lists that org too.
    expect((await apiRequests(tenant)).map((r) => r.path)).toEqual([
      `${API}/dev-tenant`,
      `${API}/default`,
    ]);
  });

  it('creates, updates and deletes in one run', async () => {
    const stale = { ...hrSource, targetValue: 'HR (old)' };
    const retired = { ...adminRole, sourceValue: 'retired.admin' };
    await tenant.control.seed({ objectMappings: { 'dev-tenant': [approvers, stale, retired] } });
    const workspace = await workspaceWithMappings([approvers, hrSource, adminRole]);

    const outcome = await runSync(tenant, workspace, {
      'source-org': 'dev-tenant',
      prune: 'true',
      'max-deletions': '1',
    });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.created).toBe('1');
    expect(outcome.outputs.updated).toBe('1');
    expect(outcome.outputs.deleted).toBe('1');
    expect(outcome.outputs.unchanged).toBe('1');
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(
      comparable([approvers, hrSource, adminRole]),
    );
    const writes = (await writeRequests(tenant)).map(
      (r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}$/, 'ID')}`,
    );
    expect(writes).toEqual([
      `POST ${API}/dev-tenant/bulk-create`,
      `POST ${API}/dev-tenant/bulk-patch`,
      `DELETE ${API}/dev-tenant/ID`,
    ]);
    expect(outcome.summary).toMatch(/^\| create \| dev\\?-tenant \| ROLE \|/m);
    expect(outcome.summary).toMatch(/HR \\?\(old\\?\) → HR \\?\(prod\\?\)/);
  });

  it('flips enabled with one patch operation', async () => {
    await tenant.control.seed({
      objectMappings: { 'dev-tenant': [{ ...approvers, enabled: false }] },
    });
    const [seeded] = await storedMappings(tenant, 'dev-tenant');
    const workspace = await workspaceWithMappings(withOrg([approvers], 'dev-tenant'));

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.updated).toBe('1');
    const writes = await writeRequests(tenant);
    expect(writes).toHaveLength(1);
    expect(writes[0].body).toEqual({
      patches: { [seeded.objectMappingId]: [{ op: 'replace', path: '/enabled', value: true }] },
    });
    expect((await storedMappings(tenant, 'dev-tenant'))[0].enabled).toBe(true);
  });

  it('patches a changed targetValue in place', async () => {
    await tenant.control.seed({
      objectMappings: { 'dev-tenant': [{ ...approvers, targetValue: 'Old' }] },
    });
    const [seeded] = await storedMappings(tenant, 'dev-tenant');
    const workspace = await workspaceWithMappings(withOrg([approvers], 'dev-tenant'));

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    const writes = await writeRequests(tenant);
    expect(writes).toHaveLength(1);
    expect(writes[0].body).toEqual({
      patches: {
        [seeded.objectMappingId]: [
          { op: 'replace', path: '/targetValue', value: 'Prod Approvers' },
        ],
      },
    });
    const stored = await storedMappings(tenant, 'dev-tenant');
    expect(stored[0].objectMappingId).toBe(seeded.objectMappingId);
    expect(stored[0].targetValue).toBe('Prod Approvers');
  });

  it('replaces a mapping whose jsonPath changed', async () => {
    await tenant.control.seed({ objectMappings: { 'dev-tenant': [approvers] } });
    const [seeded] = await storedMappings(tenant, 'dev-tenant');
    const moved = { ...approvers, jsonPath: '$.displayName' };
    const workspace = await workspaceWithMappings([moved]);

    const outcome = await runSync(tenant, workspace, {
      'source-org': 'dev-tenant',
      prune: 'true',
      'max-deletions': '1',
    });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.created).toBe('1');
    expect(outcome.outputs.deleted).toBe('1');
    const stored = await storedMappings(tenant, 'dev-tenant');
    expect(comparable(stored)).toEqual(comparable([moved]));
    expect(stored[0].objectMappingId).not.toBe(seeded.objectMappingId);
  });

  it('keeps the old identity without prune', async () => {
    await tenant.control.seed({ objectMappings: { 'dev-tenant': [approvers] } });
    const moved = { ...approvers, jsonPath: '$.displayName' };
    const workspace = await workspaceWithMappings(withOrg([moved], 'dev-tenant'));

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.deleted).toBe('0');
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(
      comparable([approvers, moved]),
    );
  });

  it('deletes extra server duplicates with prune', async () => {
    await tenant.control.seed({
      objectMappings: {
        'dev-tenant': [{ ...approvers, targetValue: 'Wrong' }, approvers, approvers],
      },
    });
    const workspace = await workspaceWithMappings(withOrg([approvers], 'dev-tenant'));

    const outcome = await runSync(tenant, workspace, {
      'source-org': 'dev-tenant',
      prune: 'true',
      'max-deletions': '2',
    });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.unchanged).toBe('1');
    expect(outcome.outputs.deleted).toBe('2');
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(comparable([approvers]));
    expect((await writeRequests(tenant)).every((r) => r.method === 'DELETE')).toBe(true);
  });

  it('fails before any write over max-deletions', async () => {
    const extras = [hrSource, adminRole, { ...approvers, sourceValue: 'Other' }];
    await tenant.control.seed({ objectMappings: { 'dev-tenant': [approvers, ...extras] } });
    const workspace = await workspaceWithMappings([approvers, { ...hrSource, sourceValue: 'New' }]);

    const outcome = await runSync(tenant, workspace, {
      'source-org': 'dev-tenant',
      prune: 'true',
      'max-deletions': '2',
    });

    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('FAILED');
    expect(outcome.outputs.message).toContain(
      'deletes 3 object mappings, more than max-deletions (2)',
    );
    expect(outcome.outputs.message).toContain('"HR (dev)"');
    expect(outcome.outputs.message).toContain('"dev.admin"');
    expect(outcome.outputs.message).toContain('"Other"');
    expect(await writeRequests(tenant)).toEqual([]);
    expect(await storedMappings(tenant, 'dev-tenant')).toHaveLength(4);
  });

  it('changes nothing in a dry run', async () => {
    await tenant.control.seed({
      objectMappings: { 'dev-tenant': [{ ...approvers, enabled: false }, hrSource] },
    });
    const workspace = await workspaceWithMappings([approvers, adminRole]);

    const outcome = await runSync(tenant, workspace, {
      'source-org': 'dev-tenant',
      prune: 'true',
      'max-deletions': '5',
      'dry-run': 'true',
    });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    expect(outcome.outputs.created).toBe('0');
    expect(await writeRequests(tenant)).toEqual([]);
    const report = (outcome.result as { mappingSync: { planned: unknown } }).mappingSync;
    expect(report.planned).toEqual({ create: 1, update: 1, delete: 1 });
    expect(outcome.summary).toContain('Would create 1, update 1 and delete 1');
    expect(outcome.summary).toMatch(/^\| delete \| dev\\?-tenant \| SOURCE \|/m);
    expect(outcome.stdout).toContain(
      'create ROLE $.owner.name "dev.admin" -> "prod.admin", enabled false',
    );
  });

  it('reports duplicate and invalid entries without a request', async () => {
    const text = [
      'mappings:',
      '  - objectType: GOVERNANCE_GROUP',
      '    jsonPath: $.name',
      '    sourceValue: Dev Approvers',
      '    targetValue: Prod Approvers',
      '  - objectType: GOVERNANCE_GROUP',
      '    jsonPath: $.name',
      '    sourceValue: Dev Approvers',
      '    targetValue: Other',
      '  - objectType: GOVERNANCE_GRUOP',
      '    jsonPath: name',
      '    sourceValue: X',
      '    targetValue: Y',
      '    enabeld: true',
      '',
    ].join('\n');
    const workspace = await workspaceWithFile('mappings.yml', text);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(1);
    const errors = annotations(outcome.stdout).filter(
      (a) => a.kind === 'error' && a.properties.includes('file=mappings.yml'),
    );
    const lines = errors.map((a) => /line=(\d+)/.exec(a.properties)?.[1]);
    expect(lines).toEqual(['6', '10', '11', '14']);
    expect(errors[0].message).toContain('lines 2 and 6');
    expect(errors[1].message).toContain('Did you mean GOVERNANCE_GROUP?');
    expect(errors[3].message).toContain('probably a typo of enabled');
    expect(await tenant.control.requests()).toEqual([]);
  });

  it('rejects an unsupported file extension', async () => {
    const workspace = await workspaceWithFile('mappings.txt', 'mappings: []\n');

    const outcome = await runSync(tenant, workspace, { 'mappings-file': 'mappings.txt' });

    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('INVALID_INPUT');
    expect(outcome.outputs.message).toContain('mappings-file is "mappings.txt"');
    expect(await tenant.control.requests()).toEqual([]);
  });

  it('stops on a failed create chunk and converges on a re-run', async () => {
    const mappings = Array.from({ length: 60 }, (_, index) => ({
      ...approvers,
      sourceValue: `Group ${index}`,
    }));
    const workspace = await workspaceWithMappings(withOrg(mappings, 'dev-tenant'));
    // The first fault lets chunk 1 through unchanged, so the second one hits chunk 2.
    await tenant.control.fault({ method: 'POST', path: 'bulk-create$', count: 1 });
    await tenant.control.fault({ method: 'POST', path: 'bulk-create$', count: 1, status: 500 });

    const failed = await runSync(tenant, workspace);

    expect(failed.exitCode).toBe(1);
    expect(failed.outputs.status).toBe('FAILED');
    expect(failed.outputs.created).toBe('25');
    expect(failed.outputs.message).toContain(
      'Bulk create 2 of 3 (25 mappings) in source org dev-tenant failed',
    );
    expect(failed.outputs.message).toContain('Not applied: 10 changes');
    const report = (failed.result as { mappingSync: { plan: Array<{ result: string }> } })
      .mappingSync;
    const results = report.plan.map((item) => item.result);
    expect(results.filter((r) => r === 'applied')).toHaveLength(25);
    expect(results.filter((r) => r === 'failed')).toHaveLength(25);
    expect(results.filter((r) => r === 'not applied')).toHaveLength(10);
    expect(await writeRequests(tenant)).toHaveLength(2);
    expect(await storedMappings(tenant, 'dev-tenant')).toHaveLength(25);

    const rerun = await runSync(tenant, workspace);

    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs.created).toBe('35');
    expect(rerun.outputs.unchanged).toBe('25');
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(comparable(mappings));
  });

  it('lists only on a second unchanged run', async () => {
    const workspace = await workspaceWithMappings(withOrg([approvers, hrSource], 'dev-tenant'));
    const first = await runSync(tenant, workspace);
    expect(first.exitCode).toBe(0);
    await tenant.control.call('DELETE', 'requests');

    const second = await runSync(tenant, workspace);

    expect(second.exitCode).toBe(0);
    expect(second.outputs.unchanged).toBe('2');
    expect((await apiRequests(tenant)).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${API}/dev-tenant`,
    ]);
  });

  it('plans each source org in its own group', async () => {
    const workspace = await workspaceWithMappings([
      { sourceOrg: 'dev-tenant', ...approvers },
      { sourceOrg: 'test-tenant', ...hrSource },
    ]);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toContain('::group::Plan source org dev-tenant');
    expect(outcome.stdout).toContain('::group::Plan source org test-tenant');
    expect(await storedMappings(tenant, 'dev-tenant')).toHaveLength(1);
    expect(await storedMappings(tenant, 'test-tenant')).toHaveLength(1);
  });

  it('escapes Markdown in summary values', async () => {
    const workspace = await workspaceWithMappings([
      { ...approvers, sourceValue: 'a|b <script>', targetValue: '**bold**' },
    ]);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.summary).toContain('a\\|b &lt;script&gt;');
    expect(outcome.summary).toContain('\\*\\*bold\\*\\*');
    expect(outcome.summary).not.toContain('<script>');
  });
});

describe('sync-mappings with a JSON file', () => {
  it('reads mappings from JSON', async () => {
    const workspace = await workspaceWithFile(
      'mappings.json',
      JSON.stringify({ mappings: [approvers] }),
    );

    const outcome = await runSync(tenant, workspace, { 'mappings-file': 'mappings.json' });

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.created).toBe('1');
    expect(comparable(await storedMappings(tenant, 'default'))).toEqual(comparable([approvers]));
  });
});
