import type { InputReader } from './settings.js';

/** Inputs and GitHub context of the sticky pull-request comment. */
export interface PullRequestCommentSettings {
  mode: 'auto' | 'always' | 'never';
}

/** Reads the pull-request comment inputs and the GitHub context it needs from the environment. */
export function readPullRequestCommentSettings(
  _input: InputReader,
  _env: NodeJS.ProcessEnv,
): PullRequestCommentSettings {
  // TODO: implement with the pull-request comment.
  return { mode: 'never' };
}
