import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotations, PROJECT_ROOT, runAction } from '../helpers/action-runner.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { pullRequestPayload, writeEvent } from './helpers.js';

const PR = 31;
const VALIDATE_MARKER = '<!-- isc-config-hub:comment tenant= operation=validate -->';
const VALID_EXPORT = join(PROJECT_ROOT, '__tests__', 'fixtures', 'e2e', 'valid.sp-config.json');
const HOSTILE_NAME = '<img src=x onerror=alert(1)> | ** [link](javascript:x)';

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  github.requests.length = 0;
  github.comments.length = 0;
  github.denyWrites = undefined;
});

async function workspaceWithValidExport(): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'pr-comment-'));
  await copyFile(VALID_EXPORT, join(workspace, 'valid.sp-config.json'));
  return workspace;
}

/** Runs validate in `workspace` as a workflow on `eventName` with `payload` would. */
async function validate(
  workspace: string,
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {},
) {
  return runAction(
    { operation: 'validate', 'config-path': 'valid.sp-config.json', ...inputs },
    {
      workspace,
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_EVENT_NAME: eventName,
        GITHUB_EVENT_PATH: await writeEvent(payload),
        'INPUT_GITHUB-TOKEN': 'ghs_e2e-token',
      },
    },
  );
}

describe('pull-request comment of the Action', () => {
  it('creates, then updates one comment', async () => {
    const workspace = await workspaceWithValidExport();
    const first = await validate(workspace, 'pull_request', pullRequestPayload(PR));
    const second = await validate(workspace, 'pull_request', pullRequestPayload(PR));

    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    const comments = github.commentsOf(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0].body.split('\n')[0]).toBe(VALIDATE_MARKER);
    expect(comments[0].body).toContain('### Configuration Hub: validate');
    expect(comments[0].body).toContain('| GOVERNANCE\\_GROUP | 1 |');
    expect(comments[0].body).toContain(
      '[Workflow run](https://github.example/acme/identity-config/actions/runs/42)',
    );
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    expect(github.requests[0].authorization).toBe('token ghs_e2e-token');
  });

  it('warns once and succeeds on a fork', async () => {
    github.denyWrites = 403;
    const workspace = await workspaceWithValidExport();
    const outcome = await validate(workspace, 'pull_request', pullRequestPayload(PR, true));

    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.status).toBe('COMPLETE');
    const warnings = annotations(outcome.stdout).filter((a) => a.kind === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('The pull-request comment was not posted');
    expect(warnings[0].message).toContain('HTTP 403');
    expect(annotations(outcome.stdout).filter((a) => a.kind === 'error')).toEqual([]);
    // The runner consumes ::add-mask:: lines and hides their value everywhere else.
    expect(outcome.stdout).toContain('::add-mask::ghs_e2e-token');
    expect(outcome.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain('ghs_e2e-token');
    expect(github.commentsOf(PR)).toHaveLength(0);
  });

  it('escapes a hostile object name', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'pr-comment-'));
    const role = { version: 1, self: { type: 'ROLE', name: HOSTILE_NAME }, object: { name: 'x' } };
    await writeFile(
      join(workspace, 'valid.sp-config.json'),
      JSON.stringify({ version: 1, tenant: 'acme-dev', objects: [role, role] }, null, 2),
    );
    const outcome = await validate(workspace, 'pull_request', pullRequestPayload(PR));

    expect(outcome.exitCode).toBe(1);
    const [comment] = github.commentsOf(PR);
    expect(comment.body).toContain('Duplicate ROLE object with name');
    expect(comment.body).not.toContain('<img');
    expect(comment.body).not.toContain('[link](');
    expect(comment.body).not.toContain(' | ** ');
    expect(comment.body).toContain(
      '&lt;img src=x onerror=alert(1)&gt; \\| \\*\\* \\[link\\](javascript:x)',
    );
  });

  it('posts nothing on push with mode auto', async () => {
    const workspace = await workspaceWithValidExport();
    const outcome = await validate(workspace, 'push', {
      ref: 'refs/heads/main',
      ...pullRequestPayload(PR),
    });

    expect(outcome.exitCode).toBe(0);
    expect(github.requests).toHaveLength(0);
  });

  it('posts on push with mode always', async () => {
    const workspace = await workspaceWithValidExport();
    const outcome = await validate(
      workspace,
      'push',
      { ref: 'refs/heads/main', ...pullRequestPayload(PR) },
      { 'pr-comment': 'always' },
    );

    expect(outcome.exitCode).toBe(0);
    expect(github.commentsOf(PR)).toHaveLength(1);
  });

  it('rejects a bad pr-comment value', async () => {
    const workspace = await workspaceWithValidExport();
    const outcome = await validate(workspace, 'pull_request', pullRequestPayload(PR), {
      'pr-comment': 'on',
    });

    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.status).toBe('INVALID_INPUT');
    expect(outcome.outputs.message).toContain('Input pr-comment is "on"');
    expect(github.requests).toHaveLength(0);
  });
});
