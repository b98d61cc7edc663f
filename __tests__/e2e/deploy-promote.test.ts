import { type E2eContext, run, startTenant, workspaceWith } from './setup.js';

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

const completeDraft = (jobId: string, extra: Record<string, unknown> = {}) => ({
  jobId,
  name: 'Release 12',
  status: 'COMPLETE',
  approvalStatus: 'DEFAULT',
  created: '2026-12-01T10:00:00Z',
  ...extra,
});

async function deploysInState(): Promise<
  Array<{ jobId: string; draftId: string; status: string }>
> {
  return (await tenant.control.state()).deploys as Array<{
    jobId: string;
    draftId: string;
    status: string;
  }>;
}

describe('promote', () => {
  it('uploads, drafts, deploys and leaves no scheduled action', async () => {
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'promote', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      { workspace },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    const state = await tenant.control.state();
    expect(state.scheduledActions).toEqual([]);
    const drafts = state.drafts as Array<{ jobId: string; sourceBackupId: string }>;
    expect(drafts).toHaveLength(1);
    expect(drafts[0].jobId).toBe(outcome.outputs['draft-id']);
    expect(drafts[0].sourceBackupId).toBe(outcome.outputs['upload-id']);
    expect((await deploysInState()).map((d) => d.jobId)).toEqual([outcome.outputs['deploy-id']]);
    expect(outcome.summary).toMatch(/\| Create draft \| `[0-9a-f-]+` \| COMPLETE \|/);
    expect(outcome.summary).toMatch(/\| Wait for deploy \| `[0-9a-f-]+` \| COMPLETE \|/);
    const result = outcome.result as { phases: Array<{ name: string }> };
    expect(result.phases.map((p) => p.name)).toEqual([
      'Validate',
      'Upload',
      'Create draft',
      'Check draft',
      'Create deploy',
      'Wait for deploy',
    ]);
  });

  it('explains ORG_ADMIN when scheduled actions are forbidden', async () => {
    await tenant.control.settings({ forbidden: ['scheduled-actions'] });
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'promote', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      { workspace },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.message).toContain('ORG_ADMIN');
    expect(outcome.outputs.message).toContain('draft-id');
    expect(outcome.outputs['upload-id']).not.toBe('');
    expect(await deploysInState()).toEqual([]);
  });

  it('names a scheduled action it could not delete after a cancel', async () => {
    await tenant.control.settings({ durations: { draftMs: 10_000 } });
    await tenant.control.fault({
      method: 'DELETE',
      path: '/scheduled-actions/',
      delayMs: 8_000,
      status: 503,
    });
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'promote', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      {
        workspace,
        onStart: (child) => {
          const poll = setInterval(async () => {
            if (((await tenant.control.state()).drafts as unknown[]).length > 0) {
              clearInterval(poll);
              child.kill('SIGINT');
            }
          }, 100);
        },
      },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('CANCELLED');
    const actions = (await tenant.control.state()).scheduledActions as Array<{ id: string }>;
    expect(actions).toHaveLength(1);
    expect(outcome.stdout).toContain(
      `::warning::The scheduled action ${actions[0].id} was not deleted: delete it on the Configuration Hub page of the tenant.`,
    );
  });

  it('waits for approval, then deploys', async () => {
    await tenant.control.settings({ draftApprovalStatus: 'PENDING_APPROVAL' });
    const workspace = await workspaceWith('valid.sp-config.json');
    // Approve 1.5 s after the draft is ready, so the Action finds it pending first.
    let seenPendingAt = 0;
    const approver = setInterval(async () => {
      const drafts = (await tenant.control.state()).drafts as Array<{
        jobId: string;
        status: string;
        approvalStatus: string;
      }>;
      for (const draft of drafts) {
        if (draft.status === 'COMPLETE' && draft.approvalStatus === 'PENDING_APPROVAL') {
          seenPendingAt ||= Date.now();
          if (Date.now() - seenPendingAt > 1_500) {
            await tenant.control.setApproval(draft.jobId, 'APPROVED', 'Looks good');
          }
        }
      }
    }, 200);
    try {
      const outcome = await run(
        {
          operation: 'promote',
          'config-path': 'valid.sp-config.json',
          'wait-for-approval': 'true',
          ...tenant.connection,
        },
        { workspace },
      );
      expect(outcome.exitCode).toBe(0);
      expect(outcome.outputs.status).toBe('COMPLETE');
      expect(outcome.stdout).toContain('needs approval');
    } finally {
      clearInterval(approver);
    }
  });

  it('fails on a pending draft without wait-for-approval', async () => {
    await tenant.control.settings({ draftApprovalStatus: 'PENDING_APPROVAL' });
    const workspace = await workspaceWith('valid.sp-config.json');
    const outcome = await run(
      { operation: 'promote', 'config-path': 'valid.sp-config.json', ...tenant.connection },
      { workspace },
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.message).toContain('PENDING_APPROVAL');
    expect(outcome.outputs.message).toContain('wait-for-approval: true');
    expect(await deploysInState()).toEqual([]);
  });
});

