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
});

interface KeptEntry {
  id: string;
  reasons: Array<{ code: string; message: string }>;
}

function keptCodes(result: Record<string, unknown> | undefined): Record<string, string[]> {
  const kept = (result?.cleanup as { kept: KeptEntry[] }).kept;
  return Object.fromEntries(kept.map((item) => [item.id, item.reasons.map((r) => r.code)]));
}

/** Seeds one unprotected item per target and one item for each kind of protection. */
async function seedProtectedTenant(): Promise<void> {
  const old = daysAgo(60);
  await tenant.control.seed({
    uploads: [
      { jobId: 'u-plain', status: 'COMPLETE', created: old },
      { jobId: 'u-this-run', status: 'COMPLETE', created: old },
      { jobId: 'u-running', status: 'IN_PROGRESS', created: old },
      { jobId: 'u-queued', status: 'NOT_STARTED', created: old },
      { jobId: 'u-no-date', status: 'COMPLETE', created: null },
      { jobId: 'u-bad-date', status: 'COMPLETE', created: 'last Tuesday' },
      { jobId: 'u-locked', status: 'COMPLETE', created: old, userCanDelete: false },
    ],
    backups: [
      { jobId: 'b-plain', status: 'COMPLETE', created: old },
      { jobId: 'b-automated', status: 'COMPLETE', created: old, userCanDelete: false },
    ],
    drafts: [
      { jobId: 'd-plain', status: 'COMPLETE', created: old },
      { jobId: 'd-deployed', status: 'COMPLETE', created: old },
      { jobId: 'd-deploying', status: 'COMPLETE', created: old },
      { jobId: 'd-deploy-queued', status: 'COMPLETE', created: old },
      { jobId: 'd-this-run', status: 'COMPLETE', created: old },
    ],
    deploys: [
      { jobId: 'dep-done', draftId: 'd-deployed', status: 'COMPLETE', created: old },
      { jobId: 'dep-running', draftId: 'd-deploying', status: 'IN_PROGRESS', created: old },
      { jobId: 'dep-queued', draftId: 'd-deploy-queued', status: 'NOT_STARTED', created: old },
    ],
  });
}

const PERMISSIVE = {
  'cleanup-targets': 'uploads,backups,drafts',
  'keep-latest': '0',
  'protect-ids': 'u-this-run,d-this-run',
};

describe('cleanup protections end to end', () => {
  it('deletes only unprotected items', async () => {
    await seedProtectedTenant();
    const outcome = await runCleanup(tenant, PERMISSIVE);
    expect(outcome.exitCode).toBe(0);
    expect(parseIds(outcome.outputs['deleted-ids'])).toEqual([
      'b-plain',
      'd-deployed',
      'd-plain',
      'u-plain',
    ]);
    expect(await idsInState(tenant, 'uploads')).toEqual([
      'u-bad-date',
      'u-locked',
      'u-no-date',
      'u-queued',
      'u-running',
      'u-this-run',
    ]);
    expect(await idsInState(tenant, 'backups')).toEqual(['b-automated']);
    expect(await idsInState(tenant, 'drafts')).toEqual([
      'd-deploy-queued',
      'd-deploying',
      'd-this-run',
    ]);
  });

  it('sends no DELETE for a protected item', async () => {
    await seedProtectedTenant();
    await runCleanup(tenant, PERMISSIVE);
    const paths = (await deleteRequests(tenant)).map((request) => request.path).sort();
    expect(paths).toEqual([
      '/v2024/configuration-hub/backups/b-plain',
      '/v2024/configuration-hub/backups/uploads/u-plain',
      '/v2024/configuration-hub/drafts/d-deployed',
      '/v2024/configuration-hub/drafts/d-plain',
    ]);
  });

  it('gives each kept item its protection', async () => {
    await seedProtectedTenant();
    const codes = keptCodes((await runCleanup(tenant, PERMISSIVE)).result);
    expect(codes['u-this-run']).toEqual(['protected-id']);
    expect(codes['d-this-run']).toEqual(['protected-id']);
    expect(codes['u-running']).toEqual(['job-running']);
    expect(codes['u-queued']).toEqual(['job-running']);
    expect(codes['u-no-date']).toEqual(['no-created-date']);
    expect(codes['u-bad-date']).toEqual(['no-created-date']);
    expect(codes['u-locked']).toEqual(['user-cannot-delete']);
    expect(codes['b-automated']).toEqual(['user-cannot-delete']);
    expect(codes['d-deploying']).toEqual(['draft-in-deploy']);
    expect(codes['d-deploy-queued']).toEqual(['draft-in-deploy']);
  });

  it('explains each kept item in the summary', async () => {
    await seedProtectedTenant();
    const { summary } = await runCleanup(tenant, PERMISSIVE);
    expect(summary).toContain('#### Kept (10)');
    expect(summary).toMatch(/`d-deploying` \|[^\n]*deploy dep-running, which is in progress/);
    expect(summary).toMatch(/`u-no-date` \|[^\n]*created date is missing/);
    expect(summary).toMatch(/`u-bad-date` \|[^\n]*last Tuesday/);
    expect(summary).toMatch(/`u-this-run` \|[^\n]*protect-ids/);
  });
});

