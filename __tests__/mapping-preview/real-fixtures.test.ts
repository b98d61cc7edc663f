import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotations, PROJECT_ROOT, runAction } from '../helpers/action-runner.js';

const SHARED_FIXTURES = join(PROJECT_ROOT, '..', 'shared', 'fixtures', 'real');
const MAPPINGS = join(PROJECT_ROOT, '__tests__', 'fixtures', 'mapping-preview');
const haveFixtures = existsSync(SHARED_FIXTURES);
if (!haveFixtures) {
  console.warn(
    `Skipping the mapping preview on real exports: ${SHARED_FIXTURES} is missing (it sits beside the project only in its own workspace).`,
  );
}

async function workspaceWith(exportName: string, mappingsName: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'mapping-preview-'));
  await cp(join(SHARED_FIXTURES, exportName), join(workspace, exportName), { recursive: true });
  await cp(join(MAPPINGS, mappingsName), join(workspace, 'mappings.yml'));
  return workspace;
}

(haveFixtures ? describe : describe.skip)('mapping preview on real exports', () => {
  it('counts the hits in the envelope and warns on the typo', async () => {
    const workspace = await workspaceWith(
      'emergency-termination.sp-config.json',
      'emergency-termination.mappings.yml',
    );
    const outcome = await runAction(
      {
        operation: 'validate',
        'config-path': 'emergency-termination.sp-config.json',
        'mappings-file': 'mappings.yml',
      },
      { workspace },
    );
    expect(outcome.exitCode).toBe(0);
    const preview = (
      outcome.result as {
        mappingPreview: {
          items: Array<{ sourceValue: string; hits: unknown[] }>;
          skipped: number;
          sourceTenant: string;
        };
      }
    ).mappingPreview;
    expect(preview.sourceTenant).toBe('acme-dev');
    expect(preview.skipped).toBe(2);
    const hits = Object.fromEntries(
      preview.items.map((item) => [item.sourceValue, item.hits.length]),
    );
    expect(hits).toEqual({
      'pat.builder': 6,
      'ET - Approval': 1,
      'Emergency Termination Requst': 0,
    });

    const warnings = annotations(outcome.stdout).filter((a) => a.kind === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].properties).toContain('file=mappings.yml');
    expect(warnings[0].properties).toContain('line=14');
    expect(warnings[0].message).toContain('matches nothing in the export');
    expect(outcome.summary).toContain('### Object mapping preview for source tenant acme-dev');
    expect(outcome.summary).toContain('| pat.builder | pat.production |');
  });

  it('counts the hits in the per-object folder', async () => {
    const workspace = await workspaceWith('per-object', 'per-object.mappings.yml');
    const outcome = await runAction(
      { operation: 'validate', 'config-path': 'per-object', 'mappings-file': 'mappings.yml' },
      { workspace },
    );
    expect(outcome.exitCode).toBe(0);
    const preview = (
      outcome.result as {
        mappingPreview: { items: Array<{ sourceValue: string; hits: unknown[] }>; changes: number };
      }
    ).mappingPreview;
    const hits = Object.fromEntries(
      preview.items.map((item) => [item.sourceValue, item.hits.length]),
    );
    expect(hits).toEqual({ 'jo.reviewer': 8, Airgap: 1, 'Retired Role': 0 });
    expect(preview.changes).toBe(9);
    const unmatched = annotations(outcome.stdout).filter((a) =>
      a.message.includes('matches nothing'),
    );
    expect(unmatched).toHaveLength(1);
  });
});
