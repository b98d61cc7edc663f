import type { Backup, Draft } from '../../src/client/types.js';
import { type CleanupInventory, selectForCleanup } from '../../src/operations/cleanup/select.js';
import { readCleanupSettings } from '../../src/settings/cleanup-settings.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { daysAgo, inputsOf } from './helpers.js';

const clock = new FakeClock(Date.parse('2026-06-15T12:00:00Z'));
const NOW = clock.now();

function upload(jobId: string, days: number, extra: Partial<Backup> = {}): Backup {
  return {
    jobId,
    name: `upload ${jobId}`,
    status: 'COMPLETE',
    created: daysAgo(days, NOW),
    ...extra,
  };
}

function draft(jobId: string, days: number, extra: Partial<Draft> = {}): Draft {
  return {
    jobId,
    name: `draft ${jobId}`,
    status: 'COMPLETE',
    created: daysAgo(days, NOW),
    ...extra,
  };
}

function rules(values: Record<string, string>) {
  return readCleanupSettings(inputsOf({ 'keep-latest': '0', ...values }));
}

function select(inventory: Partial<CleanupInventory>, values: Record<string, string>) {
  const selection = selectForCleanup(
    { draftsInDeploy: new Map(), ...inventory },
    rules(values),
    NOW,
  );
  return {
    selectedIds: selection.selected.map((item) => item.id),
    kept: selection.kept,
    reasonsOf: (id: string) =>
      selection.kept.find((item) => item.id === id)?.reasons.map((r) => r.code),
  };
}

describe('selectForCleanup filters', () => {
  const uploads = [
    upload('u-new', 2, { name: 'nightly-2' }),
    upload('u-mid', 10, { name: 'release-1', status: 'FAILED' }),
    upload('u-old', 20, { name: 'nightly-1' }),
    upload('u-oldest', 40, { name: 'acme/identity-config@0123abc run 7', status: 'CANCELLED' }),
  ];

  it('selects everything final when no filter is given', () => {
    expect(select({ uploads }, {}).selectedIds).toEqual(['u-oldest', 'u-old', 'u-mid', 'u-new']);
  });

  it('older-than alone keeps newer items', () => {
    const result = select({ uploads }, { 'older-than': '14d' });
    expect(result.selectedIds).toEqual(['u-oldest', 'u-old']);
    expect(result.reasonsOf('u-mid')).toEqual(['newer-than-older-than']);
    expect(result.reasonsOf('u-new')).toEqual(['newer-than-older-than']);
  });

  it('older-than compares exact ages', () => {
    const edge = [upload('exact', 14), upload('just-over', 14.001)];
    expect(select({ uploads: edge }, { 'older-than': '14d' }).selectedIds).toEqual(['just-over']);
  });

  it('name-pattern alone keeps other names', () => {
    const result = select({ uploads }, { 'name-pattern': 'nightly-*' });
    expect(result.selectedIds).toEqual(['u-old', 'u-new']);
    expect(result.reasonsOf('u-mid')).toEqual(['name-mismatch']);
    expect(result.reasonsOf('u-oldest')).toEqual(['name-mismatch']);
  });

  it('name-pattern star matches a slash', () => {
    expect(select({ uploads }, { 'name-pattern': '*identity-config*' }).selectedIds).toEqual([
      'u-oldest',
    ]);
  });

  it('statuses alone keeps other statuses', () => {
    const result = select({ uploads }, { statuses: 'FAILED,CANCELLED' });
    expect(result.selectedIds).toEqual(['u-oldest', 'u-mid']);
    expect(result.reasonsOf('u-new')).toEqual(['status-mismatch']);
    expect(result.reasonsOf('u-old')).toEqual(['status-mismatch']);
  });

  it('combined filters must all match', () => {
    const result = select(
      { uploads },
      { 'older-than': '7d', 'name-pattern': 'nightly-*', statuses: 'COMPLETE' },
    );
    expect(result.selectedIds).toEqual(['u-old']);
    expect(result.reasonsOf('u-new')).toEqual(['newer-than-older-than']);
    expect(result.reasonsOf('u-mid')).toEqual(['name-mismatch', 'status-mismatch']);
    expect(result.reasonsOf('u-oldest')).toEqual(['name-mismatch', 'status-mismatch']);
  });

  it('keeps a server status outside the filter', () => {
    const odd = [upload('odd', 30, { status: 'ARCHIVED' }), upload('none', 30, { status: '' })];
    const result = select({ uploads: odd }, {});
    expect(result.selectedIds).toEqual([]);
    expect(result.reasonsOf('odd')).toEqual(['status-mismatch']);
    expect(result.reasonsOf('none')).toEqual(['status-mismatch']);
  });
});

