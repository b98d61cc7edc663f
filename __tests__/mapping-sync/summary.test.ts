import type { MappingSyncReport, PlanItem } from '../../src/operations/mapping-sync/index.js';
import { renderMappingSyncSummary } from '../../src/reporting/mapping-sync-summary.js';

function report(fields: Partial<MappingSyncReport> = {}): MappingSyncReport {
  return {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    file: 'mappings.yml',
    dryRun: false,
    prune: false,
    maxDeletions: 0,
    planned: { create: 0, update: 0, delete: 0 },
    notApplied: 0,
    sourceOrgs: [],
    plan: [],
    omittedItems: 0,
    ...fields,
  };
}

const update: PlanItem = {
  action: 'update',
  sourceOrg: 'dev',
  objectType: 'ROLE',
  jsonPath: '$.name',
  sourceValue: 'A|B',
  targetValue: '<b>new</b>',
  enabled: true,
  previous: { targetValue: 'old', enabled: false },
  objectMappingId: 'id-1',
  result: 'applied',
};

describe('renderMappingSyncSummary', () => {
  it('shows changes with results', () => {
    const markdown = renderMappingSyncSummary(
      report({ updated: 1, planned: { create: 0, update: 1, delete: 0 }, plan: [update] }),
    );

    expect(markdown).toContain('Created 0 of 0, updated 1 of 1, deleted 0 of 0; 0 unchanged.');
    expect(markdown).toContain(
      '| Action | Source org | Object type | JSON path | Source value | Target value | Enabled | Result |',
    );
    expect(markdown).toContain('A\\|B');
    expect(markdown).toContain('old → &lt;b&gt;new&lt;/b&gt;');
    expect(markdown).toContain('false → true');
    expect(markdown).toMatch(/\| applied \|$/m);
  });

  it('drops the result column in a dry run', () => {
    const markdown = renderMappingSyncSummary(
      report({ dryRun: true, planned: { create: 0, update: 1, delete: 0 }, plan: [update] }),
    );

    expect(markdown).toContain('(dry run: nothing was changed)');
    expect(markdown).toContain('Would create 0, update 1 and delete 0');
    expect(markdown).not.toContain('| Result |');
  });

  it('states a failure and what was not applied', () => {
    const markdown = renderMappingSyncSummary(
      report({ failure: 'Bulk create 2 of 3 failed: HTTP 500', notApplied: 10 }),
    );

    expect(markdown).toContain('**Stopped:**');
    expect(markdown).toContain('10 changes were not applied');
  });

  it('mentions kept mappings without prune', () => {
    const markdown = renderMappingSyncSummary(
      report({ sourceOrgs: [{ sourceOrg: 'dev', listed: 5, unmanaged: 3, duplicates: 1 }] }),
    );

    expect(markdown).toContain(
      'keeps 3 mappings that the file does not declare and 1 extra mappings',
    );
  });

  it('notes omitted rows', () => {
    const markdown = renderMappingSyncSummary(report({ plan: [update], omittedItems: 7 }));

    expect(markdown).toContain('7 more changes are not shown');
  });
});
