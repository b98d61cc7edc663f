import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotations } from '../helpers/action-runner.js';
import { type E2eContext, run, SHARED_FIXTURES, startTenant, workspaceWith } from './setup.js';

let tenant: E2eContext;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.emulator.stop();
});
beforeEach(async () => {
  await tenant.control.reset();
});

describe('validate', () => {
  it('accepts a valid export without credentials', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'validate', 'config-path': 'valid.sp-config.json' },
      { workspace },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    expect(outcome.outputs['object-count']).toBe('3');
    expect(outcome.summary).toContain('| GOVERNANCE\\_GROUP | 1 |');
  });

  it('annotates a JSON syntax error with file, line and column', async () => {
    const workspace = await workspaceWith('broken.sp-config.json');
    const outcome = await run(
      { operation: 'validate', 'config-path': 'broken.sp-config.json' },
      { workspace },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('FAILED');
    const errors = annotations(outcome.stdout).filter(
      (a) => a.kind === 'error' && a.properties.includes('file='),
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].properties).toContain('file=broken.sp-config.json');
    expect(errors[0].properties).toContain('line=5');
    expect(errors[0].properties).toMatch(/col=\d+/);
    expect(outcome.stdout).not.toMatch(/\n\s+at .*\(.*\.js:\d+:\d+\)/);
  });

  it('names the stray file of a folder', async () => {
    const workspace = await workspaceWith('folder-with-stray');
    const outcome = await run(
      { operation: 'validate', 'config-path': 'folder-with-stray' },
      { workspace },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.message).toContain('notes.json');
  });

  it('rejects bad inputs before any request', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      {
        operation: 'upload',
        'config-path': 'valid.sp-config.json',
        ...tenant.connection,
        'api-version': 'v3',
        timeout: '10',
      },
      { workspace },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('INVALID_INPUT');
    expect(outcome.stdout).toContain(
      'Input api-version is "v3", which is not one of: v2024, v2025, v2026, v1.',
    );
    expect(outcome.stdout).toContain('Input timeout is "10", which is not a duration');
    expect(outcome.outputs.message).not.toContain('\n');
    expect(outcome.summary).toContain(
      '**Status:** INVALID\\_INPUT. Nothing was sent to the tenant.',
    );
    expect(outcome.summary).toContain('- Input api-version is &quot;v3&quot;');
    expect(await tenant.control.requests()).toEqual([]);
  });
});

describe('upload', () => {
  it('uploads, waits for COMPLETE and sets the outputs', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'upload', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      { workspace },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    expect(outcome.outputs['upload-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.outputs['object-count']).toBe('3');
    const state = await tenant.control.state();
    const uploads = state.uploads as Array<{ jobId: string; name: string }>;
    expect(uploads.map((u) => u.jobId)).toEqual([outcome.outputs['upload-id']]);
    expect(uploads[0].name).toBe('acme/identity-config@0123456 run 7');
  });

  it('fails with the server message when the upload ends FAILED', async () => {
    await tenant.control.nextJob(
      'upload',
      'FAILED',
      'Unable to parse the uploaded file: unexpected token',
    );
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'upload', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      { workspace },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('FAILED');
    expect(outcome.outputs.message).toContain(
      'Unable to parse the uploaded file: unexpected token',
    );
    expect(outcome.outputs['upload-id']).not.toBe('');
  });

  it('returns after the create call with wait false', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      {
        operation: 'upload',
        'config-path': 'valid.sp-config.json',
        wait: 'false',
        ...tenant.connection,
      },
      { workspace },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('NOT_STARTED');
    const statusReads = (await tenant.control.requests()).filter(
      (r) => r.method === 'GET' && /\/backups\/uploads\/[^/]+$/.test(r.path),
    );
    expect(statusReads).toEqual([]);
  });

  it('reads credentials and the base URL from SAIL_ variables', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'upload', 'config-path': 'valid.sp-config.json' },
      {
        workspace,
        env: {
          SAIL_BASE_URL: tenant.emulator.url,
          SAIL_CLIENT_ID: 'emulator-client-id',
          SAIL_CLIENT_SECRET: 'emulator-client-secret',
        },
      },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
  });

  it('never prints the client secret or a token', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'upload', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      { workspace, env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' } },
    );
    expect(outcome.exitCode).toBe(0);
    // The runner consumes ::add-mask:: commands and hides their values everywhere else.
    const masked = [...outcome.stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]);
    expect(masked).toContain('emulator-client-secret');
    expect(masked.length).toBeGreaterThanOrEqual(2);
    const visible =
      outcome.stdout.replace(/^::add-mask::.*$/gm, '') +
      outcome.stderr +
      JSON.stringify(outcome.outputs) +
      outcome.summary;
    for (const secret of masked) {
      expect(visible).not.toContain(secret);
    }
    expect(visible).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});

const hasSharedFixtures = existsSync(SHARED_FIXTURES);
if (!hasSharedFixtures) {
  console.warn(
    `Skipping the real-export tests: ${SHARED_FIXTURES} is missing (it sits beside the project only in its own workspace).`,
  );
}
(hasSharedFixtures ? describe : describe.skip)('real exports from ISC teams', () => {
  it.each([
    ['the whole envelope', 'emergency-termination.sp-config.json', '4'],
    ['the per-object folder', 'per-object', '21'],
  ])('validates and promotes %s', async (_label, name, count) => {
    const workspace = await mkdtemp(join(tmpdir(), 'e2e-real-'));
    await cp(join(SHARED_FIXTURES, name), join(workspace, name), { recursive: true });
    const validated = await run({ operation: 'validate', 'config-path': name }, { workspace });
    expect(validated.exitCode).toBe(0);
    expect(validated.outputs['object-count']).toBe(count);
    const promoted = await run(
      { operation: 'promote', 'config-path': name, ...tenant.connection },
      { workspace },
    );
    expect(promoted.exitCode).toBe(0);
    expect(promoted.outputs.status).toBe('COMPLETE');
    expect(promoted.outputs['deploy-id']).not.toBe('');
  });
});
