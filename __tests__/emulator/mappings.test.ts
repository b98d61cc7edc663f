import { TestTenant, type Json } from './helpers.js';

const API = '/configuration-hub/v1';
const MAPPING = {
  objectType: 'SOURCE',
  jsonPath: '$.name',
  sourceValue: 'dev',
  targetValue: 'prod',
};

describe('emulator object mappings and scheduled actions', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(() => tenant.stop());
  beforeEach(() => tenant.control('POST', 'reset'));

  it('creates a mapping with server defaults', async () => {
    const answer = await tenant.call('POST', `${API}/object-mappings/acme-dev`, MAPPING);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ...MAPPING, enabled: false });
    expect(answer.body.objectMappingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.created).toBe(answer.body.modified);
    const again = await tenant.call('POST', `${API}/object-mappings/acme-dev`, MAPPING);
    expect(again.status).toBe(200);
    expect((await tenant.call('GET', `${API}/object-mappings/acme-dev`)).body).toHaveLength(2);
  });

  it.each([
    ['a missing objectType', { ...MAPPING, objectType: undefined }],
    ['an unknown objectType', { ...MAPPING, objectType: 'WIDGET' }],
    ['a missing jsonPath', { ...MAPPING, jsonPath: undefined }],
    ['a numeric targetValue', { ...MAPPING, targetValue: 5 }],
    ['a string enabled', { ...MAPPING, enabled: 'yes' }],
  ])('rejects a mapping with %s', async (_label, body) => {
    const answer = await tenant.call('POST', `${API}/object-mappings/acme-dev`, body);
    expect(answer.status).toBe(400);
    expect(answer.body.detailCode).toBe('400.1 Bad Request Content');
  });

  it('bulk-creates at most 25 mappings', async () => {
    const items = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ ...MAPPING, sourceValue: `v${i}` }));
    const ok = await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-create`, {
      newObjectsMappings: items(25),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.addedObjects).toHaveLength(25);

    const tooMany = await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-create`, {
      newObjectsMappings: items(26),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.messages[0].text).toContain('25');
    expect((await tenant.call('GET', `${API}/object-mappings/acme-dev`)).body).toHaveLength(25);
  });

  it('bulk-creates nothing when one item is invalid', async () => {
    const answer = await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-create`, {
      newObjectsMappings: [MAPPING, { ...MAPPING, objectType: 'WIDGET' }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.messages[0].text).toContain('newObjectsMappings[1]');
    expect((await tenant.call('GET', `${API}/object-mappings/acme-dev`)).body).toHaveLength(0);
  });

  it('bulk-patches enabled and targetValue', async () => {
    const created = await tenant.call('POST', `${API}/object-mappings/acme-dev`, MAPPING);
    const id = created.body.objectMappingId;
    const answer = await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-patch`, {
      patches: {
        [id]: [
          { op: 'replace', path: '/enabled', value: true },
          { op: 'replace', path: '/targetValue', value: 'production' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.patchedObjects).toHaveLength(1);
    expect(answer.body.patchedObjects[0]).toMatchObject({
      objectMappingId: id,
      enabled: true,
      targetValue: 'production',
    });
  });

  it.each([
    ['an add operation', { op: 'add', path: '/enabled', value: true }],
    ['a sourceValue path', { op: 'replace', path: '/sourceValue', value: 'x' }],
    ['an objectType path', { op: 'replace', path: '/objectType', value: 'ROLE' }],
    ['a string for enabled', { op: 'replace', path: '/enabled', value: 'true' }],
    ['a remove operation', { op: 'remove', path: '/targetValue' }],
  ])('rejects a bulk-patch with %s', async (_label, operation) => {
    const created = await tenant.call('POST', `${API}/object-mappings/acme-dev`, MAPPING);
    const id = created.body.objectMappingId;
    const answer = await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-patch`, {
      patches: { [id]: [{ op: 'replace', path: '/enabled', value: true }, operation] },
    });
    expect(answer.status).toBe(400);
    const after = (await tenant.call('GET', `${API}/object-mappings/acme-dev`)).body as Json[];
    expect(after[0].enabled).toBe(false);
  });

  it('answers 404 for an unknown mapping', async () => {
    const patch = await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-patch`, {
      patches: { 'no-such-id': [{ op: 'replace', path: '/enabled', value: true }] },
    });
    expect(patch.status).toBe(404);
    expect((await tenant.call('DELETE', `${API}/object-mappings/acme-dev/no-such-id`)).status).toBe(
      404,
    );
  });

  it('validates scheduled actions as the spec does', async () => {
    const cases: [string, unknown][] = [
      ['unknown jobType', { jobType: 'RESTORE', content: { name: 'x' } }],
      ['missing content', { jobType: 'BACKUP' }],
      ['missing name', { jobType: 'BACKUP', content: {} }],
      ['name over 50 characters', { jobType: 'BACKUP', content: { name: 'n'.repeat(51) } }],
      ['draft without source', { jobType: 'CREATE_DRAFT', content: { name: 'x' } }],
      ['deploy without draftId', { jobType: 'CONFIG_DEPLOY_DRAFT', content: { name: 'x' } }],
      ['invalid startTime', { jobType: 'BACKUP', content: { name: 'x' }, startTime: 'tomorrow' }],
      [
        'invalid includeTypes',
        { jobType: 'BACKUP', content: { name: 'x', backupOptions: { includeTypes: ['WIDGET'] } } },
      ],
    ];
    for (const [label, body] of cases) {
      const answer = await tenant.call('POST', `${API}/scheduled-actions`, body);
      expect({ label, status: answer.status }).toEqual({ label, status: 400 });
    }
    const fifty = await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'BACKUP',
      content: { name: 'n'.repeat(50) },
      cronString: '0 0 1 * * ?',
    });
    expect(fifty.status).toBe(200);
  });

  it('patches a scheduled action from either body form', async () => {
    const created = await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'BACKUP',
      content: { name: 'nightly' },
      cronString: '0 0 1 * * ?',
      timeZoneId: 'UTC',
    });
    expect(created.body).toMatchObject({
      jobType: 'BACKUP',
      cronString: '0 0 1 * * ?',
      timeZoneId: 'UTC',
    });
    const path = `${API}/scheduled-actions/${created.body.id}`;
    const headers = { 'content-type': 'application/json-patch+json' };

    const wrapped = await tenant.call(
      'PATCH',
      path,
      { operations: [{ op: 'replace', path: '/cronString', value: '0 0 3 * * ?' }] },
      headers,
    );
    expect(wrapped.status).toBe(200);
    expect(wrapped.body.cronString).toBe('0 0 3 * * ?');

    const bare = await tenant.call(
      'PATCH',
      path,
      [
        { op: 'replace', path: '/content/name', value: 'renamed' },
        { op: 'remove', path: '/timeZoneId' },
      ],
      headers,
    );
    expect(bare.status).toBe(200);
    expect(bare.body.content.name).toBe('renamed');
    expect(bare.body.timeZoneId).toBeUndefined();

    const badPath = await tenant.call(
      'PATCH',
      path,
      [{ op: 'replace', path: '/jobType', value: 'CREATE_DRAFT' }],
      headers,
    );
    expect(badPath.status).toBe(400);
    const tooLong = await tenant.call(
      'PATCH',
      path,
      [{ op: 'replace', path: '/content/name', value: 'x'.repeat(51) }],
      headers,
    );
    expect(tooLong.status).toBe(400);
    const notPatch = await tenant.call('PATCH', path, { op: 'replace' }, headers);
    expect(notPatch.status).toBe(400);
    expect((await tenant.call('GET', `${API}/scheduled-actions`)).body[0].content.name).toBe(
      'renamed',
    );

    expect(
      (await tenant.call('PATCH', `${API}/scheduled-actions/missing`, [], headers)).status,
    ).toBe(404);
    expect((await tenant.call('DELETE', `${API}/scheduled-actions/missing`)).status).toBe(404);
  });
});
