import {
  type CleanupTenant,
  daysAgo,
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

const UPLOADS = [
  { jobId: 'r-30', name: 'release-30', status: 'COMPLETE', days: 30 },
  { jobId: 'n-20', name: 'nightly-20', status: 'COMPLETE', days: 20 },
  { jobId: 'n-10', name: 'nightly-10', status: 'FAILED', days: 10 },
  { jobId: 'n-2', name: 'nightly-2', status: 'CANCELLED', days: 2 },
  { jobId: 'r-1', name: 'release-1', status: 'COMPLETE', days: 1 },
];
const ALL_UPLOAD_IDS = UPLOADS.map((upload) => upload.jobId).sort();

beforeEach(async () => {
  await tenant.control.reset();
  await tenant.control.seed({
    uploads: UPLOADS.map(({ days, ...upload }) => ({ ...upload, created: daysAgo(days) })),
  });
});

/** Runs a cleanup of uploads and checks that exactly `expected` were deleted. */
async function expectDeleted(inputs: Record<string, string>, expected: string[]) {
  const outcome = await runCleanup(tenant, inputs);
  expect(outcome.exitCode).toBe(0);
  expect(outcome.outputs.status).toBe('COMPLETE');
  expect(parseIds(outcome.outputs['deleted-ids'])).toEqual([...expected].sort());
  expect(outcome.outputs.deleted).toBe(String(expected.length));
  expect(await idsInState(tenant, 'uploads')).toEqual(
    ALL_UPLOAD_IDS.filter((id) => !expected.includes(id)),
  );
  return outcome;
}

describe('cleanup filters end to end', () => {
  it('older-than alone', async () => {
    await expectDeleted({ 'keep-latest': '0', 'older-than': '14d' }, ['r-30', 'n-20']);
  });

  it('name-pattern alone', async () => {
    await expectDeleted({ 'keep-latest': '0', 'name-pattern': 'nightly-*' }, [
      'n-20',
      'n-10',
      'n-2',
    ]);
  });

  it('statuses alone', async () => {
    await expectDeleted({ 'keep-latest': '0', statuses: 'FAILED,CANCELLED' }, ['n-10', 'n-2']);
  });

  it('all filters combined', async () => {
    const outcome = await expectDeleted(
      {
        'keep-latest': '0',
        'older-than': '5d',
        'name-pattern': 'nightly-*',
        statuses: 'COMPLETE,FAILED',
      },
      ['n-20', 'n-10'],
    );
    expect(outcome.summary).toContain('#### Deleted (2)');
    expect(outcome.summary).toMatch(/\| `r-30` \|[^\n]*name does not match/);
    expect(outcome.summary).toMatch(/\| `n-2` \|[^\n]*is not more than older/);
  });

  it('keep-latest keeps the newest', async () => {
    const outcome = await expectDeleted({ 'keep-latest': '2' }, ['r-30', 'n-20', 'n-10']);
    const kept = (outcome.result?.cleanup as { kept: Array<{ id: string; reasons: unknown }> })
      .kept;
    expect(kept.map((item) => item.id)).toEqual(['r-1', 'n-2']);
    expect(kept[0].reasons).toEqual([
      { code: 'keep-latest', message: 'one of the 2 newest uploads (keep-latest)' },
    ]);
  });

  it('keep-latest defaults to 3', async () => {
    await expectDeleted({}, ['r-30', 'n-20']);
  });

  it('logs one line per deletion', async () => {
    const outcome = await expectDeleted({ 'keep-latest': '0', 'older-than': '14d' }, [
      'r-30',
      'n-20',
    ]);
    expect(outcome.stdout).toMatch(/^Deleted upload r-30 "release-30" \(age 30 d\)\.$/m);
    expect(outcome.stdout).toMatch(/^Deleted upload n-20 "nightly-20" \(age 20 d\)\.$/m);
    expect(outcome.stdout.match(/^Deleted /gm)).toHaveLength(2);
  });

  it('cleans every target apart', async () => {
    await tenant.control.seed({
      backups: [
        { jobId: 'b-old', status: 'COMPLETE', created: daysAgo(40) },
        { jobId: 'b-new', status: 'COMPLETE', created: daysAgo(3) },
      ],
      drafts: [
        { jobId: 'd-old', status: 'COMPLETE', created: daysAgo(40) },
        { jobId: 'd-new', status: 'FAILED', created: daysAgo(3) },
      ],
    });
    const outcome = await runCleanup(tenant, {
      'cleanup-targets': 'backups,drafts',
      'keep-latest': '1',
    });
    expect(outcome.exitCode).toBe(0);
    expect(parseIds(outcome.outputs['deleted-ids'])).toEqual(['b-old', 'd-old']);
    expect(await idsInState(tenant, 'backups')).toEqual(['b-new']);
    expect(await idsInState(tenant, 'drafts')).toEqual(['d-new']);
    expect(await idsInState(tenant, 'uploads')).toEqual(ALL_UPLOAD_IDS);
    expect(outcome.outputs.message).toBe('Deleted 1 backup, 1 draft; kept 2.');
  });

  it('deletes nothing when nothing matches', async () => {
    const outcome = await expectDeleted({ 'name-pattern': 'weekly-*' }, []);
    expect(outcome.outputs['deleted-ids']).toBe('[]');
    expect(outcome.outputs.message).toBe('Nothing to delete; kept 5.');
  });
});
