import { getOctokit } from '@actions/github';
import type { Logger } from '../../client/logger.js';

/**
 * Time allowed for each call to GitHub, where listing all pages of comments counts as one
 * call. A slow GitHub must not hold the job open.
 */
const REQUEST_TIMEOUT_MS = 30_000;

/** The pull request that gets the comment. */
export interface CommentTarget {
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  pullRequestNumber: number;
}

interface IssueComment {
  id: number;
  body?: string;
  created_at: string;
  user?: { type?: string } | null;
}

/**
 * Creates the comment, or updates the newest comment of the pull request whose body
 * starts with `marker`. Every page of comments is read, because a busy pull request
 * can push the marked comment past the first page. Returns what was done.
 */
export async function upsertComment(
  target: CommentTarget,
  marker: string,
  body: string,
  logger: Logger,
): Promise<{ action: 'created' | 'updated'; id: number; url?: string }> {
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
  const where = {
    owner: target.owner,
    repo: target.repo,
  };

  const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, {
    ...where,
    issue_number: target.pullRequestNumber,
    per_page: 100,
    request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
  });
  // Anyone can post a comment that starts with the marker, so comments by bots (the
  // GITHUB_TOKEN writes as github-actions[bot]) come first.
  const byBot = (comment: IssueComment) => (comment.user?.type === 'Bot' ? 0 : 1);
  const marked = comments
    .filter((comment) => (comment.body ?? '').startsWith(marker))
    .sort(
      (a, b) =>
        byBot(a) - byBot(b) || Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id,
    );
  if (marked.length > 1) {
    logger.debug(
      `Pull request #${target.pullRequestNumber} has ${marked.length} comments with the marker ` +
        `${marker}: updating the newest (comments by bots first), ${marked[0].id}, and leaving ${marked
          .slice(1)
          .map((comment) => comment.id)
          .join(', ')} as they are.`,
    );
  }

  if (marked.length > 0) {
    try {
      const response = await octokit.rest.issues.updateComment({
        ...where,
        comment_id: marked[0].id,
        body,
        request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      });
      return { action: 'updated', id: response.data.id, url: response.data.html_url };
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 403 && status !== 404) {
        throw error;
      }
      // The marked comment is someone else's or gone: post a comment of our own instead.
      logger.debug(
        `Could not update comment ${marked[0].id} (HTTP ${status}); creating a new comment.`,
      );
    }
  }
  const response = await octokit.rest.issues.createComment({
    ...where,
    issue_number: target.pullRequestNumber,
    body,
    request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
  });
  return { action: 'created', id: response.data.id, url: response.data.html_url };
}