describe('cleanup budget end to end', () => {
  async function seedOldUploads(count: number): Promise<void> {
    await tenant.control.seed({
      uploads: Array.from({ length: count }, (_, i) => ({
        jobId: `old-${String(i).padStart(2, '0')}`,
        name: `nightly-${i}`,
        status: 'COMPLETE',
        created: daysAgo(30 + i),
      })),
    });
  }

  it('deletes nothing over max-deletions', async () => {
    await seedOldUploads(12);
    const outcome = await runCleanup(tenant, { 'keep-latest': '0' });
    expect(outcome.exitCode).toBe(1);
    expect(await deleteRequests(tenant)).toEqual([]);
    expect(await idsInState(tenant, 'uploads')).toHaveLength(12);
    expect(outcome.outputs.status).toBe('FAILED');
    expect(outcome.outputs.deleted).toBe('0');
    expect(outcome.outputs.message).toContain('more than max-deletions (10)');
    expect(outcome.stdout).toMatch(/^::error::.*12 items match for deletion/m);
    expect(outcome.stdout).toMatch(/^Selected upload old-11 "nightly-11" \(age 41 d\)\.$/m);
  });

  it('lists the over-budget items', async () => {
    await seedOldUploads(12);
    const outcome = await runCleanup(tenant, { 'keep-latest': '0', 'max-deletions': '3' });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.summary).toContain('#### Selected but not deleted (12)');
    expect(await deleteRequests(tenant)).toEqual([]);
  });

  it('max-deletions 0 deletes nothing', async () => {
    await seedOldUploads(1);
    const outcome = await runCleanup(tenant, { 'keep-latest': '0', 'max-deletions': '0' });
    expect(outcome.exitCode).toBe(1);
    expect(await deleteRequests(tenant)).toEqual([]);
  });

  it('deletes exactly max-deletions', async () => {
    await seedOldUploads(10);
    const outcome = await runCleanup(tenant, { 'keep-latest': '0' });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.deleted).toBe('10');
    expect(await idsInState(tenant, 'uploads')).toEqual([]);
  });

  it('fails and deletes nothing when deploys cannot be listed', async () => {
    await seedProtectedTenant();
    await tenant.control.fault({ method: 'GET', path: '/deploys$', status: 403 });
    const outcome = await runCleanup(tenant, PERMISSIVE);
    expect(outcome.exitCode).toBe(1);
    expect(await deleteRequests(tenant)).toEqual([]);
    expect(outcome.outputs.message).toContain('could not list deploys, so nothing was deleted');
  });
});

describe('cleanup dry run end to end', () => {
  it('writes nothing', async () => {
    await seedProtectedTenant();
    const outcome = await runCleanup(tenant, { ...PERMISSIVE, 'dry-run': 'true' });
    expect(outcome.exitCode).toBe(0);
    expect(await tenant.control.writes()).toEqual([]);
    expect(await idsInState(tenant, 'uploads')).toHaveLength(7);
    expect(await idsInState(tenant, 'drafts')).toHaveLength(5);
  });

  it('reports what it would delete', async () => {
    await seedProtectedTenant();
    const outcome = await runCleanup(tenant, { ...PERMISSIVE, 'dry-run': 'true' });
    expect(outcome.outputs.deleted).toBe('0');
    expect(outcome.outputs['deleted-ids']).toBe('[]');
    expect(outcome.outputs.message).toBe(
      'Dry run: would delete 1 upload, 1 backup, 2 drafts and keep 10.',
    );
    expect(outcome.summary).toContain('### Cleanup (dry run: nothing was deleted)');
    expect(outcome.summary).toContain('#### Would delete (4)');
    expect(outcome.summary).toContain('#### Kept (10)');
    expect(outcome.stdout).toMatch(/^Would delete upload u-plain "Seeded upload" \(age 60 d\)\.$/m);
    expect(outcome.stdout).toMatch(/^Keeping upload u-running .*IN_PROGRESS/m);
  });

  it('warns but passes over budget', async () => {
    await tenant.control.seed({
      uploads: Array.from({ length: 4 }, () => ({ status: 'COMPLETE', created: daysAgo(20) })),
    });
    const outcome = await runCleanup(tenant, {
      'keep-latest': '0',
      'max-deletions': '2',
      'dry-run': 'true',
    });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toMatch(/^::warning::.*A real run would fail: 4 items match/m);
    expect(await tenant.control.writes()).toEqual([]);
  });
});