describe('selectForCleanup keep-latest', () => {
  const uploads = [upload('a', 1), upload('b', 2), upload('c', 3), upload('d', 4), upload('e', 5)];

  it('keeps the newest N of a target', () => {
    const result = select({ uploads }, { 'keep-latest': '3' });
    expect(result.selectedIds).toEqual(['e', 'd']);
    expect(result.reasonsOf('a')).toEqual(['keep-latest']);
    expect(result.reasonsOf('b')).toEqual(['keep-latest']);
    expect(result.reasonsOf('c')).toEqual(['keep-latest']);
  });

  it('ranks regardless of list order', () => {
    const shuffled = [uploads[3], uploads[0], uploads[4], uploads[2], uploads[1]];
    expect(select({ uploads: shuffled }, { 'keep-latest': '2' }).selectedIds).toEqual([
      'e',
      'd',
      'c',
    ]);
  });

  it('ranks every item, not only matching ones', () => {
    const named = [
      upload('release', 1, { name: 'release' }),
      upload('n1', 2, { name: 'nightly' }),
      upload('n2', 3, { name: 'nightly' }),
    ];
    const result = select({ uploads: named }, { 'keep-latest': '2', 'name-pattern': 'nightly' });
    expect(result.selectedIds).toEqual(['n2']);
    expect(result.reasonsOf('n1')).toEqual(['keep-latest']);
    expect(result.reasonsOf('release')).toEqual(['keep-latest', 'name-mismatch']);
  });

  it('counts each target apart', () => {
    const drafts = [draft('d1', 1), draft('d2', 2)];
    const result = select(
      { uploads, drafts },
      { 'cleanup-targets': 'uploads,drafts', 'keep-latest': '4' },
    );
    expect(result.selectedIds).toEqual(['e']);
    expect(result.reasonsOf('d1')).toEqual(['keep-latest']);
    expect(result.reasonsOf('d2')).toEqual(['keep-latest']);
  });

  it('skips undated items when ranking', () => {
    const mixed = [upload('undated', 0, { created: undefined }), upload('x', 5), upload('y', 6)];
    const result = select({ uploads: mixed }, { 'keep-latest': '1' });
    expect(result.selectedIds).toEqual(['y']);
    expect(result.reasonsOf('x')).toEqual(['keep-latest']);
    expect(result.reasonsOf('undated')).toEqual(['no-created-date']);
  });
});

