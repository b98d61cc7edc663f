import {
  apiRequests,
  comparable,
  forSeed,
  manyMappings,
  type MappingTenant,
  runSync,
  startMappingTenant,
  storedMappings,
  workspaceWithMappings,
} from './helpers.js';

const COUNT = 1000;

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

/** Counts API requests by method and last path segment, such as "POST bulk-create". */
async function requestCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const request of await apiRequests(tenant)) {
    const last = request.path.split('/').pop() as string;
    const kind = `${request.method} ${['bulk-create', 'bulk-patch'].includes(last) ? last : 'mapping'}`;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

describe('sync-mappings with 1,000 mappings', () => {
  it('fills an empty org in 41 requests', async () => {
    const mappings = manyMappings(COUNT, 'dev-tenant');
    const workspace = await workspaceWithMappings(mappings);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.created).toBe(String(COUNT));
    const requests = await apiRequests(tenant);
    expect(requests.length).toBeLessThanOrEqual(41);
    expect(await requestCounts()).toEqual({ 'GET mapping': 1, 'POST bulk-create': 40 });
    expect(requests.every((r) => r.status === 200)).toBe(true);
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(comparable(mappings));
  });

  it('patches 10% changed in 3 requests', async () => {
    const mappings = manyMappings(COUNT, 'dev-tenant');
    await tenant.control.seed({ objectMappings: { 'dev-tenant': forSeed(mappings) } });
    const changed = mappings.map((mapping, index) =>
      index % 10 === 0 ? { ...mapping, targetValue: `${mapping.targetValue} (new)` } : mapping,
    );
    const workspace = await workspaceWithMappings(changed);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.updated).toBe('100');
    expect(outcome.outputs.unchanged).toBe('900');
    expect(await requestCounts()).toEqual({ 'GET mapping': 1, 'POST bulk-patch': 2 });
    expect(comparable(await storedMappings(tenant, 'dev-tenant'))).toEqual(comparable(changed));
  });

  it('only lists when unchanged', async () => {
    const mappings = manyMappings(COUNT, 'dev-tenant');
    await tenant.control.seed({ objectMappings: { 'dev-tenant': forSeed(mappings) } });
    const workspace = await workspaceWithMappings(mappings);

    const outcome = await runSync(tenant, workspace);

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.unchanged).toBe(String(COUNT));
    expect(await requestCounts()).toEqual({ 'GET mapping': 1 });
  });

  it('keeps the report and summary bounded', async () => {
    const workspace = await workspaceWithMappings(manyMappings(COUNT, 'dev-tenant'));

    const outcome = await runSync(tenant, workspace, { 'dry-run': 'true' });

    expect(outcome.exitCode).toBe(0);
    const report = (outcome.result as { mappingSync: { plan: unknown[]; omittedItems: number } })
      .mappingSync;
    expect(report.plan).toHaveLength(500);
    expect(report.omittedItems).toBe(500);
    expect(outcome.summary).toContain('500 more changes are not shown');
  });
});
