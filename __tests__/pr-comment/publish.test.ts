import type { RunResult } from '../../src/operations/context.js';
import type { Settings } from '../../src/settings/settings.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { drop, startScriptedServer } from '../helpers/test-server.js';
import {
  githubEnv,
  pullRequestPayload,
  recordingLogger,
  runResult,
  settingsFor,
  writeEvent,
} from './helpers.js';

const PR = 12;
const VALIDATE_MARKER = '<!-- isc-config-hub:comment tenant= operation=validate -->';

let github: FakeGitHub;
let publishPullRequestComment: (
  result: RunResult,
  settings: Settings,
  logger: ReturnType<typeof recordingLogger>,
) => Promise<void>;

beforeAll(async () => {
  github = await startFakeGitHub();
  // @actions/github reads GITHUB_API_URL when it loads, so it is set before the import.
  process.env.GITHUB_API_URL = github.url;
  ({ publishPullRequestComment } = await import('../../src/reporting/pr-comment.js'));
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  github.requests.length = 0;
  github.comments.length = 0;
  github.denyWrites = undefined;
  github.failAllWith = undefined;
  github.denyUpdateOf.clear();
});

async function settingsOn(
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {},
): Promise<Settings> {
  return settingsFor(githubEnv(github.url, eventName, await writeEvent(payload)), inputs);
}

const writes = (): string[] =>
  github.requests.filter((r) => r.method !== 'GET').map((r) => r.method);

describe('publishPullRequestComment', () => {
  it('creates a comment with the token', async () => {
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );

    const comments = github.commentsOf(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0].body.startsWith(`${VALIDATE_MARKER}\n`)).toBe(true);
    expect(comments[0].body).toContain('**Status:** COMPLETE.');
    expect(github.requests[0].authorization).toBe('token ghs_test-token');
    expect(writes()).toEqual(['POST']);
    expect(logger.warnings).toEqual([]);
    expect(logger.infos.join('\n')).toContain(
      `Created the comment ${comments[0].id} on pull request #${PR}`,
    );
  });

  it('updates the comment on the next run', async () => {
    const settings = await settingsOn('pull_request', pullRequestPayload(PR));
    await publishPullRequestComment(
      runResult({ message: 'First run.' }),
      settings,
      recordingLogger(),
    );
    const logger = recordingLogger();
    await publishPullRequestComment(runResult({ message: 'Second run.' }), settings, logger);

    const comments = github.commentsOf(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('Second run.');
    expect(comments[0].body).not.toContain('First run.');
    expect(writes()).toEqual(['POST', 'PATCH']);
    expect(logger.infos.join('\n')).toContain(`Updated the comment ${comments[0].id}`);
  });

  it('gives each tenant its own comment', async () => {
    const settings = await settingsOn('pull_request', pullRequestPayload(PR));
    for (const tenant of ['acme-sb', 'acme', 'acme-sb', 'acme']) {
      await publishPullRequestComment(
        runResult({ operation: 'deploy', tenant, message: `Deployed to ${tenant}.` }),
        settings,
        recordingLogger(),
      );
    }

    const comments = github.commentsOf(PR);
    expect(comments).toHaveLength(2);
    expect(comments[0].body.split('\n')[0]).toBe(
      '<!-- isc-config-hub:comment tenant=acme-sb operation=deploy -->',
    );
    expect(comments[0].body).toContain('Deployed to acme-sb.');
    expect(comments[1].body.split('\n')[0]).toBe(
      '<!-- isc-config-hub:comment tenant=acme operation=deploy -->',
    );
    expect(comments[1].body).toContain('Deployed to acme.');
    expect(writes()).toEqual(['POST', 'POST', 'PATCH', 'PATCH']);
  });

  it('gives each operation its own comment', async () => {
    const settings = await settingsOn('pull_request', pullRequestPayload(PR));
    await publishPullRequestComment(
      runResult({ operation: 'validate' }),
      settings,
      recordingLogger(),
    );
    await publishPullRequestComment(
      runResult({ operation: 'upload', tenant: 'acme-sb' }),
      settings,
      recordingLogger(),
    );
    expect(github.commentsOf(PR)).toHaveLength(2);
  });

  it('finds its comment past the first page', async () => {
    for (let i = 0; i < 150; i++) {
      github.addComment(PR, `Comment ${i} by a reviewer.`);
    }
    const own = github.addComment(PR, `${VALIDATE_MARKER}\nOld report.`, {
      login: 'github-actions[bot]',
    });
    for (let i = 0; i < 60; i++) {
      github.addComment(PR, `Later comment ${i}.`);
    }
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      recordingLogger(),
    );

    expect(github.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
    expect(writes()).toEqual(['PATCH']);
    expect(own.body).toContain('**Status:** COMPLETE.');
    expect(github.commentsOf(PR)).toHaveLength(211);
  });

  it('updates the newest of several marked comments', async () => {
    const older = github.addComment(PR, `${VALIDATE_MARKER}\nOlder report.`);
    const newer = github.addComment(PR, `${VALIDATE_MARKER}\nNewer report.`);
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );

    expect(newer.body).toContain('**Status:** COMPLETE.');
    expect(older.body).toBe(`${VALIDATE_MARKER}\nOlder report.`);
    expect(logger.debugs.join('\n')).toContain(
      `has 2 comments with the marker ${VALIDATE_MARKER}: updating the newest (comments by bots first), ${newer.id}`,
    );
  });

  it('prefers a marked comment by a bot', async () => {
    const bot = github.addComment(PR, `${VALIDATE_MARKER}\nOur report.`, {
      login: 'github-actions[bot]',
    });
    const person = github.addComment(PR, `${VALIDATE_MARKER}\nA copy by someone.`, {
      login: 'mallory',
    });
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      recordingLogger(),
    );
    expect(bot.body).toContain('**Status:** COMPLETE.');
    expect(person.body).toBe(`${VALIDATE_MARKER}\nA copy by someone.`);
  });

  it('posts its own comment when it may not edit the marked one', async () => {
    const foreign = github.addComment(PR, `${VALIDATE_MARKER}\nPlanted.`, { login: 'mallory' });
    github.denyUpdateOf.add(foreign.id);
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );
    expect(writes()).toEqual(['PATCH', 'POST']);
    expect(github.commentsOf(PR)).toHaveLength(2);
    expect(github.commentsOf(PR)[1].body).toContain('**Status:** COMPLETE.');
    expect(logger.warnings).toEqual([]);
  });

  it('ignores a quoted marker inside another comment', async () => {
    const quoted = github.addComment(PR, `Why is there a ${VALIDATE_MARKER} here?`);
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      recordingLogger(),
    );
    expect(writes()).toEqual(['POST']);
    expect(quoted.body).toBe(`Why is there a ${VALIDATE_MARKER} here?`);
  });

  it('warns once on HTTP 403', async () => {
    github.denyWrites = 403;
    const logger = recordingLogger();
    await expect(
      publishPullRequestComment(
        runResult(),
        await settingsOn('pull_request', pullRequestPayload(PR)),
        logger,
      ),
    ).resolves.toBeUndefined();

    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(
      'the token may not write comments on pull request #12 of acme/identity-config',
    );
    expect(logger.warnings[0]).toContain('HTTP 403');
    expect(logger.warnings[0]).toContain('permissions: pull-requests: write');
    expect(github.commentsOf(PR)).toHaveLength(0);
  });

  it('warns once on HTTP 404 from a fork', async () => {
    github.denyWrites = 404;
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR, true)),
      logger,
    );

    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('HTTP 404');
    expect(logger.warnings[0]).toContain('A pull request from a fork gets a read-only token');
  });

  it('warns on HTTP 404 outside a fork', async () => {
    github.denyWrites = 404;
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );

    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('GitHub returned HTTP 404 for pull request #12');
  });

  it('warns on HTTP 500', async () => {
    github.failAllWith = 500;
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );

    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(
      'The pull-request comment was not posted on pull request #12 of acme/identity-config: HTTP 500',
    );
  });

  it('warns when the connection drops', async () => {
    const server = await startScriptedServer([drop]);
    const settings = await settingsOn('pull_request', pullRequestPayload(PR));
    settings.pullRequestComment.apiUrl = server.url;
    const logger = recordingLogger();
    try {
      await publishPullRequestComment(runResult(), settings, logger);
    } finally {
      await server.close();
    }

    expect(server.requests.length).toBeGreaterThan(0);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(
      'The pull-request comment was not posted on pull request #12',
    );
  });

  it('never logs the token', async () => {
    github.denyWrites = 403;
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );
    const everything = [...logger.debugs, ...logger.infos, ...logger.warnings].join('\n');
    expect(everything).not.toContain('ghs_test-token');
  });

  it('warns when the token is empty', async () => {
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR), { 'github-token': '' }),
      logger,
    );
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('input github-token is empty');
    expect(github.requests).toHaveLength(0);
  });

  it('posts a cut body for a huge findings list', async () => {
    const findings = Array.from({ length: 3000 }, (_, i) => ({
      severity: 'error' as const,
      message: `Finding ${i}: ROLE "Role ${i}" has an owner that the tenant does not have.`,
      file: `roles/role-${i}.json`,
      line: 1,
    }));
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult({ status: 'FAILED', findings }),
      await settingsOn('pull_request', pullRequestPayload(PR)),
      logger,
    );

    expect(logger.warnings).toEqual([]);
    const [comment] = github.commentsOf(PR);
    expect(comment.body.length).toBeLessThanOrEqual(65_536);
    expect(comment.body.startsWith(`${VALIDATE_MARKER}\n### Configuration Hub: validate`)).toBe(
      true,
    );
    expect(comment.body).toContain('**This comment was cut**');
  });
});

