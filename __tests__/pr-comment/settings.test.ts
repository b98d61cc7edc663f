import { writeFile } from 'node:fs/promises';
import { InputError } from '../../src/settings/parse.js';
import {
  DEFAULT_GITHUB_API_URL,
  readPullRequestCommentSettings,
} from '../../src/settings/pr-comment-settings.js';
import { githubEnv, pullRequestPayload, settingsFor, writeEvent } from './helpers.js';

const API_URL = 'http://127.0.0.1:9';

function read(inputs: Record<string, string>, env: NodeJS.ProcessEnv) {
  return readPullRequestCommentSettings((name) => inputs[name] ?? '', env);
}

describe('readPullRequestCommentSettings', () => {
  it('reads the pull request of a pull_request event', async () => {
    const env = githubEnv(API_URL, 'pull_request', await writeEvent(pullRequestPayload(17)));
    const settings = read({ 'github-token': 'ghs_x' }, env);
    expect(settings.mode).toBe('auto');
    expect(settings.token).toBe('ghs_x');
    expect(settings.apiUrl).toBe(API_URL);
    expect(settings.repository).toEqual({ owner: 'acme', repo: 'identity-config' });
    expect(settings.pullRequestNumber).toBe(17);
    expect(settings.eventName).toBe('pull_request');
    expect(settings.fromFork).toBe(false);
  });

  it('detects a pull request from a fork', async () => {
    const env = githubEnv(API_URL, 'pull_request', await writeEvent(pullRequestPayload(3, true)));
    expect(read({}, env).fromFork).toBe(true);
  });

  it('accepts always and never', async () => {
    const env = githubEnv(API_URL, 'push', await writeEvent({ ref: 'refs/heads/main' }));
    expect(read({ 'pr-comment': 'always' }, env).mode).toBe('always');
    expect(read({ 'pr-comment': 'never' }, env).mode).toBe('never');
  });

  it('rejects an unknown mode with the value', () => {
    const env = githubEnv(API_URL, 'push', '/nonexistent/event.json');
    expect(() => read({ 'pr-comment': 'sometimes' }, env)).toThrow(InputError);
    expect(() => read({ 'pr-comment': 'sometimes' }, env)).toThrow(
      'Input pr-comment is "sometimes", which is not one of: auto, always, never.',
    );
  });

  it('reports a bad mode through readSettings', () => {
    const env = githubEnv(API_URL, 'push', '/nonexistent/event.json');
    expect(() => settingsFor(env, { 'pr-comment': 'yes' })).toThrow(/Input pr-comment is "yes"/);
  });

  it('defaults the API URL without contacting it', () => {
    const env = { GITHUB_REPOSITORY: 'acme/identity-config' };
    expect(read({}, env).apiUrl).toBe(DEFAULT_GITHUB_API_URL);
  });

  it('drops a trailing slash of GITHUB_API_URL', () => {
    const env = { GITHUB_API_URL: 'https://ghe.example/api/v3/' };
    expect(read({}, env).apiUrl).toBe('https://ghe.example/api/v3');
  });

  it('keeps running when the payload is missing', () => {
    const env = githubEnv(API_URL, 'pull_request', '/nonexistent/event.json');
    const settings = read({}, env);
    expect(settings.pullRequestNumber).toBeUndefined();
    expect(settings.payloadProblem).toContain('/nonexistent/event.json could not be read');
  });

  it('keeps running when the payload is not JSON', async () => {
    const path = await writeEvent({});
    await writeFile(path, '{not json');
    const settings = read({}, githubEnv(API_URL, 'pull_request', path));
    expect(settings.pullRequestNumber).toBeUndefined();
    expect(settings.payloadProblem).toContain('is not valid JSON');
  });

  it('ignores a non-numeric pull request number', async () => {
    const env = githubEnv(
      API_URL,
      'pull_request',
      await writeEvent({ pull_request: { number: '5' } }),
    );
    expect(read({}, env).pullRequestNumber).toBeUndefined();
  });

  it('ignores a repository without owner', () => {
    expect(read({}, { GITHUB_REPOSITORY: 'identity-config' }).repository).toBeUndefined();
  });
});
