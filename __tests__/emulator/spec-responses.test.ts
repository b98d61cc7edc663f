/**
 * Contract test: every response of the emulator must match the official OpenAPI spec. Prism
 * (@stoplight/prism-cli 5.14) runs as a validating proxy in front of the emulator. It reports
 * response violations in an `sl-violations` header, and with --errors it replaces a response
 * that has an Error-level violation by a 500 problem+json.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  HAVE_PRISM,
  HAVE_SPECS,
  PRISM_CLI,
  SPEC_DIR,
  specForPrism,
  startPrism,
} from '../helpers/prism.js';
import { sampleExport, TestTenant, type Json } from './helpers.js';

interface ProxyTarget {
  version: 'v2024' | 'v1';
  specFile: string;
  /** Path prefix of the spec's operations. */
  api: string;
  /** Part of the upstream URL after the emulator's origin. */
  upstreamPath: string;
}

const TARGETS: ProxyTarget[] = [
  {
    version: 'v2024',
    specFile: 'configuration-hub.v2024.json',
    api: '/configuration-hub',
    upstreamPath: '/v2024',
  },
  {
    version: 'v1',
    specFile: 'configuration-hub.v1.json',
    api: '/configuration-hub/v1',
    upstreamPath: '',
  },
];

const suite = HAVE_SPECS && HAVE_PRISM ? describe : describe.skip;
if (!HAVE_SPECS) console.warn(`Skipping the spec contract test: no OpenAPI specs in ${SPEC_DIR}.`);
if (!HAVE_PRISM)
  console.warn(`Skipping the spec contract test: Prism is not installed at ${PRISM_CLI}.`);

