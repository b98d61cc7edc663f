import type { Finding } from '../../src/config-file/types.js';
import type { MappingSyncReport } from '../../src/operations/mapping-sync/index.js';
import {
  commentMarker,
  MAX_COMMENT_LENGTH,
  renderPullRequestComment,
  truncateComment,
} from '../../src/reporting/pr-comment/render.js';
import { RUN_URL, runResult } from './helpers.js';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> | ** [link](javascript:x) @acme/admins';

describe('commentMarker', () => {
  it('names tenant and operation', () => {
    expect(commentMarker('acme-sb', 'deploy')).toBe(
      '<!-- isc-config-hub:comment tenant=acme-sb operation=deploy -->',
    );
  });

  it('leaves the tenant empty for validate', () => {
    expect(commentMarker(undefined, 'validate')).toBe(
      '<!-- isc-config-hub:comment tenant= operation=validate -->',
    );
  });

  it('keeps a hostile tenant inside the HTML comment', () => {
    const marker = commentMarker('x --> <script>alert(1)</script> --!>', 'deploy');
    const inner = marker.slice('<!--'.length, -'-->'.length);
    expect(inner).not.toContain('>');
    expect(inner).not.toContain('<');
    expect(marker).toMatch(/^<!-- isc-config-hub:comment tenant=\S+ operation=deploy -->$/);
  });

  it('tells similar tenants apart', () => {
    expect(commentMarker('acme operation=x', 'deploy')).not.toBe(commentMarker('acme', 'x'));
  });
});

describe('renderPullRequestComment', () => {
  it('starts with the marker and the header', () => {
    const body = renderPullRequestComment(
      runResult({ tenant: 'acme-sb', operation: 'promote' }),
      RUN_URL,
    );
    const lines = body.split('\n');
    expect(lines[0]).toBe(commentMarker('acme-sb', 'promote'));
    expect(lines[1]).toBe('### Configuration Hub: promote on acme-sb');
  });

  it('shows status, message, ids and objects by type', () => {
    const body = renderPullRequestComment(
      runResult({
        operation: 'promote',
        tenant: 'acme-sb',
        uploadId: 'u-123',
        draftId: 'd-456',
        deployId: 'p-789',
        approvalStatus: 'APPROVED',
      }),
      RUN_URL,
    );
    expect(body).toContain('**Status:** COMPLETE. The export is valid: 3 objects.');
    expect(body).toContain('| Upload id | `u-123` |');
    expect(body).toContain('| Draft id | `d-456` |');
    expect(body).toContain('| Deploy id | `p-789` |');
    expect(body).toContain('| Approval status | APPROVED |');
    expect(body).toContain('#### Objects by type (3)');
    expect(body).toContain('| TRANSFORM | 2 |');
    expect(body).toContain('| Validate | COMPLETE | 12 ms |  |');
  });

  it('links the run', () => {
    const body = renderPullRequestComment(runResult(), RUN_URL);
    expect(body).toContain(`[Workflow run](${RUN_URL})`);
  });

  it('counts and lists findings', () => {
    const findings: Finding[] = [
      { severity: 'error', message: 'Duplicate ROLE.', file: 'roles/a.json', line: 4, column: 2 },
      { severity: 'warning', message: 'Unsupported type.' },
    ];
    const body = renderPullRequestComment(runResult({ findings }), RUN_URL);
    expect(body).toContain('#### Validation findings: 1 errors, 1 warnings');
    expect(body).toContain('| error | roles/a.json:4:2 | Duplicate ROLE. |');
    expect(body).toContain('| warning |  | Unsupported type. |');
  });

  it('escapes config names in findings, types and phases', () => {
    const body = renderPullRequestComment(
      runResult({
        tenant: 'acme-sb',
        findings: [{ severity: 'error', message: `ROLE "${HOSTILE_NAME}" has no owner.` }],
        countsByType: { [HOSTILE_NAME]: 1 },
        phases: [{ name: 'Upload', status: 'COMPLETE', durationMs: 5, detail: HOSTILE_NAME }],
      }),
      RUN_URL,
    );
    const escaped =
      '&lt;img src=x onerror=alert(1)&gt; \\| \\*\\* \\[link\\](javascript:x) &#64;acme/admins';
    expect(body).not.toContain('<img');
    expect(body).not.toContain('[link](');
    expect(body).not.toContain('@acme');
    expect(body).not.toContain(' | ** ');
    expect(body).toContain(`| error |  | ROLE &quot;${escaped}&quot; has no owner. |`);
    expect(body).toContain(`| ${escaped} | 1 |`);
    expect(body).toContain(`| Upload | COMPLETE | 5 ms | ${escaped} |`);
  });

  it('keeps a hostile id inside its code span and cell', () => {
    const body = renderPullRequestComment(runResult({ uploadId: 'a`b|c\nd' }), RUN_URL);
    expect(body).toContain('| Upload id | `ab\\|cd` |');
  });

  it('includes the mapping-sync plan with escaped values', () => {
    const mappingSync: MappingSyncReport = {
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 2,
      file: 'mappings.yml',
      dryRun: true,
      prune: false,
      maxDeletions: 0,
      planned: { create: 1, update: 0, delete: 0 },
      notApplied: 0,
      sourceOrgs: [{ sourceOrg: 'default', listed: 2, unmanaged: 0, duplicates: 0 }],
      plan: [
        {
          action: 'create',
          sourceOrg: 'default',
          objectType: 'IDENTITY',
          jsonPath: '$.name',
          sourceValue: HOSTILE_NAME,
          targetValue: 'Prod Owner',
          enabled: true,
          result: 'planned',
        },
      ],
      omittedItems: 0,
    };
    const body = renderPullRequestComment(
      runResult({ operation: 'sync-mappings', tenant: 'acme', mappingSync }),
      RUN_URL,
    );
    expect(body).toContain('### Object mappings (dry run: nothing was changed)');
    expect(body).toContain('| create | default | IDENTITY |');
    expect(body).toContain('Prod Owner');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('@acme');
  });
});

