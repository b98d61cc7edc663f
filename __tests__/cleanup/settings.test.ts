import { readCleanupSettings } from '../../src/settings/cleanup-settings.js';
import { InputError } from '../../src/settings/parse.js';
import { readSettings } from '../../src/settings/settings.js';
import { inputsOf } from './helpers.js';

function errorOf(values: Record<string, string>): string {
  try {
    readCleanupSettings(inputsOf(values));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('readCleanupSettings accepted the inputs');
}

describe('readCleanupSettings', () => {
  it('applies the documented defaults', () => {
    const settings = readCleanupSettings(inputsOf({}));
    expect(settings.targets).toEqual(['uploads']);
    expect(settings.olderThanMs).toBeUndefined();
    expect(settings.keepLatest).toBe(3);
    expect(settings.namePattern).toBeUndefined();
    expect(settings.statuses).toEqual(['COMPLETE', 'FAILED', 'CANCELLED']);
    expect(settings.dryRun).toBe(false);
    expect(settings.maxDeletions).toBe(10);
    expect(settings.protectIds).toEqual([]);
    expect(settings.matchesName('anything')).toBe(true);
  });

  it('reads every input', () => {
    const settings = readCleanupSettings(
      inputsOf({
        'cleanup-targets': ' Drafts, uploads ,backups,drafts',
        'older-than': '36h',
        'keep-latest': '0',
        'name-pattern': 'nightly-*',
        statuses: 'failed, Cancelled',
        'dry-run': 'true',
        'max-deletions': '25',
        'protect-ids': 'abc123,\n def-456 ,',
      }),
    );
    expect(settings.targets).toEqual(['drafts', 'uploads', 'backups']);
    expect(settings.olderThanMs).toBe(36 * 3_600_000);
    expect(settings.keepLatest).toBe(0);
    expect(settings.namePattern).toBe('nightly-*');
    expect(settings.statuses).toEqual(['FAILED', 'CANCELLED']);
    expect(settings.dryRun).toBe(true);
    expect(settings.maxDeletions).toBe(25);
    expect(settings.protectIds).toEqual(['abc123', 'def-456']);
  });

  it('reads protect-ids as a JSON array', () => {
    const settings = readCleanupSettings(inputsOf({ 'protect-ids': '["abc123","def-456",""]' }));
    expect(settings.protectIds).toEqual(['abc123', 'def-456']);
  });

  it('matches names with a glob', () => {
    const settings = readCleanupSettings(inputsOf({ 'name-pattern': 'acme/*run ?' }));
    expect(settings.matchesName('acme/identity-config@0123abc run 7')).toBe(true);
    expect(settings.matchesName('acme/identity-config@0123abc run 17')).toBe(false);
    expect(settings.matchesName('other/acme run 7')).toBe(false);
  });

  it('star matches across a slash', () => {
    const settings = readCleanupSettings(inputsOf({ 'name-pattern': '*config*' }));
    expect(settings.matchesName('acme/identity-config@0123abc run 7')).toBe(true);
  });

  it('reads a leading ! literally', () => {
    const settings = readCleanupSettings(inputsOf({ 'name-pattern': '!keep' }));
    expect(settings.matchesName('!keep')).toBe(true);
    expect(settings.matchesName('nightly-1')).toBe(false);
  });

  it('rejects an unknown target', () => {
    const message = errorOf({ 'cleanup-targets': 'uploads,deploys' });
    expect(message).toContain('cleanup-targets');
    expect(message).toContain('"uploads,deploys"');
    expect(message).toContain('unknown: deploys');
  });

  it('rejects an empty target list', () => {
    expect(errorOf({ 'cleanup-targets': ' , ' })).toContain('cleanup-targets');
  });

  it('rejects a duration without a unit', () => {
    const message = errorOf({ 'older-than': '14' });
    expect(message).toContain('older-than');
    expect(message).toContain('14d');
  });

  it('rejects a negative keep-latest', () => {
    const message = errorOf({ 'keep-latest': '-1' });
    expect(message).toContain('keep-latest');
    expect(message).toContain('"-1"');
  });

  it('rejects an unknown status', () => {
    const message = errorOf({ statuses: 'COMPLETE,DONE' });
    expect(message).toContain('statuses');
    expect(message).toContain('unknown: DONE');
  });

  it('rejects running statuses', () => {
    const message = errorOf({ statuses: 'COMPLETE,IN_PROGRESS' });
    expect(message).toContain('IN_PROGRESS');
    expect(message).toContain('never deleted');
  });

  it('rejects a bad dry-run', () => {
    expect(errorOf({ 'dry-run': 'yes' })).toContain('Input dry-run is "yes"');
  });

  it('rejects a bad max-deletions', () => {
    expect(errorOf({ 'max-deletions': 'ten' })).toContain('Input max-deletions is "ten"');
  });

  it('rejects an id with a slash', () => {
    expect(errorOf({ 'protect-ids': 'abc,../etc' })).toContain('protect-ids');
  });

  it('rejects a broken JSON array', () => {
    expect(errorOf({ 'protect-ids': '["abc",' })).toContain('not a JSON array');
  });

  it('reports every bad input at once', () => {
    const lines = errorOf({
      'cleanup-targets': 'files',
      'older-than': 'old',
      'keep-latest': 'x',
      statuses: 'DONE',
      'dry-run': 'maybe',
      'max-deletions': '-3',
      'protect-ids': 'a b',
    }).split('\n');
    expect(lines).toHaveLength(7);
    for (const name of [
      'cleanup-targets',
      'older-than',
      'keep-latest',
      'statuses',
      'dry-run',
      'max-deletions',
      'protect-ids',
    ]) {
      expect(lines.some((line) => line.includes(`Input ${name} `))).toBe(true);
    }
  });
});

describe('readSettings for cleanup', () => {
  const connection = {
    'base-url': 'http://127.0.0.1:9',
    'client-id': 'id',
    'client-secret': 'secret',
  };

  it('fills settings.cleanup', () => {
    const settings = readSettings(
      inputsOf({ operation: 'cleanup', ...connection, 'keep-latest': '5' }),
      {},
    );
    expect(settings.cleanup?.keepLatest).toBe(5);
  });

  it('joins cleanup errors with other input errors', () => {
    expect(() =>
      readSettings(
        inputsOf({ operation: 'cleanup', 'base-url': 'http://127.0.0.1:9', 'keep-latest': 'x' }),
        {},
      ),
    ).toThrow(/keep-latest[\s\S]*\n[\s\S]*Credentials are missing/);
  });

  it('leaves cleanup unset for other operations', () => {
    const settings = readSettings(
      inputsOf({ operation: 'deploy', ...connection, 'draft-id': 'abc', 'keep-latest': 'x' }),
      {},
    );
    expect(settings.cleanup).toBeUndefined();
  });
});
