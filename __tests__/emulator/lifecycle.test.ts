import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { sampleExport, sleep, TestTenant, type Json, jsonOf } from './helpers.js';

const API = '/v2024/configuration-hub';

describe('emulator job lifecycle', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(() => tenant.stop());
  beforeEach(() => tenant.control('POST', 'reset'));

  const getUpload = (id: string) => tenant.call('GET', `${API}/backups/uploads/${id}`);
  const draftsByName = async (name: string) =>
    ((await tenant.call('GET', `${API}/drafts`)).body as Json[]).filter(
      (draft) => draft.name === name,
    );

  async function completeUpload(data = JSON.stringify(sampleExport())): Promise<string> {
    const upload = await tenant.upload(data);
    await tenant.waitFor(
      () => getUpload(upload.body.jobId),
      (r) => r.body.status === 'COMPLETE',
    );
    return upload.body.jobId;
  }

  async function createDraft(sourceBackupId: string, name = 'draft', sourceTenant = 'acme-dev') {
    const action = await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'CREATE_DRAFT',
      content: { name, sourceBackupId, sourceTenant },
    });
    expect(action.status).toBe(200);
    const [draft] = await tenant.waitFor(
      () => draftsByName(name),
      (list) => list[0]?.status === 'COMPLETE' || list[0]?.status === 'FAILED',
    );
    return draft;
  }

  it('moves an upload through every status and hydrates it', async () => {
    await tenant.control('PATCH', 'settings', { durations: { uploadMs: 400, hydrationMs: 150 } });
    const upload = await tenant.upload(JSON.stringify(sampleExport()), 'lifecycle');
    expect(upload.status).toBe(202);
    expect(upload.body).toMatchObject({
      status: 'NOT_STARTED',
      type: 'BACKUP',
      backupType: 'UPLOADED',
      name: 'lifecycle',
      tenant: 'emulator',
      userCanDelete: true,
      hydrationStatus: 'NOT_HYDRATED',
      fileExists: true,
    });
    expect(upload.body.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof upload.body.created).toBe('string');

    const seen = new Set<string>();
    const done = await tenant.waitFor(
      async () => {
        const answer = await getUpload(upload.body.jobId);
        seen.add(`${answer.body.status}/${answer.body.hydrationStatus}`);
        return answer;
      },
      (answer) => answer.body.hydrationStatus === 'HYDRATED',
    );
    expect(seen).toContain('IN_PROGRESS/NOT_HYDRATED');
    expect(seen).toContain('COMPLETE/NOT_HYDRATED');
    expect(done.body.status).toBe('COMPLETE');
    expect(done.body.totalObjectCount).toBe(2);
    expect(done.body.options.includeTypes).toEqual(['ROLE', 'SOURCE']);
    expect(typeof done.body.completed).toBe('string');
  });

  it.each([
    ['invalid JSON', '{"objects": ['],
    ['an object without objects', '{"version": 1}'],
    ['objects without self', '{"objects": [{"object": {}}]}'],
    ['an array', '[1, 2]'],
  ])('fails an upload of %s', async (_label, data) => {
    const upload = await tenant.upload(data);
    expect(upload.status).toBe(202);
    const done = await tenant.waitFor(
      () => getUpload(upload.body.jobId),
      (r) => r.body.status !== 'NOT_STARTED' && r.body.status !== 'IN_PROGRESS',
    );
    expect(done.body.status).toBe('FAILED');
    expect(done.body.message).toMatch(/^Unable to parse the uploaded file: /);
  });

  it('accepts a real export', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const file = resolve(
      here,
      '..',
      '..',
      '..',
      'shared',
      'fixtures',
      'real',
      'emergency-termination.sp-config.json',
    );
    let data: string;
    try {
      data = readFileSync(file, 'utf8');
    } catch {
      console.warn(`Skipping the real-export check: ${file} is missing.`);
      data = JSON.stringify(sampleExport());
    }
    const id = await completeUpload(data);
    expect((await getUpload(id)).body.status).toBe('COMPLETE');
  });

  it('rejects uploads without data or name', async () => {
    for (const [field, parts] of [
      ['data', { name: 'x' }],
      ['name', { data: '{}' }],
    ] as const) {
      const form = new FormData();
      for (const [key, value] of Object.entries(parts)) form.append(key, value);
      const response = await fetch(`${tenant.url}${API}/backups/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.token}` },
        body: form,
      });
      const body = await jsonOf(response);
      expect(response.status).toBe(400);
      expect(body.messages[0].text).toContain(`"${field}"`);
    }
    const plain = await tenant.call('POST', `${API}/backups/uploads`, { name: 'x' });
    expect(plain.status).toBe(400);
  });

  it('creates a linked draft with mappings applied', async () => {
    const uploadId = await completeUpload();
    await tenant.call('POST', `${API}/object-mappings/acme-dev/bulk-create`, {
      newObjectsMappings: [
        {
          objectType: 'SOURCE',
          jsonPath: '$.name',
          sourceValue: 'Active Directory',
          targetValue: 'AD Prod',
          enabled: true,
        },
        {
          objectType: 'ROLE',
          jsonPath: '$.owner.name',
          sourceValue: 'alice',
          targetValue: 'bob',
          enabled: false,
        },
      ],
    });
    await tenant.call('POST', `${API}/object-mappings/default`, {
      objectType: 'ROLE',
      jsonPath: '$.owner.name',
      sourceValue: 'alice',
      targetValue: 'carol',
      enabled: true,
    });
    await tenant.call('POST', `${API}/object-mappings/other-org`, {
      objectType: 'ROLE',
      jsonPath: '$.name',
      sourceValue: 'Helpdesk',
      targetValue: 'wrong',
      enabled: true,
    });

    const draft = await createDraft(uploadId, 'mapped draft');
    expect(draft).toMatchObject({
      status: 'COMPLETE',
      type: 'CREATE_DRAFT',
      sourceBackupId: uploadId,
      sourceBackupName: 'test upload',
      sourceTenant: 'acme-dev',
      mode: 'UPLOAD',
      approvalStatus: 'DEFAULT',
      approvalComment: [],
    });

    const state = await tenant.control('GET', 'state');
    const objects = state.body.drafts[0].objects;
    expect(objects[0].object.name).toBe('AD Prod');
    expect(objects[0].self.name).toBe('AD Prod');
    expect(objects[1].object.owner.name).toBe('carol');
    expect(objects[1].object.name).toBe('Helpdesk');
    const action = state.body.scheduledActions[0];
    expect(action.resultJobId).toBe(draft.jobId);
    expect(typeof action.ranAt).toBe('string');
  });

  it('keeps a one-shot action listed after it ran', async () => {
    const uploadId = await completeUpload();
    await createDraft(uploadId, 'kept');
    const actions = await tenant.call('GET', `${API}/scheduled-actions`);
    expect(actions.body).toHaveLength(1);
  });

  it('waits for startTime and never runs cron actions', async () => {
    const uploadId = await completeUpload();
    const startTime = new Date(Date.now() + 150).toISOString();
    await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'CREATE_DRAFT',
      startTime,
      content: { name: 'later', sourceBackupId: uploadId },
    });
    await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'CREATE_DRAFT',
      cronString: '0 0 * * * ?',
      content: { name: 'cron', sourceBackupId: uploadId },
    });
    expect(await draftsByName('later')).toHaveLength(0);

    await sleep(200);
    const later = await draftsByName('later');
    expect(later).toHaveLength(1);
    expect(Date.parse(later[0].created)).toBeGreaterThanOrEqual(Date.parse(startTime));
    expect(later[0].sourceTenant).toBe('acme-dev');
    expect(await draftsByName('cron')).toHaveLength(0);
  });

  it('fails a draft from a missing or unfinished backup', async () => {
    const missing = await createDraft('no-such-backup', 'from missing');
    expect(missing.status).toBe('FAILED');
    expect(missing.message).toContain('no-such-backup');
    expect(missing.mode).toBe('RESTORE');

    await tenant.control('PATCH', 'settings', { durations: { uploadMs: 5000 } });
    const upload = await tenant.upload(JSON.stringify(sampleExport()));
    const unfinished = await createDraft(upload.body.jobId, 'from unfinished');
    expect(unfinished.status).toBe('FAILED');
    expect(unfinished.message).toMatch(/NOT_STARTED|IN_PROGRESS/);
  });

  it('enforces the deploy rules', async () => {
    const seeded = await tenant.control('POST', 'seed', {
      drafts: [
        { name: 'running', status: 'IN_PROGRESS' },
        { name: 'denied', status: 'COMPLETE', approvalStatus: 'DENIED' },
        { name: 'pending', status: 'COMPLETE', approvalStatus: 'PENDING_APPROVAL' },
        { name: 'failed', status: 'FAILED' },
      ],
    });
    const [running, denied, pending, failed] = seeded.body.drafts;
    const cases: [string, RegExp][] = [
      ['no-such-draft', /not found/],
      [running, /IN_PROGRESS/],
      [denied, /DENIED/],
      [pending, /PENDING_APPROVAL/],
      [failed, /FAILED/],
    ];
    for (const [draftId, reason] of cases) {
      const answer = await tenant.call('POST', `${API}/deploys`, { draftId });
      expect({ draftId, status: answer.status }).toEqual({ draftId, status: 400 });
      expect(answer.body.messages[0].text).toMatch(reason);
    }
    const missingField = await tenant.call('POST', `${API}/deploys`, {});
    expect(missingField.status).toBe(400);
  });

  it('deploys an approved draft and applies its objects', async () => {
    await tenant.control('PATCH', 'settings', { draftApprovalStatus: 'PENDING_APPROVAL' });
    const draft = await createDraft(await completeUpload(), 'to approve');
    expect(draft.approvalStatus).toBe('PENDING_APPROVAL');
    expect((await tenant.call('POST', `${API}/deploys`, { draftId: draft.jobId })).status).toBe(
      400,
    );

    const approval = await tenant.control('POST', `drafts/${draft.jobId}/approval`, {
      approvalStatus: 'APPROVED',
      comment: 'ok',
      user: 'lead',
    });
    expect(approval.status).toBe(200);
    expect(approval.body.approvalStatus).toBe('APPROVED');
    expect(approval.body.approvalComment).toHaveLength(1);
    expect(approval.body.approvalComment[0]).toMatchObject({
      comment: 'ok',
      user: 'lead',
      changedToStatus: 'APPROVED',
    });

    const deploy = await tenant.call('POST', `${API}/deploys`, { draftId: draft.jobId });
    expect(deploy.status).toBe(202);
    expect(deploy.body).toMatchObject({
      status: 'NOT_STARTED',
      type: 'CONFIG_DEPLOY_DRAFT',
      draftId: draft.jobId,
      draftName: 'to approve',
    });
    const done = await tenant.waitFor(
      () => tenant.call('GET', `${API}/deploys/${deploy.body.jobId}`),
      (r) => r.body.status === 'COMPLETE',
    );
    expect(done.body.status).toBe('COMPLETE');

    const state = await tenant.control('GET', 'state');
    const deployed = state.body.deployedObjects
      .map((entry: Json) => `${entry.type}/${entry.id}`)
      .sort();
    expect(deployed).toEqual(['ROLE/role-1', 'SOURCE/src-1']);
    expect(state.body.deployedObjects[0].deployId).toBe(deploy.body.jobId);
  });

  it('runs BACKUP and CONFIG_DEPLOY_DRAFT actions', async () => {
    const draft = await createDraft(await completeUpload(), 'scheduled deploy');
    await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'CONFIG_DEPLOY_DRAFT',
      content: { name: 'deploy it', draftId: draft.jobId },
    });
    const deploys = await tenant.waitFor(
      () => tenant.call('GET', `${API}/deploys`),
      (r) => r.body.items[0]?.status === 'COMPLETE',
    );
    expect(deploys.body.items).toHaveLength(1);
    expect(deploys.body.items[0].draftId).toBe(draft.jobId);

    await tenant.call('POST', `${API}/scheduled-actions`, {
      jobType: 'BACKUP',
      content: { name: 'manual', backupOptions: { includeTypes: ['ROLE'] } },
    });
    const backups = await tenant.waitFor(
      () => tenant.call('GET', `${API}/backups`),
      (r) => r.body[0]?.status === 'COMPLETE',
    );
    expect(backups.body[0]).toMatchObject({
      name: 'manual',
      backupType: 'MANUAL',
      totalObjectCount: 1,
      hydrationStatus: 'HYDRATED',
    });
    expect(backups.body[0].options.includeTypes).toEqual(['ROLE']);

    const restore = await createDraft(backups.body[0].jobId, 'restore');
    expect(restore.mode).toBe('RESTORE');
    expect(restore.status).toBe('COMPLETE');
  });

  it('sets the fate of existing and next jobs', async () => {
    await tenant.control('PATCH', 'settings', { durations: { uploadMs: 100 } });
    const upload = await tenant.upload(JSON.stringify(sampleExport()));
    const fate = await tenant.control('POST', `jobs/${upload.body.jobId}`, {
      outcome: 'CANCELLED',
    });
    expect(fate.status).toBe(200);
    const cancelled = await tenant.waitFor(
      () => getUpload(upload.body.jobId),
      (r) => r.body.status === 'CANCELLED',
    );
    expect(cancelled.body.status).toBe('CANCELLED');

    await tenant.control('POST', 'next-jobs', {
      kind: 'upload',
      outcome: 'FAILED',
      message: 'disk full',
    });
    const failing = await tenant.upload(JSON.stringify(sampleExport()));
    const failed = await tenant.waitFor(
      () => getUpload(failing.body.jobId),
      (r) => r.body.status === 'FAILED',
    );
    expect(failed.body.message).toBe('disk full');
    const after = await tenant.upload(JSON.stringify(sampleExport()));
    const normal = await tenant.waitFor(
      () => getUpload(after.body.jobId),
      (r) => r.body.status === 'COMPLETE',
    );
    expect(normal.body.status).toBe('COMPLETE');

    await tenant.control('POST', 'next-jobs', { kind: 'upload', outcome: 'NEVER_FINISH' });
    const stuck = await tenant.upload(JSON.stringify(sampleExport()));
    await sleep(150);
    expect((await getUpload(stuck.body.jobId)).body.status).toBe('IN_PROGRESS');
    await tenant.control('POST', `jobs/${stuck.body.jobId}`, { outcome: 'COMPLETE' });
    expect((await getUpload(stuck.body.jobId)).body.status).toBe('COMPLETE');

    expect((await tenant.control('POST', 'jobs/unknown', { outcome: 'COMPLETE' })).status).toBe(
      404,
    );
    expect(
      (await tenant.control('POST', 'next-jobs', { kind: 'upload', outcome: 'MAYBE' })).status,
    ).toBe(400);
  });

  it('filters lists by status and approvalStatus', async () => {
    await tenant.control('POST', 'seed', {
      uploads: [
        { name: 'u1', status: 'COMPLETE' },
        { name: 'u2', status: 'FAILED' },
      ],
      backups: [
        { name: 'b1', status: 'COMPLETE' },
        { name: 'b2', status: 'IN_PROGRESS' },
      ],
      drafts: [
        { name: 'd1', status: 'COMPLETE', approvalStatus: 'APPROVED' },
        { name: 'd2', status: 'COMPLETE' },
        { name: 'd3', status: 'FAILED' },
      ],
    });
    const names = async (path: string, filters: string) => {
      const answer = await tenant.call(
        'GET',
        `${API}${path}?filters=${encodeURIComponent(filters)}`,
      );
      expect(answer.status).toBe(200);
      return (answer.body as Json[]).map((item) => item.name);
    };
    expect(await names('/backups/uploads', 'status eq "FAILED"')).toEqual(['u2']);
    expect(await names('/backups', 'status eq "COMPLETE"')).toEqual(['b1']);
    expect(await names('/drafts', 'status eq "COMPLETE"')).toEqual(['d1', 'd2']);
    expect(await names('/drafts', 'approvalStatus eq "APPROVED"')).toEqual(['d1']);
    expect(await names('/drafts', 'status eq "COMPLETE" and approvalStatus eq "DEFAULT"')).toEqual([
      'd2',
    ]);

    for (const [path, filters] of [
      ['/drafts', 'status = COMPLETE'],
      ['/drafts', 'status eq COMPLETE'],
      ['/drafts', 'status ne "COMPLETE"'],
      ['/backups', 'approvalStatus eq "DEFAULT"'],
      ['/drafts', 'status eq "COMPLETE" or status eq "FAILED"'],
    ]) {
      const answer = await tenant.call(
        'GET',
        `${API}${path}?filters=${encodeURIComponent(filters)}`,
      );
      expect({ filters, status: answer.status }).toEqual({ filters, status: 400 });
    }
  });

  it('refuses to delete a backup the user cannot delete', async () => {
    const seeded = await tenant.control('POST', 'seed', {
      backups: [
        {
          jobId: 'auto-1',
          name: 'automated',
          created: '2025-01-01T00:00:00Z',
          status: 'COMPLETE',
          userCanDelete: false,
          backupType: 'AUTOMATED',
        },
      ],
    });
    expect(seeded.body.backups).toEqual(['auto-1']);
    const answer = await tenant.call('DELETE', `${API}/backups/auto-1`);
    expect(answer.status).toBe(400);
    expect(answer.body.messages[0].text).toContain('userCanDelete');
    expect((await tenant.call('DELETE', `${API}/backups/missing`)).status).toBe(404);
  });
});
