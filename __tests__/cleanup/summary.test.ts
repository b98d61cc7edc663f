import {
  type CleanupItem,
  emptyCleanupReport,
  formatAge,
} from '../../src/operations/cleanup/report.js';
import { renderCleanupSummary } from '../../src/reporting/cleanup-summary.js';

function item(id: string, extra: Partial<CleanupItem> = {}): CleanupItem {
  return {
    target: 'uploads',
    id,
    name: `name ${id}`,
    status: 'COMPLETE',
    ageMs: 3_600_000,
    ...extra,
  };
}

describe('renderCleanupSummary', () => {
  it('shows the reason each item is kept', () => {
    const report = emptyCleanupReport(false, 10);
    report.kept = [
      { ...item('k1'), reasons: [{ code: 'keep-latest', message: 'one of the 3 newest uploads' }] },
    ];
    const summary = renderCleanupSummary(report);
    expect(summary).toContain('#### Kept (1)');
    expect(summary).toContain('| Type | Id | Name | Status | Age | Reason kept |');
    expect(summary).toMatch(/\| upload \| `k1` \|[^\n]*one of the 3 newest uploads \|/);
  });

  it('escapes names from the server', () => {
    const report = emptyCleanupReport(false, 10);
    report.deletedItems = [{ ...item('d1', { name: 'a | b <script>' }), alreadyDeleted: false }];
    const summary = renderCleanupSummary(report);
    expect(summary).not.toContain('a | b');
    expect(summary).not.toContain('<script>');
  });

  it('cuts long tables', () => {
    const report = emptyCleanupReport(true, 10);
    report.selected = Array.from({ length: 300 }, (_, i) => item(`s${i}`));
    const summary = renderCleanupSummary(report);
    expect(summary).toContain('#### Would delete (300)');
    expect(summary).toContain('`s249`');
    expect(summary).not.toContain('`s250`');
    expect(summary).toContain('50 more are not shown');
  });

  it('lists selected items only once', () => {
    const report = emptyCleanupReport(false, 10);
    report.selected = [item('a'), item('b')];
    report.deletedItems = [{ ...item('a'), alreadyDeleted: true }];
    report.failed = [{ ...item('b'), error: 'HTTP 500', httpStatus: 500 }];
    const summary = renderCleanupSummary(report);
    expect(summary).not.toContain('Selected but not deleted');
    expect(summary).toContain('already deleted (HTTP 404)');
    expect(summary).toContain('#### Failed (1)');
  });
});

describe('formatAge', () => {
  it.each([
    [undefined, 'unknown age'],
    [40_000, '40 s'],
    [5 * 3_600_000 + 12 * 60_000, '5 h 12 min'],
    [2 * 3_600_000, '2 h'],
    [14 * 86_400_000 + 3 * 3_600_000, '14 d 3 h'],
    [30 * 86_400_000, '30 d'],
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});
