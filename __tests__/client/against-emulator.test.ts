import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { API_VERSIONS } from '../../src/client/api-versions.js';
import { ConfigHubClient, eqFilter } from '../../src/client/config-hub-client.js';
import { ConfigHubApiError } from '../../src/client/errors.js';
import type { Backup, Deploy, Draft } from '../../src/client/types.js';
import { EmulatorControl } from '../helpers/emulator-control.js';

const EXPORT = JSON.stringify({
  version: 1,
  tenant: 'acme-dev',
  objects: [
    {
      version: 1,
      self: { type: 'GOVERNANCE_GROUP', id: 'g-1', name: 'Dev Approvers' },
      object: { id: 'g-1', name: 'Dev Approvers' },
    },
  ],
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error('The emulator job did not end within 3 s.');
}

let emulator: RunningEmulator;
let control: EmulatorControl;
beforeAll(async () => {
  emulator = await startEmulator({
    durations: { uploadMs: 20, hydrationMs: 20, draftMs: 20, deployMs: 20, backupMs: 20 },
  });
  control = new EmulatorControl(emulator.url);
});
afterAll(async () => {
  await emulator.stop();
});

describe.each(API_VERSIONS)('client against the emulator on %s', (apiVersion) => {
  let client: ConfigHubClient;
  beforeEach(async () => {
    await control.reset();
    client = new ConfigHubClient({
      baseUrl: emulator.url,
      apiVersion,
      credentials: {
        kind: 'client-credentials',
        clientId: 'emulator-client-id',
        clientSecret: 'emulator-client-secret',
      },
    });
  });
  afterEach(() => client.close());

  it('runs upload, draft and deploy operations', async () => {
    const created = await client.createUpload(
      { content: EXPORT, fileName: 'export.json' },
      'client test',
    );
    const upload = await until<Backup>(
      () => client.getUpload(created.jobId),
      (u) => u.hydrationStatus === 'HYDRATED',
    );
    expect(upload.status).toBe('COMPLETE');
    expect(upload.totalObjectCount).toBe(1);
    expect((await client.listUploads(eqFilter('status', 'COMPLETE'))).map((u) => u.jobId)).toEqual([
      created.jobId,
    ]);

    const action = await client.createScheduledAction({
      jobType: 'CREATE_DRAFT',
      content: { name: 'client test', sourceBackupId: created.jobId, sourceTenant: 'acme-dev' },
    });
    expect((await client.listScheduledActions()).map((a) => a.id)).toContain(action.id);
    const updated = await client.updateScheduledAction(action.id, [
      { op: 'replace', path: '/content/name', value: 'renamed' },
    ]);
    expect(updated.id).toBe(action.id);
    const drafts = await until<Draft[]>(
      () => client.listDrafts(),
      (list) => list.some((d) => d.status === 'COMPLETE'),
    );
    const draft = drafts.find((d) => d.sourceBackupId === created.jobId) as Draft;
    expect(draft.status).toBe('COMPLETE');
    await client.deleteScheduledAction(action.id);
    expect(await client.listScheduledActions()).toEqual([]);

    const deploy = await client.createDeploy(draft.jobId);
    const finished = await until<Deploy>(
      () => client.getDeploy(deploy.jobId),
      (d) => d.status === 'COMPLETE',
    );
    expect(finished.draftId).toBe(draft.jobId);
    expect((await client.listDeploys()).map((d) => d.jobId)).toEqual([deploy.jobId]);

    await client.deleteDraft(draft.jobId);
    await client.deleteUpload(created.jobId);
    expect(await client.listDrafts()).toEqual([]);
    expect(await client.listUploads()).toEqual([]);
  });

  it('runs object mapping operations', async () => {
    const mapping = {
      objectType: 'GOVERNANCE_GROUP',
      jsonPath: '$.name',
      sourceValue: 'Dev Approvers',
      targetValue: 'Prod Approvers',
    };
    const one = await client.createObjectMapping('acme-dev', mapping);
    expect(one.enabled).toBe(false);
    const added = await client.bulkCreateObjectMappings('acme-dev', [
      { ...mapping, sourceValue: 'Dev Owners', enabled: true },
    ]);
    expect(added).toHaveLength(1);
    const patched = await client.bulkPatchObjectMappings('acme-dev', {
      [one.objectMappingId]: [
        { op: 'replace', path: '/enabled', value: true },
        { op: 'replace', path: '/targetValue', value: 'Prod Team' },
      ],
    });
    expect(patched[0].targetValue).toBe('Prod Team');
    expect(patched[0].enabled).toBe(true);
    await client.deleteObjectMapping('acme-dev', added[0].objectMappingId);
    const remaining = await client.listObjectMappings('acme-dev');
    expect(remaining.map((m) => m.objectMappingId)).toEqual([one.objectMappingId]);
  });

  it('lists and deletes backups', async () => {
    await control.seed({
      backups: [
        {
          jobId: 'b-1',
          name: 'nightly',
          status: 'COMPLETE',
          created: '2026-11-01T00:00:00Z',
          userCanDelete: true,
        },
      ],
    });
    expect((await client.listBackups()).map((b) => b.jobId)).toEqual(['b-1']);
    await client.deleteBackup('b-1');
    expect(await client.listBackups()).toEqual([]);
  });

  it('keeps an encoded source org inside its path segment', async () => {
    const mappings = await client.listObjectMappings('../backups');
    expect(mappings).toEqual([]);
    const log = await control.requests();
    expect(log[log.length - 1].path).toContain('object-mappings/..%2Fbackups');
  });

  it('reports a missing job as a 404 error', async () => {
    const error = (await client
      .getDeploy('no-such-deploy')
      .catch((e: unknown) => e)) as ConfigHubApiError;
    expect(error).toBeInstanceOf(ConfigHubApiError);
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/^Get deploy no-such-deploy failed with HTTP 404/);
  });
});
