import {
  type CleanupTenant,
  daysAgo,
  deleteRequests,
  idsInState,
  runCleanup,
  startCleanupTenant,
} from './helpers.js';

// At the tenant's limit of 100 requests per 10 s, 1,000 deletions take about 100 s.
const ITEM_COUNT = 1_000;

let tenant: CleanupTenant;
beforeAll(async () => {
  tenant = await startCleanupTenant();
});
afterAll(async () => {
  await tenant.emulator.stop();
});

describe('cleanup under the rate limit', () => {
  it('deletes 1,000 uploads without a 429', async () => {
    await tenant.control.reset();
    await tenant.control.seed({
      uploads: Array.from({ length: ITEM_COUNT }, (_, i) => ({
        name: `nightly-${i}`,
        status: 'COMPLETE',
        created: daysAgo(10 + i / 100),
      })),
    });

    const outcome = await runCleanup(
      tenant,
      { 'keep-latest': '0', 'max-deletions': String(ITEM_COUNT) },
      { killAfterMs: 200_000 },
    );

    const requests = await tenant.control.requests();
    const rejected = requests.filter((request) => request.status === 429);
    expect(rejected).toHaveLength(0);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.deleted).toBe(String(ITEM_COUNT));
    expect(await idsInState(tenant, 'uploads')).toEqual([]);
    expect(await deleteRequests(tenant)).toHaveLength(ITEM_COUNT);

    // Ten windows' worth of requests must have waited for the limiter.
    const times = requests.map((request) => Date.parse((request as { time?: string }).time ?? ''));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(90_000);
  }, 240_000);
});