describe('pr-comment modes', () => {
  const pushWithPullRequest = { ref: 'refs/heads/feature', ...pullRequestPayload(PR) };

  it('never posts with mode never', async () => {
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request', pullRequestPayload(PR), { 'pr-comment': 'never' }),
      logger,
    );
    expect(github.requests).toHaveLength(0);
    expect(logger.debugs.join('\n')).toContain('skipped because pr-comment is never');
  });

  it('skips a push event with mode auto', async () => {
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('push', pushWithPullRequest),
      logger,
    );
    expect(github.requests).toHaveLength(0);
    expect(logger.debugs.join('\n')).toContain('skipped because the event is push');
  });

  it('posts on pull_request_target with mode auto', async () => {
    await publishPullRequestComment(
      runResult(),
      await settingsOn('pull_request_target', pullRequestPayload(PR)),
      recordingLogger(),
    );
    expect(github.commentsOf(PR)).toHaveLength(1);
  });

  it('posts on a push event with mode always', async () => {
    await publishPullRequestComment(
      runResult(),
      await settingsOn('push', pushWithPullRequest, { 'pr-comment': 'always' }),
      recordingLogger(),
    );
    expect(github.commentsOf(PR)).toHaveLength(1);
  });

  it('skips mode always without a pull request', async () => {
    const logger = recordingLogger();
    await publishPullRequestComment(
      runResult(),
      await settingsOn('push', { ref: 'refs/heads/main' }, { 'pr-comment': 'always' }),
      logger,
    );
    expect(github.requests).toHaveLength(0);
    expect(logger.debugs.join('\n')).toContain('the event payload has no pull_request.number');
  });
});