suite('emulator responses against the OpenAPI spec', () => {
  let tenant: TestTenant;
  let workDir: string;
  const proxies = new Map<string, { child: ChildProcess; url: string }>();

  beforeAll(async () => {
    tenant = await TestTenant.start();
    workDir = mkdtempSync(join(tmpdir(), 'emulator-spec-'));
    await Promise.all(
      TARGETS.map(async (target) => {
        proxies.set(
          target.version,
          await startPrism([
            'proxy',
            specForPrism(target.specFile, workDir),
            `${tenant.url}${target.upstreamPath}`,
            '--errors',
          ]),
        );
      }),
    );
  }, 60_000);

  afterAll(async () => {
    for (const { child } of proxies.values()) {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    }
    await tenant?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  beforeEach(() => tenant.control('POST', 'reset'));

  it('finds the same operations in the v2024, v2025 and v2026 specs', () => {
    // Only prose and examples may differ, so validating through the v2024 spec covers all three.
    const withoutProse = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(withoutProse);
      if (value === null || typeof value !== 'object') return value;
      const kept = Object.entries(value).filter(
        ([key]) =>
          !['description', 'summary', 'example', 'examples'].includes(key) && !key.startsWith('x-'),
      );
      return Object.fromEntries(kept.map(([key, child]) => [key, withoutProse(child)]));
    };
    const operations = (file: string) =>
      JSON.stringify(withoutProse(JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')).paths));
    const v2024 = operations('configuration-hub.v2024.json');
    expect(operations('configuration-hub.v2025.json')).toBe(v2024);
    expect(operations('configuration-hub.v2026.json')).toBe(v2024);
  });

  describe.each(TARGETS)('through the $version spec', (target) => {
    const api = target.api;

    /** Sends a request through Prism and asserts the status and the absence of violations. */
    async function expectValid(
      label: string,
      method: string,
      path: string,
      status: number,
      options: {
        body?: unknown;
        form?: FormData;
        token?: string;
        headers?: Record<string, string>;
      } = {},
    ): Promise<Json> {
      const headers: Record<string, string> = {
        authorization: `Bearer ${options.token ?? tenant.token}`,
        ...options.headers,
      };
      let body: FormData | string | undefined = options.form;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${proxies.get(target.version)!.url}${path}`, {
        method,
        headers,
        body,
      });
      const text = await response.text();
      const violations = response.headers.get('sl-violations');
      expect({ label, status: response.status, violations }).toEqual({
        label,
        status,
        violations: null,
      });
      return text === '' ? undefined : JSON.parse(text);
    }

    const uploadForm = (data: string) => {
      const form = new FormData();
      form.append('name', 'contract');
      form.append('data', new Blob([data], { type: 'application/json' }), 'export.json');
      return form;
    };

    it('validates uploads and backups', async () => {
      const good = await expectValid('create upload', 'POST', `${api}/backups/uploads`, 202, {
        form: uploadForm(JSON.stringify(sampleExport())),
      });
      const bad = await expectValid(
        'create failing upload',
        'POST',
        `${api}/backups/uploads`,
        202,
        { form: uploadForm('{"version": 1}') },
      );
      await tenant.waitFor(
        () => tenant.call('GET', `/v2024/configuration-hub/backups/uploads`),
        (answer) =>
          answer.body.some((upload: Json) => upload.hydrationStatus === 'HYDRATED') &&
          answer.body.some((upload: Json) => upload.status === 'FAILED'),
      );

      const listed = await expectValid('list uploads', 'GET', `${api}/backups/uploads`, 200);
      expect(listed.map((upload: Json) => upload.status).sort()).toEqual(['COMPLETE', 'FAILED']);
      await expectValid(
        'filter uploads',
        'GET',
        `${api}/backups/uploads?filters=${encodeURIComponent('status eq "COMPLETE"')}`,
        200,
      );
      await expectValid('bad upload filter', 'GET', `${api}/backups/uploads?filters=status`, 400);
      const upload = await expectValid(
        'get upload',
        'GET',
        `${api}/backups/uploads/${good.jobId}`,
        200,
      );
      expect(upload.options.includeTypes).toEqual(['ROLE', 'SOURCE']);
      await expectValid('get missing upload', 'GET', `${api}/backups/uploads/missing`, 404);
      await expectValid('delete upload', 'DELETE', `${api}/backups/uploads/${bad.jobId}`, 204);
      await expectValid('delete missing upload', 'DELETE', `${api}/backups/uploads/missing`, 404);

      const seeded = await tenant.control('POST', 'seed', {
        backups: [
          { name: 'manual', status: 'COMPLETE' },
          { name: 'automated', status: 'COMPLETE', backupType: 'AUTOMATED', userCanDelete: false },
        ],
      });
      await expectValid('list backups', 'GET', `${api}/backups`, 200);
      await expectValid('delete backup', 'DELETE', `${api}/backups/${seeded.body.backups[0]}`, 204);
      await expectValid(
        'delete undeletable backup',
        'DELETE',
        `${api}/backups/${seeded.body.backups[1]}`,
        400,
      );
      await expectValid('delete missing backup', 'DELETE', `${api}/backups/missing`, 404);
    });

    it('validates drafts and deploys', async () => {
      const upload = await tenant.upload(JSON.stringify(sampleExport()));
      await tenant.waitFor(
        () => tenant.call('GET', `/v2024/configuration-hub/backups/uploads/${upload.body.jobId}`),
        (answer) => answer.body.status === 'COMPLETE',
      );
      await tenant.control('PATCH', 'settings', { draftApprovalStatus: 'PENDING_APPROVAL' });
      await expectValid('create draft action', 'POST', `${api}/scheduled-actions`, 200, {
        body: {
          jobType: 'CREATE_DRAFT',
          content: {
            name: 'contract draft',
            sourceBackupId: upload.body.jobId,
            sourceTenant: 'acme-dev',
          },
        },
      });
      await expectValid('create failing draft action', 'POST', `${api}/scheduled-actions`, 200, {
        body: {
          jobType: 'CREATE_DRAFT',
          content: { name: 'broken draft', sourceBackupId: 'missing' },
        },
      });
      const drafts = await tenant.waitFor(
        () => tenant.call('GET', `/v2024/configuration-hub/drafts`),
        (answer) =>
          answer.body.every(
            (draft: Json) => draft.status === 'COMPLETE' || draft.status === 'FAILED',
          ),
      );
      const draft = drafts.body.find((entry: Json) => entry.name === 'contract draft');
      await tenant.control('POST', `drafts/${draft.jobId}/approval`, {
        approvalStatus: 'DENIED',
        comment: 'not yet',
      });
      await tenant.control('POST', `drafts/${draft.jobId}/approval`, {
        approvalStatus: 'APPROVED',
        comment: 'fine',
      });

      const listed = await expectValid('list drafts', 'GET', `${api}/drafts`, 200);
      expect(listed).toHaveLength(2);
      await expectValid(
        'filter drafts',
        'GET',
        `${api}/drafts?filters=${encodeURIComponent('approvalStatus eq "APPROVED"')}`,
        200,
      );
      await expectValid(
        'bad draft filter',
        'GET',
        `${api}/drafts?filters=${encodeURIComponent('name eq "x"')}`,
        400,
      );

      const deploy = await expectValid('create deploy', 'POST', `${api}/deploys`, 202, {
        body: { draftId: draft.jobId },
      });
      await expectValid('deploy missing draft', 'POST', `${api}/deploys`, 400, {
        body: { draftId: 'missing' },
      });
      await tenant.waitFor(
        () => tenant.call('GET', `/v2024/configuration-hub/deploys/${deploy.jobId}`),
        (answer) => answer.body.status === 'COMPLETE',
      );
      await expectValid('list deploys', 'GET', `${api}/deploys`, 200);
      await expectValid('get deploy', 'GET', `${api}/deploys/${deploy.jobId}`, 200);
      await expectValid('get missing deploy', 'GET', `${api}/deploys/missing`, 404);
      await expectValid('delete draft', 'DELETE', `${api}/drafts/${draft.jobId}`, 204);
      await expectValid('delete missing draft', 'DELETE', `${api}/drafts/missing`, 404);
    });

    it('validates object mappings', async () => {
      const path = `${api}/object-mappings/acme-dev`;
      const mapping = {
        objectType: 'SOURCE',
        jsonPath: '$.name',
        sourceValue: 'a',
        targetValue: 'b',
      };

      await expectValid('list no mappings', 'GET', path, 200);
      const created = await expectValid('create mapping', 'POST', path, 200, { body: mapping });
      await expectValid('bulk-create mappings', 'POST', `${path}/bulk-create`, 200, {
        body: { newObjectsMappings: [mapping, { ...mapping, enabled: true }] },
      });
      await expectValid('bulk-create 26 mappings', 'POST', `${path}/bulk-create`, 400, {
        body: { newObjectsMappings: Array(26).fill(mapping) },
      });

      const patch = (op: string, field: string, value: unknown) => ({
        patches: { [created.objectMappingId]: [{ op, path: field, value }] },
      });
      await expectValid('bulk-patch mapping', 'POST', `${path}/bulk-patch`, 200, {
        body: patch('replace', '/enabled', true),
      });
      await expectValid('bulk-patch other path', 'POST', `${path}/bulk-patch`, 400, {
        body: patch('replace', '/jsonPath', '$.id'),
      });
      await expectValid('bulk-patch unknown mapping', 'POST', `${path}/bulk-patch`, 404, {
        body: { patches: { missing: [{ op: 'replace', path: '/enabled', value: true }] } },
      });

      await expectValid('list mappings', 'GET', path, 200);
      await expectValid('delete mapping', 'DELETE', `${path}/${created.objectMappingId}`, 204);
      await expectValid('delete missing mapping', 'DELETE', `${path}/missing`, 404);
    });

    it('validates scheduled actions', async () => {
      const path = `${api}/scheduled-actions`;
      await expectValid('list no actions', 'GET', path, 200);
      const action = await expectValid('create backup action', 'POST', path, 200, {
        body: {
          jobType: 'BACKUP',
          content: { name: 'nightly', backupOptions: { includeTypes: ['ROLE'] } },
          cronString: '0 0 1 * * ?',
          timeZoneId: 'UTC',
          startTime: '2030-01-01T00:00:00Z',
        },
      });
      await expectValid('create deploy action', 'POST', path, 200, {
        body: {
          jobType: 'CONFIG_DEPLOY_DRAFT',
          content: { name: 'deploy', draftId: 'later' },
          cronString: '0 0 2 * * ?',
        },
      });
      await expectValid('create draft action without source', 'POST', path, 400, {
        body: { jobType: 'CREATE_DRAFT', content: { name: 'x' } },
      });
      await expectValid('list actions', 'GET', path, 200);

      const patch = { operations: [{ op: 'replace', path: '/content/name', value: 'renamed' }] };
      const patchHeaders = { 'content-type': 'application/json-patch+json' };
      const patched = await expectValid('patch action', 'PATCH', `${path}/${action.id}`, 200, {
        body: patch,
        headers: patchHeaders,
      });
      expect(patched.content.name).toBe('renamed');
      await expectValid('patch missing action', 'PATCH', `${path}/missing`, 404, {
        body: patch,
        headers: patchHeaders,
      });
      await expectValid('delete action', 'DELETE', `${path}/${action.id}`, 204);
      await expectValid('delete missing action', 'DELETE', `${path}/missing`, 404);
    });

    it('validates auth, access, rate-limit and fault errors', async () => {
      // The rate limit goes first, because every request before it would count.
      await tenant.control('PATCH', 'settings', { rateLimit: { limit: 1, windowMs: 60_000 } });
      await expectValid('first request', 'GET', `${api}/drafts`, 200);
      await expectValid('rate-limited request', 'GET', `${api}/drafts`, 429);
      await tenant.control('POST', 'reset');

      await expectValid('unknown token', 'GET', `${api}/drafts`, 401, { token: 'not-a-token' });
      await tenant.control('PATCH', 'settings', { forbidden: ['scheduled-actions', 'backups'] });
      await expectValid('forbidden actions', 'GET', `${api}/scheduled-actions`, 403);
      await expectValid('forbidden backups', 'GET', `${api}/backups`, 403);
      await tenant.control('POST', 'faults', { path: 'deploys$', status: 500 });
      await expectValid('server error', 'GET', `${api}/deploys`, 500);
    });

    it('reports a response that breaks the spec', async () => {
      await tenant.control('POST', 'faults', {
        path: 'deploys$',
        status: 200,
        body: { items: 'not a list' },
      });
      const response = await fetch(`${proxies.get(target.version)!.url}${api}/deploys`, {
        headers: { authorization: `Bearer ${tenant.token}` },
      });
      await response.arrayBuffer();
      expect(response.status).toBe(500);
      expect(response.headers.get('sl-violations')).toContain('items');
    });
  });
});