describe('deploy', () => {
  it('fails on a DENIED draft with the approval comments', async () => {
    await tenant.control.seed({
      drafts: [
        completeDraft('d-denied', {
          approvalStatus: 'DENIED',
          approvalComment: [
            {
              comment: 'Wrong owner on role',
              timestamp: '2026-12-01T11:00:00Z',
              user: 'alice',
              id: 'c1',
              changedToStatus: 'REJECTED',
            },
          ],
        }),
      ],
    });
    const outcome = await run({
      operation: 'deploy',
      'draft-id': 'd-denied',
      ...tenant.connection,
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.message).toContain('denied');
    expect(outcome.outputs.message).toContain('alice: Wrong owner on role');
    expect(await deploysInState()).toEqual([]);
  });

  it('names a draft that does not exist', async () => {
    const outcome = await run({
      operation: 'deploy',
      'draft-id': 'missing-draft',
      ...tenant.connection,
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.message).toContain('Draft missing-draft was not found');
  });

  it('times out on a deploy that never ends and says how to resume', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.nextJob('deploy', 'NEVER_FINISH');
    const outcome = await run({
      operation: 'deploy',
      'draft-id': 'd-1',
      timeout: '3s',
      ...tenant.connection,
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('TIMED_OUT');
    const deployId = outcome.outputs['deploy-id'];
    expect(deployId).not.toBe('');
    expect(outcome.outputs.message).toContain(`deploy-id: ${deployId}`);
  });

  it('resumes waiting for a running deploy by deploy-id', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    const started = await run({
      operation: 'deploy',
      'draft-id': 'd-1',
      wait: 'false',
      ...tenant.connection,
    });
    expect(started.exitCode).toBe(0);
    expect(started.outputs.status).toBe('NOT_STARTED');
    const resumed = await run({
      operation: 'deploy',
      'deploy-id': started.outputs['deploy-id'],
      ...tenant.connection,
    });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.outputs.status).toBe('COMPLETE');
    expect(resumed.outputs['draft-id']).toBe('d-1');
    expect(await deploysInState()).toHaveLength(1);
  });

  it('fails with the server message when the deploy ends FAILED', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.nextJob('deploy', 'FAILED', 'Source owner not found in target');
    const outcome = await run({ operation: 'deploy', 'draft-id': 'd-1', ...tenant.connection });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('FAILED');
    expect(outcome.outputs.message).toContain('Source owner not found in target');
  });

  it('stops at once on SIGTERM and prints the job ids', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.nextJob('deploy', 'NEVER_FINISH');
    let sentAt = 0;
    const outcome = await run(
      { operation: 'deploy', 'draft-id': 'd-1', ...tenant.connection },
      {
        onStart: (child) => {
          const poll = setInterval(async () => {
            if ((await deploysInState()).length > 0) {
              clearInterval(poll);
              sentAt = Date.now();
              child.kill('SIGTERM');
            }
          }, 100);
        },
      },
    );
    const stoppedAfterMs = Date.now() - sentAt;
    expect(outcome.exitCode).toBe(1);
    expect(stoppedAfterMs).toBeLessThan(5_000);
    expect(outcome.outputs.status).toBe('CANCELLED');
    const deployId = (await deploysInState())[0].jobId;
    expect(outcome.outputs['deploy-id']).toBe(deployId);
    expect(outcome.stdout).toContain(`deploy-id ${deployId}`);
  });

  it('creates one deploy when the response to the create is lost', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.fault({
      method: 'POST',
      path: '/deploys$',
      drop: 'before-response',
      apply: true,
    });
    const outcome = await run({ operation: 'deploy', 'draft-id': 'd-1', ...tenant.connection });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    const deploys = await deploysInState();
    expect(deploys).toHaveLength(1);
    expect(outcome.outputs['deploy-id']).toBe(deploys[0].jobId);
    expect(outcome.stdout).toContain('created by the request whose response was lost');
  });

  it('sends the deploy again when the lost request was not applied', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.fault({
      method: 'POST',
      path: '/deploys$',
      drop: 'before-response',
      apply: false,
    });
    const outcome = await run({ operation: 'deploy', 'draft-id': 'd-1', ...tenant.connection });
    expect(outcome.exitCode).toBe(0);
    expect(await deploysInState()).toHaveLength(1);
    const posts = (await tenant.control.requests()).filter(
      (r) => r.method === 'POST' && r.path.endsWith('/deploys'),
    );
    expect(posts).toHaveLength(2);
  });

  it('survives token expiry during a long wait', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.settings({ durations: { deployMs: 3_000 } });
    const expirer = setTimeout(() => void tenant.control.expireTokens(), 1_500);
    const outcome = await run({ operation: 'deploy', 'draft-id': 'd-1', ...tenant.connection });
    clearTimeout(expirer);
    expect(outcome.exitCode).toBe(0);
    const log = await tenant.control.requests();
    expect(log.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
    expect(log.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('rides out a burst of 429 responses', async () => {
    await tenant.control.seed({ drafts: [completeDraft('d-1')] });
    await tenant.control.fault({
      method: 'GET',
      path: '/deploys/',
      count: 3,
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { message: ' Rate Limit Exceeded ' },
    });
    const outcome = await run({ operation: 'deploy', 'draft-id': 'd-1', ...tenant.connection });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toContain('after HTTP 429 Too Many Requests');
    expect((await tenant.control.requests()).filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('rejects draft-id and deploy-id together', async () => {
    const outcome = await run({
      operation: 'deploy',
      'draft-id': 'a',
      'deploy-id': 'b',
      ...tenant.connection,
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.message).toBe(
      'Inputs draft-id and deploy-id cannot be used together: give only one of them.',
    );
  });
});
