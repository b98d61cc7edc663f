import type { Logger } from '../client/logger.js';
import type { RunResult } from '../operations/context.js';
import type { Settings } from '../settings/settings.js';

/** Creates or updates the run's sticky pull-request comment. */
export async function publishPullRequestComment(
  _result: RunResult,
  _settings: Settings,
  _logger: Logger,
): Promise<void> {
  // TODO: implement with the pull-request comment.
}
