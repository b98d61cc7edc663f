import { PREFIXES, sampleExport, TestTenant, type Json, jsonOf } from './helpers.js';

interface Step {
  name: string;
  method: string;
  path: (ids: Record<string, string>) => string;
  body?: (ids: Record<string, string>) => unknown;
  status: number;
  /** Stores an id from the response for later steps. */
  keep?: (body: Json, ids: Record<string, string>) => void;
  check?: (body: Json) => void;
}

const STEPS: Step[] = [
  {
    name: 'list uploads',
    method: 'GET',
    path: () => '/backups/uploads',
    status: 200,
    check: (body) => expect(Array.isArray(body)).toBe(true),
  },
  {
    name: 'get upload',
    method: 'GET',
    path: (ids) => `/backups/uploads/${ids.upload}`,
    status: 200,
    check: (body) => expect(body.status).toBe('COMPLETE'),
  },
  {
    name: 'list backups',
    method: 'GET',
    path: () => '/backups',
    status: 200,
    check: (body) => expect(body).toHaveLength(1),
  },
  { name: 'delete backup', method: 'DELETE', path: (ids) => `/backups/${ids.backup}`, status: 204 },
  {
    name: 'list drafts',
    method: 'GET',
    path: () => '/drafts',
    status: 200,
    check: (body) => expect(body).toHaveLength(2),
  },
  {
    name: 'create deploy',
    method: 'POST',
    path: () => '/deploys',
    body: (ids) => ({ draftId: ids.draft }),
    status: 202,
    keep: (body, ids) => (ids.deploy = body.jobId),
    check: (body) => expect(body.status).toBe('NOT_STARTED'),
  },
  {
    name: 'list deploys',
    method: 'GET',
    path: () => '/deploys',
    status: 200,
    check: (body) => expect(body.items).toHaveLength(1),
  },
  {
    name: 'get deploy',
    method: 'GET',
    path: (ids) => `/deploys/${ids.deploy}`,
    status: 200,
    check: (body) => expect(body.type).toBe('CONFIG_DEPLOY_DRAFT'),
  },
  {
    name: 'delete draft',
    method: 'DELETE',
    path: (ids) => `/drafts/${ids.otherDraft}`,
    status: 204,
  },
  {
    name: 'list mappings',
    method: 'GET',
    path: () => '/object-mappings/acme-dev',
    status: 200,
    check: (body) => expect(body).toEqual([]),
  },
  {
    name: 'create mapping',
    method: 'POST',
    path: () => '/object-mappings/acme-dev',
    body: () => ({ objectType: 'SOURCE', jsonPath: '$.name', sourceValue: 'a', targetValue: 'b' }),
    status: 200,
    keep: (body, ids) => (ids.mapping = body.objectMappingId),
    check: (body) => expect(body.enabled).toBe(false),
  },
  {
    name: 'bulk-create mappings',
    method: 'POST',
    path: () => '/object-mappings/acme-dev/bulk-create',
    body: () => ({
      newObjectsMappings: [
        { objectType: 'ROLE', jsonPath: '$.name', sourceValue: 'c', targetValue: 'd' },
      ],
    }),
    status: 200,
    check: (body) => expect(body.addedObjects).toHaveLength(1),
  },
  {
    name: 'bulk-patch mappings',
    method: 'POST',
    path: () => '/object-mappings/acme-dev/bulk-patch',
    body: (ids) => ({
      patches: { [ids.mapping]: [{ op: 'replace', path: '/enabled', value: true }] },
    }),
    status: 200,
    check: (body) => expect(body.patchedObjects[0].enabled).toBe(true),
  },
  {
    name: 'delete mapping',
    method: 'DELETE',
    path: (ids) => `/object-mappings/acme-dev/${ids.mapping}`,
    status: 204,
  },
  {
    name: 'list scheduled actions',
    method: 'GET',
    path: () => '/scheduled-actions',
    status: 200,
    check: (body) => expect(body).toEqual([]),
  },
  {
    name: 'create scheduled action',
    method: 'POST',
    path: () => '/scheduled-actions',
    body: () => ({ jobType: 'BACKUP', content: { name: 'nightly' }, cronString: '0 0 2 * * ?' }),
    status: 200,
    keep: (body, ids) => (ids.action = body.id),
  },
  {
    name: 'patch scheduled action',
    method: 'PATCH',
    path: (ids) => `/scheduled-actions/${ids.action}`,
    body: () => ({ operations: [{ op: 'replace', path: '/content/name', value: 'renamed' }] }),
    status: 200,
    check: (body) => expect(body.content.name).toBe('renamed'),
  },
  {
    name: 'delete scheduled action',
    method: 'DELETE',
    path: (ids) => `/scheduled-actions/${ids.action}`,
    status: 204,
  },
  {
    name: 'delete upload',
    method: 'DELETE',
    path: (ids) => `/backups/uploads/${ids.upload}`,
    status: 204,
  },
  {
    name: 'get deleted upload',
    method: 'GET',
    path: (ids) => `/backups/uploads/${ids.upload}`,
    status: 404,
  },
];

