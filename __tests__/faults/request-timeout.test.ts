import { systemClock } from '../../src/client/clock.js';
import { ConfigHubClient } from '../../src/client/config-hub-client.js';
import { runOperation } from '../../src/operations/index.js';
import type { OperationContext, OperationLogger, RunResult } from '../../src/operations/context.js';
import { readSettings } from '../../src/settings/settings.js';
import { type E2eContext, startTenant, workspaceWith } from '../e2e/setup.js';
import { draftsDeployedTwice, READY_DRAFT, type TenantState } from './harness.js';
import { ObservationRecorder } from './record.js';

// The Action always uses the client's default request timeout of 60 s and has no input to
// change it, so a response that never comes cannot be shown through dist/index.js in a fast
// test. These cases build the client with a short requestTimeoutMs and run it, or a whole
// operation on it, in this process against the emulator. The emulator delays its response
// by the fault's delayMs.
const REQUEST_TIMEOUT_MS = 400;
const RESPONSE_DELAY_MS = 3_000;

const recorder = new ObservationRecorder('Request timeout (client in process)', 'request-timeout');
let tenant: E2eContext;

beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.emulator.stop();
  await recorder.save();
});
beforeEach(async () => {
  await tenant.control.reset();
});

function recordingLogger(): OperationLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug ${message}`),
    info: (message) => lines.push(`info ${message}`),
    warning: (message) => lines.push(`warning ${message}`),
    group: (_name, body) => body(),
  };
}

function clientFor(logger: OperationLogger): ConfigHubClient {
  return new ConfigHubClient({
    baseUrl: tenant.emulator.url,
    apiVersion: 'v2024',
    credentials: {
      kind: 'client-credentials',
      clientId: tenant.connection['client-id'],
      clientSecret: tenant.connection['client-secret'],
    },
    logger,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    retry: { baseDelayMs: 100 },
  });
}

/** Runs one operation in this process on a client with the short request timeout. */
async function runInProcess(inputs: Record<string, string>, workspace?: string) {
  const logger = recordingLogger();
  const settings = readSettings((name) => inputs[name] ?? '', {
    GITHUB_WORKSPACE: workspace ?? process.cwd(),
    GITHUB_REPOSITORY: 'acme/identity-config',
  });
  const result: RunResult = {
    operation: inputs.operation,
    status: 'FAILED',
    message: '',
    phases: [],
    findings: [],
  };
  const client = clientFor(logger);
  const context: OperationContext = {
    settings,
    client,
    clock: systemClock,
    logger,
    signal: new AbortController().signal,
    result,
  };
  let error: unknown;
  try {
    await runOperation(context);
  } catch (caught) {
    error = caught;
  } finally {
    client.close();
  }
  const state = (await tenant.control.state()) as unknown as TenantState;
  return { result, error, logger, state };
}

function connection(): Record<string, string> {
  return { ...tenant.connection, timeout: '15s', wait: 'true' };
}

describe('request timeout', () => {
  it('retries a GET that never answers', async () => {
    await tenant.control.fault({ method: 'GET', path: '/drafts$', delayMs: RESPONSE_DELAY_MS });
    const logger = recordingLogger();
    const client = clientFor(logger);
    const startedAt = Date.now();
    let observed = '';
    let passed = false;
    try {
      const drafts = await client.listDrafts();
      const elapsedMs = Date.now() - startedAt;
      const retries = logger.lines.filter((line) => line.includes('after ETIMEDOUT'));
      observed = `returned after ${retries.length} timeout retry, before the held-back answer`;
      expect(drafts).toEqual([]);
      expect(retries).toHaveLength(1);
      expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
      expect(elapsedMs).toBeLessThan(RESPONSE_DELAY_MS);
      passed = true;
    } finally {
      client.close();
      recorder.add({
        fault: `draft list GET answered after ${RESPONSE_DELAY_MS / 1000} s; request timeout ${REQUEST_TIMEOUT_MS} ms`,
        operation: 'client: listDrafts',
        expected: 'times out, retries the GET, returns the list',
        observed: observed || 'threw',
        passed,
      });
    }
  });

  it('finds a deploy whose create timed out', async () => {
    await tenant.control.seed({ drafts: [READY_DRAFT] });
    await tenant.control.fault({ method: 'POST', path: '/deploys$', delayMs: RESPONSE_DELAY_MS });
    const { result, error, logger, state } = await runInProcess({
      operation: 'deploy',
      'draft-id': READY_DRAFT.jobId,
      ...connection(),
    });
    let passed = false;
    try {
      expect(error).toBeUndefined();
      expect(result.status).toBe('COMPLETE');
      // The fault holds back only the first POST, so a second one would make a second deploy.
      expect(state.deploys).toHaveLength(1);
      expect(draftsDeployedTwice(state)).toEqual([]);
      expect(result.deployId).toBe(state.deploys[0].jobId);
      expect(
        logger.lines.some((line) => line.includes('no answer before the request timeout')),
      ).toBe(true);
      passed = true;
    } finally {
      recorder.add({
        fault: `deploy POST applied, answered after ${RESPONSE_DELAY_MS / 1000} s; request timeout ${REQUEST_TIMEOUT_MS} ms`,
        operation: 'deploy (in process)',
        expected:
          'treated as a lost response: finds the deploy and waits for it; COMPLETE, one deploy',
        observed: `${error ? 'threw' : 'returned'}, ${result.status}, ${state.deploys.length} deploy`,
        passed,
      });
    }
  });

  it('finds an upload whose create timed out', async () => {
    await tenant.control.fault({
      method: 'POST',
      path: '/backups/uploads$',
      delayMs: RESPONSE_DELAY_MS,
    });
    const workspace = await workspaceWith('valid.sp-config.json');
    const { error, result, state } = await runInProcess(
      { operation: 'upload', 'config-path': 'valid.sp-config.json', ...connection() },
      workspace,
    );
    let passed = false;
    try {
      expect(error).toBeUndefined();
      expect(state.uploads).toHaveLength(1);
      expect(result.uploadId).toBe(state.uploads[0].jobId);
      expect(result.status).toBe('COMPLETE');
      passed = true;
    } finally {
      recorder.add({
        fault: `upload POST answered after ${RESPONSE_DELAY_MS / 1000} s; request timeout ${REQUEST_TIMEOUT_MS} ms`,
        operation: 'upload (in process)',
        expected:
          'not sent again (a POST): the Action finds the upload the server made under its name and waits for it',
        observed: `${error === undefined ? `status ${result.status}` : `threw ${(error as Error).message}`}, ${state.uploads.length} upload in the tenant`,
        passed,
      });
    }
  });
});
