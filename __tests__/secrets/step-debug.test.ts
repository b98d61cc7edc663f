import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { FAST_DURATIONS, workspaceWith } from '../e2e/setup.js';
import { type ActionRun, runAction } from '../helpers/action-runner.js';
import { EmulatorControl } from '../helpers/emulator-control.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { pullRequestPayload, writeEvent } from '../pr-comment/helpers.js';

// Each operation runs with step debug on, as a pull_request run that posts its comment to a
// fake GitHub API, with a 401 (which makes the client fetch a new token), a 429 and a 5xx
// injected. Then every channel that a workflow log, a later step or a pull request shows is
// searched for the client secret, the GitHub token and every access token the emulator issued.
// The emulator does not expose the tokens it issues, so the `::add-mask::` lines are the list
// of tokens, and their count is checked against the successful token requests in the log.

const CLIENT_ID = 'scan-client-id';
const CLIENT_SECRET = `scan-secret-${randomBytes(16).toString('hex')}`;
const GITHUB_TOKEN = `ghs_${randomBytes(16).toString('hex')}`;
const PULL_REQUEST = 7;
const MASK_PREFIX = '::add-mask::';
const DEBUG_ENV = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' };
const RETRY_AFTER = { 'Retry-After': '1' };

const READY_DRAFT = {
  jobId: 'draft-scan',
  name: 'Release 12',
  status: 'COMPLETE',
  approvalStatus: 'DEFAULT',
  created: '2026-12-01T10:00:00Z',
};

const MAPPING = {
  sourceOrg: 'dev-tenant',
  objectType: 'SOURCE',
  jsonPath: '$.name',
  sourceValue: 'HR (dev)',
  targetValue: 'HR (prod)',
  enabled: true,
};

interface ScanCase {
  operation: string;
  inputs: Record<string, string>;
  files?: string[];
  /** Seeds the tenant and injects the faults. */
  arrange?: (control: EmulatorControl) => Promise<void>;
  /** Whether the operation calls the tenant. Validate does not. */
  callsTenant: boolean;
}

const cases: ScanCase[] = [
  {
    operation: 'validate',
    inputs: { 'config-path': 'valid.sp-config.json' },
    files: ['valid.sp-config.json'],
    callsTenant: false,
  },
  {
    operation: 'upload',
    inputs: { 'config-path': 'valid.sp-config.json' },
    files: ['valid.sp-config.json'],
    callsTenant: true,
    arrange: async (control) => {
      const get = '/backups/uploads/[^/]+$';
      await control.fault({
        method: 'POST',
        path: '/backups/uploads$',
        status: 429,
        headers: RETRY_AFTER,
      });
      await control.fault({ method: 'GET', path: get, status: 401 });
      await control.fault({ method: 'GET', path: get, status: 502 });
    },
  },
  {
    operation: 'deploy',
    inputs: { 'draft-id': READY_DRAFT.jobId },
    callsTenant: true,
    arrange: async (control) => {
      await control.seed({ drafts: [READY_DRAFT] });
      await control.fault({ method: 'GET', path: '/drafts$', status: 503 });
      await control.fault({ method: 'POST', path: '/deploys$', status: 429, headers: RETRY_AFTER });
      await control.fault({ method: 'GET', path: '/deploys/[^/]+$', status: 401 });
    },
  },
  {
    operation: 'promote',
    inputs: { 'config-path': 'valid.sp-config.json' },
    files: ['valid.sp-config.json'],
    callsTenant: true,
    arrange: async (control) => {
      // A 2-second token lifetime makes the client also fetch tokens ahead of expiry.
      await control.settings({ tokenLifetimeSeconds: 2 });
      await control.fault({ method: 'GET', path: '/drafts$', status: 401 });
      await control.fault({
        method: 'POST',
        path: '/scheduled-actions$',
        status: 429,
        headers: RETRY_AFTER,
      });
      await control.fault({ method: 'GET', path: '/backups/uploads/[^/]+$', status: 504 });
    },
  },
  {
    operation: 'sync-mappings',
    inputs: { 'mappings-file': 'mappings.yml' },
    callsTenant: true,
    arrange: async (control) => {
      const list = '/object-mappings/dev-tenant$';
      await control.fault({ method: 'GET', path: list, status: 401 });
      await control.fault({ method: 'GET', path: list, status: 502 });
      await control.fault({
        method: 'POST',
        path: '/bulk-create$',
        status: 429,
        headers: RETRY_AFTER,
      });
    },
  },
  {
    operation: 'cleanup',
    inputs: { 'keep-latest': '0' },
    callsTenant: true,
    arrange: async (control) => {
      await control.seed({
        uploads: ['u-1', 'u-2'].map((jobId, i) => ({
          jobId,
          name: `nightly-${i + 1}`,
          status: 'COMPLETE',
          created: '2026-01-01T00:00:00Z',
        })),
      });
      await control.fault({ method: 'GET', path: '/backups/uploads$', status: 401 });
      await control.fault({ method: 'DELETE', path: '/u-1$', status: 429, headers: RETRY_AFTER });
      await control.fault({ method: 'DELETE', path: '/u-2$', status: 503 });
    },
  },
];