describe('emulator routes', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(() => tenant.stop());
  beforeEach(() => tenant.control('POST', 'reset'));

  describe.each(PREFIXES)('under %s', (prefix) => {
    it('serves every operation', async () => {
      const upload = await tenant.upload(JSON.stringify(sampleExport()), 'routes', prefix);
      expect(upload.status).toBe(202);
      const seeded = await tenant.control('POST', 'seed', {
        backups: [{ name: 'b', status: 'COMPLETE' }],
        drafts: [
          { name: 'd', status: 'COMPLETE' },
          { name: 'other', status: 'FAILED' },
        ],
      });
      const ids: Record<string, string> = {
        upload: upload.body.jobId,
        backup: seeded.body.backups[0],
        draft: seeded.body.drafts[0],
        otherDraft: seeded.body.drafts[1],
      };
      await tenant.waitFor(
        () => tenant.call('GET', `${prefix}/backups/uploads/${ids.upload}`),
        (r) => r.body.status === 'COMPLETE',
      );

      for (const step of STEPS) {
        const headers: Record<string, string> =
          step.method === 'PATCH' ? { 'content-type': 'application/json-patch+json' } : {};
        const answer = await tenant.call(
          step.method,
          `${prefix}${step.path(ids)}`,
          step.body?.(ids),
          headers,
        );
        expect({ step: step.name, status: answer.status }).toEqual({
          step: step.name,
          status: step.status,
        });
        step.keep?.(answer.body, ids);
        step.check?.(answer.body);
      }
    });
  });

  it.each([
    ['GET', '/v2024/configuration-hub/nothing'],
    ['GET', '/v2023/configuration-hub/drafts'],
    ['GET', '/configuration-hub/v2/drafts'],
    ['GET', '/beta/configuration-hub/drafts'],
    ['GET', '/v2024/configuration-hub/drafts/x/y'],
  ])('answers 404 for %s %s', async (method, path) => {
    const answer = await tenant.call(method, path);
    expect(answer.status).toBe(404);
    expect(answer.body.detailCode).toBe('404 Not found');
    expect(answer.body.messages[0].locale).toBe('en-US');
    expect(answer.body.causes).toEqual([]);
    expect(typeof answer.body.trackingId).toBe('string');
  });

  it('answers 405 for a known path and wrong method', async () => {
    const answer = await tenant.call('PUT', '/v2024/configuration-hub/drafts');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
  });

  it('rejects a body that is not JSON', async () => {
    const answer = await tenant.call('POST', '/v2024/configuration-hub/deploys', undefined, {});
    expect(answer.status).toBe(400);
    const response = await tenant.request('POST', '/v2024/configuration-hub/deploys', undefined, {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(400);
    const broken = await fetch(`${tenant.url}/v2024/configuration-hub/deploys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/json' },
      body: '{"draftId": ',
    });
    expect(broken.status).toBe(400);
    expect((await jsonOf(broken)).messages[0].text).toMatch(/not valid JSON/);
  });

  it('keeps %2F inside a source org segment', async () => {
    const org = encodeURIComponent('team/a b');
    const created = await tenant.call('POST', `/v2025/configuration-hub/object-mappings/${org}`, {
      objectType: 'SOURCE',
      jsonPath: '$.name',
      sourceValue: 'x',
      targetValue: 'y',
    });
    expect(created.status).toBe(200);
    const state = await tenant.control('GET', 'state');
    expect(Object.keys(state.body.objectMappings)).toEqual(['team/a b']);

    const listed = await tenant.call('GET', `/v2025/configuration-hub/object-mappings/${org}`);
    expect(listed.body).toHaveLength(1);
    const deleted = await tenant.call(
      'DELETE',
      `/v2025/configuration-hub/object-mappings/${org}/${created.body.objectMappingId}`,
    );
    expect(deleted.status).toBe(204);
  });

  it('rejects invalid percent-encoding', async () => {
    const answer = await tenant.call('GET', '/v2025/configuration-hub/object-mappings/%E0%A4%A');
    expect(answer.status).toBe(400);
  });
});