describe('truncateComment', () => {
  const hugeFindings: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
    severity: 'error',
    message: `Finding number ${i} about an object whose name is long enough to fill the table.`,
    file: `roles/role-${i}.json`,
    line: i + 1,
  }));

  it('leaves a short body as it is', () => {
    const body = renderPullRequestComment(runResult(), RUN_URL);
    expect(truncateComment(body, RUN_URL)).toBe(body);
  });

  it('cuts a huge findings list under the limit', () => {
    const body = renderPullRequestComment(
      runResult({ tenant: 'acme-sb', findings: hugeFindings }),
      RUN_URL,
    );
    expect(body.length).toBeGreaterThan(MAX_COMMENT_LENGTH);
    const cut = truncateComment(body, RUN_URL);
    expect(cut.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(cut.length).toBeGreaterThan(MAX_COMMENT_LENGTH - 1000);
    expect(
      cut.startsWith(
        `${commentMarker('acme-sb', 'validate')}\n### Configuration Hub: validate on acme-sb`,
      ),
    ).toBe(true);
    expect(cut).toContain('#### Validation findings: 5000 errors, 0 warnings');
    expect(cut).toContain(
      '**This comment was cut** because GitHub limits a comment to 65536 characters.',
    );
    expect(cut).toContain(
      `See the job summary of the [workflow run](${RUN_URL}) for the full report.`,
    );
  });

  it('cuts at a line boundary', () => {
    const body = renderPullRequestComment(runResult({ findings: hugeFindings }), RUN_URL);
    const cut = truncateComment(body, RUN_URL);
    const head = cut.slice(0, cut.indexOf('\n\n**This comment was cut**'));
    const lastLine = head.split('\n').pop() ?? '';
    expect(body.split('\n')).toContain(lastLine);
    expect(lastLine).toMatch(/^\| error \| roles\/role-\d+\.json:\d+ \| .* \|$/);
  });

  it('closes a details block that the cut leaves open', () => {
    const body = `<!-- marker -->\n<details><summary>Long</summary>\n\n${'row\n'.repeat(100)}</details>\n`;
    const cut = truncateComment(body, undefined, 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut).toContain('</details>\n\n**This comment was cut**');
    expect(cut).toContain('See the job summary for the full report.');
  });
});