/** Values the Action registered with `::add-mask::`, in order, without repeats. */
function maskedValues(stdout: string): string[] {
  const values = stdout
    .split('\n')
    .filter((line) => line.startsWith(MASK_PREFIX))
    .map((line) => line.slice(MASK_PREFIX.length));
  return [...new Set(values)];
}

/** Names of the secrets that occur in `text`. */
function secretsIn(text: string, secrets: Map<string, string>): string[] {
  return [...secrets].filter(([, value]) => text.includes(value)).map(([name]) => name);
}

let emulator: RunningEmulator;
let control: EmulatorControl;
let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub();
  emulator = await startEmulator({
    tenant: 'acme-scan',
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    durations: FAST_DURATIONS,
  });
  control = new EmulatorControl(emulator.url);
});
afterAll(async () => {
  await emulator.stop();
  await github.close();
});
beforeEach(async () => {
  await control.reset();
  github.requests.length = 0;
  github.comments.length = 0;
});

async function runScanCase(scanCase: ScanCase): Promise<ActionRun> {
  const workspace = await workspaceWith(...(scanCase.files ?? []));
  if (scanCase.operation === 'sync-mappings') {
    await writeFile(join(workspace, 'mappings.yml'), stringify({ mappings: [MAPPING] }));
  }
  await scanCase.arrange?.(control);
  return runAction(
    {
      operation: scanCase.operation,
      'base-url': emulator.url,
      'client-id': CLIENT_ID,
      'client-secret': CLIENT_SECRET,
      'github-token': GITHUB_TOKEN,
      'pr-comment': 'always',
      timeout: '15s',
      ...scanCase.inputs,
    },
    {
      workspace,
      env: {
        ...DEBUG_ENV,
        GITHUB_API_URL: github.url,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: await writeEvent(pullRequestPayload(PULL_REQUEST)),
      },
      killAfterMs: 25_000,
    },
  );
}

describe('secrets under step debug', () => {
  for (const scanCase of cases) {
    it(`${scanCase.operation} leaks no secret`, async () => {
      const run = await runScanCase(scanCase);
      const requests = await control.requests();
      const tokenRequests = requests.filter((r) => r.path === '/oauth/token' && r.status === 200);
      const masked = maskedValues(run.stdout);
      const tokens = masked.filter((value) => value !== CLIENT_SECRET && value !== GITHUB_TOKEN);
      const secrets = new Map<string, string>([
        ['client secret', CLIENT_SECRET],
        ['GitHub token', GITHUB_TOKEN],
      ]);
      tokens.forEach((token, i) => secrets.set(`access token ${i + 1}`, token));
      const stdoutLines = run.stdout.split('\n');
      const unmaskedStdout = stdoutLines.filter((line) => !line.startsWith(MASK_PREFIX)).join('\n');
      const firstOtherLine = stdoutLines.findIndex((line) => !line.startsWith(MASK_PREFIX));

      const comments = github.commentsOf(PULL_REQUEST);
      const writtenBodies = github.requests.map((r) => JSON.stringify(r.body ?? ''));

      expect(run.exitCode).toBe(0);
      expect(masked).toContain(GITHUB_TOKEN);
      expect(comments).toHaveLength(1);
      expect(tokens).toHaveLength(tokenRequests.length);
      if (scanCase.callsTenant) {
        // Validate never reads the credentials, so only the other operations mask the secret.
        expect(masked).toContain(CLIENT_SECRET);
        expect(stdoutLines.indexOf(`${MASK_PREFIX}${CLIENT_SECRET}`)).toBeLessThan(firstOtherLine);
        expect(requests.filter((r) => r.status === 401).length).toBeGreaterThan(0);
        expect(requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
        expect(requests.filter((r) => r.status >= 500).length).toBeGreaterThan(0);
        expect(tokenRequests.length).toBeGreaterThanOrEqual(2);
      }
      expect(secretsIn(unmaskedStdout, secrets)).toEqual([]);
      expect(secretsIn(run.stderr, secrets)).toEqual([]);
      expect(secretsIn(run.summary, secrets)).toEqual([]);
      expect(secretsIn(comments[0]?.body ?? '', secrets)).toEqual([]);
      expect(secretsIn(writtenBodies.join('\n'), secrets)).toEqual([]);
      for (const [name, value] of Object.entries(run.outputs)) {
        expect({ output: name, secrets: secretsIn(value, secrets) }).toEqual({
          output: name,
          secrets: [],
        });
      }
      expect(unmaskedStdout).not.toMatch(/Bearer\s+\S/);
    }, 40_000);
  }
});
