import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../src/client/logger.js';
import type { RunResult } from '../../src/operations/context.js';
import { readSettings, type Settings } from '../../src/settings/settings.js';
import { FAKE_OWNER, FAKE_REPO } from '../helpers/fake-github.js';

export const RUN_URL = `https://github.example/${FAKE_OWNER}/${FAKE_REPO}/actions/runs/42`;

/** Writes a webhook payload to a new temporary file and returns its path. */
export async function writeEvent(payload: unknown): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'event-'));
  const path = join(folder, 'event.json');
  await writeFile(path, JSON.stringify(payload));
  return path;
}

/** Builds a pull_request payload. With `fork`, the head repository is a fork of the base repository. */
export function pullRequestPayload(number: number, fork = false): Record<string, unknown> {
  const base = { full_name: `${FAKE_OWNER}/${FAKE_REPO}`, fork: false };
  const head = fork ? { full_name: `contributor/${FAKE_REPO}`, fork: true } : base;
  return {
    action: 'synchronize',
    number,
    pull_request: { number, head: { repo: head }, base: { repo: base } },
  };
}

/** Builds the GitHub variables of a run, pointed at the fake API. */
export function githubEnv(
  apiUrl: string,
  eventName: string,
  eventPath: string,
): Record<string, string> {
  return {
    GITHUB_API_URL: apiUrl,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${FAKE_OWNER}/${FAKE_REPO}`,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_WORKSPACE: tmpdir(),
  };
}

/** Reads the settings of a validate run through readSettings, as the Action reads them. */
export function settingsFor(
  env: Record<string, string>,
  inputs: Record<string, string> = {},
): Settings {
  const all: Record<string, string> = {
    operation: 'validate',
    'config-path': 'export.json',
    'github-token': 'ghs_test-token',
    ...inputs,
  };
  return readSettings((name) => all[name] ?? '', env);
}

export function runResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    operation: 'validate',
    status: 'COMPLETE',
    message: 'The export is valid: 3 objects.',
    objectCount: 3,
    countsByType: { ROLE: 1, TRANSFORM: 2 },
    phases: [{ name: 'Validate', status: 'COMPLETE', durationMs: 12 }],
    findings: [],
    ...overrides,
  };
}

export interface RecordingLogger extends Logger {
  debugs: string[];
  infos: string[];
  warnings: string[];
}

export function recordingLogger(): RecordingLogger {
  const logger: RecordingLogger = {
    debugs: [],
    infos: [],
    warnings: [],
    debug: (message) => logger.debugs.push(message),
    info: (message) => logger.infos.push(message),
    warning: (message) => logger.warnings.push(message),
  };
  return logger;
}
