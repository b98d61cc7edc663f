import {
  type CleanupTenant,
  daysAgo,
  deleteRequests,
  idsInState,
  parseIds,
  runCleanup,
  startCleanupTenant,
} from './helpers.js';

let tenant: CleanupTenant;
beforeAll(async () => {
  tenant = await startCleanupTenant();
});
afterAll(async () => {
  await tenant.emulator.stop();
});
beforeEach(async () => {
  await tenant.control.reset();
  await tenant.control.seed({
    uploads: ['u-1', 'u-2', 'u-3', 'u-4'].map((jobId, i) => ({
      jobId,
      name: `nightly-${i + 1}`,
      status: 'COMPLETE',
      created: daysAgo(20 + i),
    })),
  });
});

interface CleanupResult {
  deletedItems: Array<{ id: string; alreadyDeleted: boolean }>;
  failed: Array<{ id: string; httpStatus?: number; error: string }>;
}

function cleanupOf(result: Record<string, unknown> | undefined): CleanupResult {
  return result?.cleanup as CleanupResult;
}

describe('cleanup delete failures end to end', () => {
  it('counts a 404 as deleted', async () => {
    // apply: true deletes the upload first, as if another run had deleted it.
    await tenant.control.fault({
      method: 'DELETE',
      path: '/backups/uploads/u-2$',
      status: 404,
      apply: true,
    });
    const outcome = await runCleanup(tenant, { 'keep-latest': '0' });
    expect(outcome.exitCode).toBe(0);
    expect(parseIds(outcome.outputs['deleted-ids'])).toEqual(['u-1', 'u-2', 'u-3', 'u-4']);
    expect(outcome.outputs.deleted).toBe('4');
    expect(outcome.outputs.message).toBe(
      'Deleted 4 uploads (1 of them were already deleted); kept 0.',
    );
    expect(await idsInState(tenant, 'uploads')).toEqual([]);
    const deleted = cleanupOf(outcome.result).deletedItems;
    expect(deleted.find((item) => item.id === 'u-2')?.alreadyDeleted).toBe(true);
    expect(deleted.filter((item) => item.alreadyDeleted)).toHaveLength(1);
    expect(outcome.stdout).toMatch(
      /^Already deleted \(HTTP 404\), so counted as deleted: upload u-2 "nightly-2"/m,
    );
    expect(outcome.summary).toMatch(/`u-2` \|[^\n]*already deleted \(HTTP 404\)/);
  });

  it('goes on after a 500 and fails', async () => {
    await tenant.control.fault({
      method: 'DELETE',
      path: '/backups/uploads/u-3$',
      status: 500,
      body: {
        detailCode: '500.0 Internal Fault',
        trackingId: 'track-500',
        messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Storage is unavailable.' }],
      },
    });
    const outcome = await runCleanup(tenant, { 'keep-latest': '0' });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('FAILED');
    expect(parseIds(outcome.outputs['deleted-ids'])).toEqual(['u-1', 'u-2', 'u-4']);
    expect(outcome.outputs.deleted).toBe('3');
    expect(await idsInState(tenant, 'uploads')).toEqual(['u-3']);
    const failed = cleanupOf(outcome.result).failed;
    expect(failed.map((item) => item.id)).toEqual(['u-3']);
    expect(failed[0].httpStatus).toBe(500);
    expect(failed[0].error).toContain('Storage is unavailable (detail code');
    expect(failed[0].error).toContain('track-500');
    expect(outcome.outputs.message).toMatch(
      /^Deleted 3 uploads, but 1 of 4 deletions failed: upload u-3 \(HTTP 500\)\. /,
    );
    expect(outcome.stdout).toMatch(/^::error::.*1 of 4 deletions failed/m);
    expect(outcome.stdout).toMatch(
      /^::warning::Failed to delete upload u-3 "nightly-3".*Storage is unavailable/m,
    );
    expect(outcome.summary).toContain('#### Failed (1)');
  });

  it('sends each DELETE once after a 500', async () => {
    await tenant.control.fault({ method: 'DELETE', path: '/backups/uploads/u-3$', status: 500 });
    await runCleanup(tenant, { 'keep-latest': '0' });
    const paths = (await deleteRequests(tenant)).map((request) => request.path);
    expect(paths).toHaveLength(4);
    expect(new Set(paths).size).toBe(4);
  });

  it('retries a 503 and deletes', async () => {
    await tenant.control.fault({ method: 'DELETE', path: '/backups/uploads/u-1$', status: 503 });
    const outcome = await runCleanup(tenant, { 'keep-latest': '0' });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.deleted).toBe('4');
    expect(await idsInState(tenant, 'uploads')).toEqual([]);
  });
});