describe('selectForCleanup protections', () => {
  it('keeps userCanDelete false', () => {
    const backups = [
      upload('auto', 90, { userCanDelete: false, backupType: 'AUTOMATED' }),
      upload('manual', 90),
    ];
    const result = select({ backups }, { 'cleanup-targets': 'backups' });
    expect(result.selectedIds).toEqual(['manual']);
    expect(result.reasonsOf('auto')).toEqual(['user-cannot-delete']);
  });

  it('keeps running jobs even if statuses lists them', () => {
    const uploads = [
      upload('queued', 90, { status: 'NOT_STARTED' }),
      upload('running', 90, { status: 'IN_PROGRESS' }),
    ];
    const result = select({ uploads }, {});
    expect(result.selectedIds).toEqual([]);
    expect(result.reasonsOf('queued')).toEqual(['job-running']);
    expect(result.reasonsOf('running')).toEqual(['job-running']);
  });

  it('keeps a draft a running deploy uses', () => {
    const drafts = [draft('busy', 30), draft('idle', 30)];
    const result = select(
      { drafts, draftsInDeploy: new Map([['busy', 'deploy-1']]) },
      { 'cleanup-targets': 'drafts' },
    );
    expect(result.selectedIds).toEqual(['idle']);
    expect(result.reasonsOf('busy')).toEqual(['draft-in-deploy']);
    expect(result.kept[0].reasons[0].message).toContain('deploy-1');
  });

  it('does not apply a draft id to an upload', () => {
    const uploads = [upload('same-id', 30)];
    const result = select({ uploads, draftsInDeploy: new Map([['same-id', 'deploy-1']]) }, {});
    expect(result.selectedIds).toEqual(['same-id']);
  });

  it('keeps protect-ids of every target', () => {
    const uploads = [upload('mine', 30), upload('other', 30)];
    const drafts = [draft('my-draft', 30)];
    const result = select(
      { uploads, drafts },
      { 'cleanup-targets': 'uploads,drafts', 'protect-ids': 'mine, my-draft' },
    );
    expect(result.selectedIds).toEqual(['other']);
    expect(result.reasonsOf('mine')).toEqual(['protected-id']);
    expect(result.reasonsOf('my-draft')).toEqual(['protected-id']);
  });

  it('keeps items without a readable created date', () => {
    const uploads = [
      upload('missing', 0, { created: undefined }),
      upload('garbage', 0, { created: 'yesterday' }),
      upload('loose', 0, { created: '2020' }),
      upload('invalid', 0, { created: '2026-13-45T99:99:99Z' }),
    ];
    const result = select({ uploads }, {});
    expect(result.selectedIds).toEqual([]);
    for (const id of ['missing', 'garbage', 'loose', 'invalid']) {
      expect(result.reasonsOf(id)).toEqual(['no-created-date']);
    }
    expect(result.kept.find((item) => item.id === 'garbage')?.reasons[0].message).toContain(
      '"yesterday"',
    );
  });

  it('protections hold under any filter', () => {
    const uploads = [upload('p', 365, { userCanDelete: false, name: 'nightly-x' })];
    const result = select(
      { uploads },
      { 'older-than': '1d', 'name-pattern': 'nightly-*', statuses: 'COMPLETE' },
    );
    expect(result.selectedIds).toEqual([]);
  });

  it('lists every reason that applies', () => {
    const uploads = [upload('many', 1, { status: 'IN_PROGRESS', userCanDelete: false })];
    const result = select({ uploads }, { 'protect-ids': 'many', 'older-than': '7d' });
    expect(result.reasonsOf('many')).toEqual([
      'protected-id',
      'user-cannot-delete',
      'job-running',
      'newer-than-older-than',
    ]);
  });
});

describe('selectForCleanup items', () => {
  it('measures age from the pinned clock', () => {
    const result = selectForCleanup(
      { uploads: [upload('a', 3)], draftsInDeploy: new Map() },
      rules({}),
      NOW,
    );
    expect(result.selected[0].ageMs).toBe(3 * 86_400_000);
  });

  it('treats a future date as age zero', () => {
    const future = upload('f', -2);
    const result = selectForCleanup(
      { uploads: [future], draftsInDeploy: new Map() },
      rules({ 'older-than': '1h' }),
      NOW,
    );
    expect(result.kept[0].ageMs).toBe(0);
    expect(result.kept[0].reasons.map((r) => r.code)).toEqual(['newer-than-older-than']);
  });

  it('ignores targets not asked for', () => {
    const result = select(
      { uploads: [upload('u', 30)], backups: [upload('b', 30)] },
      { 'cleanup-targets': 'backups' },
    );
    expect(result.selectedIds).toEqual(['b']);
  });
});
