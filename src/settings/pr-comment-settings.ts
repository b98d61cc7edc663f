import { readFileSync } from 'node:fs';
import { parseChoice } from './parse.js';
import type { InputReader } from './settings.js';

/**
 * When to post the comment: `auto` on pull_request and pull_request_target events,
 * `always` on any event whose payload names a pull request, `never` not at all.
 */
export const PULL_REQUEST_COMMENT_MODES = ['auto', 'always', 'never'] as const;
export type PullRequestCommentMode = (typeof PULL_REQUEST_COMMENT_MODES)[number];

/** Events on which mode `auto` comments. */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** Inputs and GitHub context of the sticky pull-request comment. */
export interface PullRequestCommentSettings {
  mode: PullRequestCommentMode;
  /** The github-token input, empty when the workflow passes none. */
  token?: string;
  /** REST API root from GITHUB_API_URL, which differs on GitHub Enterprise Server. */
  apiUrl?: string;
  /** Owner and name from GITHUB_REPOSITORY, absent when it is not `owner/name`. */
  repository?: { owner: string; repo: string };
  /** `pull_request.number` of the event payload. */
  pullRequestNumber?: number;
  /** True when the pull request's head repository differs from its base repository. */
  fromFork?: boolean;
  /** GITHUB_EVENT_NAME, such as pull_request or push. */
  eventName?: string;
  /** Reason the event payload could not be read, for the debug log. */
  payloadProblem?: string;
}

/** Reads the pull-request comment inputs and the GitHub context it needs from the environment. */
export function readPullRequestCommentSettings(
  input: InputReader,
  env: NodeJS.ProcessEnv,
): PullRequestCommentSettings {
  const mode = parseChoice(
    'pr-comment',
    input('pr-comment').trim() || 'auto',
    PULL_REQUEST_COMMENT_MODES,
  );
  const settings: PullRequestCommentSettings = {
    mode,
    token: input('github-token'),
    apiUrl: (env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
    repository: parseRepository(env.GITHUB_REPOSITORY),
    eventName: env.GITHUB_EVENT_NAME || undefined,
  };
  if (mode === 'never') {
    return settings;
  }

  const payload = readEventPayload(env.GITHUB_EVENT_PATH);
  if ('problem' in payload) {
    settings.payloadProblem = payload.problem;
    return settings;
  }
  const pullRequest = asRecord(payload.value.pull_request);
  const number = pullRequest?.number;
  if (typeof number === 'number' && Number.isInteger(number) && number > 0) {
    settings.pullRequestNumber = number;
  }
  const headRepository = asRecord(asRecord(pullRequest?.head)?.repo);
  const baseRepository = asRecord(asRecord(pullRequest?.base)?.repo);
  if (headRepository && baseRepository) {
    settings.fromFork =
      headRepository.fork === true || headRepository.full_name !== baseRepository.full_name;
  }
  return settings;
}

function parseRepository(value: string | undefined): { owner: string; repo: string } | undefined {
  const match = (value ?? '').match(/^([^/\s]+)\/([^/\s]+)$/);
  return match ? { owner: match[1], repo: match[2] } : undefined;
}

/**
 * Reads the webhook payload that the runner writes to GITHUB_EVENT_PATH. A missing or
 * unreadable file is no input error: the run goes on and only the comment is skipped.
 */
function readEventPayload(
  path: string | undefined,
): { value: Record<string, unknown> } | { problem: string } {
  if (!path) {
    return { problem: 'GITHUB_EVENT_PATH is not set' };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problem: `the event payload ${path} could not be read: ${(error as Error).message}` };
  }
  try {
    const value = asRecord(JSON.parse(text));
    return value ? { value } : { problem: `the event payload ${path} is not a JSON object` };
  } catch (error) {
    return { problem: `the event payload ${path} is not valid JSON: ${(error as Error).message}` };
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
