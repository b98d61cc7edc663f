import type { Logger } from '../client/logger.js';
import type { RunResult } from '../operations/context.js';
import {
  PULL_REQUEST_EVENTS,
  type PullRequestCommentSettings,
} from '../settings/pr-comment-settings.js';
import type { Settings } from '../settings/settings.js';
import { type CommentTarget, upsertComment } from './pr-comment/github.js';
import { commentMarker, renderPullRequestComment, truncateComment } from './pr-comment/render.js';

/**
 * Creates or updates the run's sticky pull-request comment: one comment per tenant and
 * operation, found again by its marker line.
 *
 * The comment is a report, so no failure here fails the step: a missing permission, a
 * fork's read-only token, a network error or any other error becomes one warning, and
 * the outcome of the operation stays as it was.
 */
export async function publishPullRequestComment(
  result: RunResult,
  settings: Settings,
  logger: Logger,
): Promise<void> {
  const commentSettings = settings.pullRequestComment;
  const target = resolveTarget(commentSettings, logger);
  if (!target) {
    return;
  }

  try {
    const marker = commentMarker(result.tenant, result.operation);
    const body = truncateComment(
      renderPullRequestComment(result, settings.runUrl),
      settings.runUrl,
    );
    const outcome = await upsertComment(target, marker, body, logger);
    logger.info(
      `${outcome.action === 'created' ? 'Created' : 'Updated'} the comment ${outcome.id} on pull request ` +
        `#${target.pullRequestNumber}${outcome.url ? `: ${outcome.url}` : ''}.`,
    );
  } catch (error) {
    logger.warning(describeFailure(error, target, commentSettings.fromFork === true));
  }
}

/** Decides whether this run comments, and on which pull request. Logs the reason when it does not. */
function resolveTarget(
  settings: PullRequestCommentSettings,
  logger: Logger,
): CommentTarget | undefined {
  if (settings.mode === 'never') {
    logger.debug('Pull-request comment: skipped because pr-comment is never.');
    return undefined;
  }
  if (settings.mode === 'auto' && !PULL_REQUEST_EVENTS.includes(settings.eventName ?? '')) {
    logger.debug(
      `Pull-request comment: skipped because the event is ${settings.eventName ?? '(unknown)'}; ` +
        `pr-comment auto comments on ${PULL_REQUEST_EVENTS.join(' and ')} events, and always on any event with a pull request.`,
    );
    return undefined;
  }
  if (settings.pullRequestNumber === undefined) {
    const reason = settings.payloadProblem ?? 'the event payload has no pull_request.number';
    logger.debug(`Pull-request comment: skipped because ${reason}.`);
    return undefined;
  }
  if (!settings.repository) {
    logger.debug('Pull-request comment: skipped because GITHUB_REPOSITORY is not owner/name.');
    return undefined;
  }
  if (!settings.token) {
    logger.warning(
      'The pull-request comment was not posted because input github-token is empty. ' +
        'Leave github-token at its default, ${{ github.token }}, or set pr-comment: never.',
    );
    return undefined;
  }
  return {
    apiUrl: settings.apiUrl ?? '',
    token: settings.token,
    owner: settings.repository.owner,
    repo: settings.repository.repo,
    pullRequestNumber: settings.pullRequestNumber,
  };
}

/** Turns a failed GitHub call into one warning that names the fix. */
function describeFailure(error: unknown, target: CommentTarget, fromFork: boolean): string {
  // Octokit gives a network failure status 500 but no response, so only a response's status counts.
  const failure = error as { status?: unknown; response?: unknown } | null;
  const status = failure?.response ? failure.status : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const pullRequest = `pull request #${target.pullRequestNumber} of ${target.owner}/${target.repo}`;
  const summary = 'The job summary has the full report.';
  if (status === 403 || (status === 404 && fromFork)) {
    return (
      `The pull-request comment was not posted: the token may not write comments on ${pullRequest} ` +
      `(HTTP ${status}: ${message}). Give the job permissions: pull-requests: write. ` +
      `A pull request from a fork gets a read-only token, so there the comment is skipped. ${summary}`
    );
  }
  if (status === 404) {
    return (
      `The pull-request comment was not posted: GitHub returned HTTP 404 for ${pullRequest}, ` +
      `which does not exist or is not visible to the token (${message}). ${summary}`
    );
  }
  const http = typeof status === 'number' ? `HTTP ${status}: ` : '';
  return `The pull-request comment was not posted on ${pullRequest}: ${http}${message}. ${summary}`;
}
