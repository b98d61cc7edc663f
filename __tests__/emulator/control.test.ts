import { request as httpRequest } from 'node:http';

import { jsonOf, sampleExport, sleep, TestTenant, type Json } from './helpers.js';

const API = '/v2025/configuration-hub';

describe('emulator control API', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(() => tenant.stop());
  beforeEach(() => tenant.control('POST', 'reset'));

  describe('rate limit', () => {
    it('answers 429 with Retry-After over the limit', async () => {
      await tenant.control('PATCH', 'settings', { rateLimit: { limit: 3, windowMs: 1500 } });
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 4; i += 1) {
        const response = await tenant.request('GET', `${API}/drafts`);
        statuses.push(response.status);
        if (response.status === 429) limited = response;
        else await response.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(await jsonOf(limited!)).toEqual({ message: ' Rate Limit Exceeded ' });
      const retryAfter = Number(limited!.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(2);
    });

    it('counts each API version separately', async () => {
      await tenant.control('PATCH', 'settings', { rateLimit: { limit: 1, windowMs: 5000 } });
      expect((await tenant.call('GET', '/v2024/configuration-hub/drafts')).status).toBe(200);
      expect((await tenant.call('GET', '/v2024/configuration-hub/drafts')).status).toBe(429);
      expect((await tenant.call('GET', '/configuration-hub/v1/drafts')).status).toBe(200);
    });

    it('frees a slot once the window passes', async () => {
      await tenant.control('PATCH', 'settings', { rateLimit: { limit: 1, windowMs: 100 } });
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(200);
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(429);
      await sleep(120);
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(200);
    });

    it('does not limit tokens or control calls', async () => {
      await tenant.control('PATCH', 'settings', { rateLimit: { limit: 1, windowMs: 5000 } });
      for (let i = 0; i < 3; i += 1) {
        expect((await tenant.control('GET', 'state')).status).toBe(200);
        expect(await tenant.issueToken()).toEqual(expect.any(String));
      }
    });
  });

  describe('faults', () => {
    it('answers the next count requests with a status', async () => {
      const added = await tenant.control('POST', 'faults', {
        method: 'GET',
        path: '/drafts$',
        count: 2,
        status: 503,
        headers: { 'Retry-After': '7' },
      });
      expect(added.status).toBe(201);
      const first = await tenant.request('GET', `${API}/drafts`);
      const second = await tenant.call('GET', `${API}/drafts`);
      const third = await tenant.call('GET', `${API}/drafts`);
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('7');
      expect((await jsonOf(first)).detailCode).toBe('503');
      expect(second.status).toBe(503);
      expect(third.status).toBe(200);
    });

    it('matches only the given method', async () => {
      await tenant.control('POST', 'faults', { method: 'POST', path: '/drafts$', status: 500 });
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(200);
    });

    it('sends a given body', async () => {
      await tenant.control('POST', 'faults', {
        path: 'deploys',
        status: 429,
        body: { message: 'slow down' },
      });
      const answer = await tenant.call('GET', `${API}/deploys`);
      expect(answer.status).toBe(429);
      expect(answer.body).toEqual({ message: 'slow down' });
    });

    it('does not apply a faulted request unless asked', async () => {
      await tenant.control('POST', 'faults', { path: 'object-mappings', status: 500 });
      const mapping = {
        objectType: 'SOURCE',
        jsonPath: '$.name',
        sourceValue: 'a',
        targetValue: 'b',
      };
      expect((await tenant.call('POST', `${API}/object-mappings/org`, mapping)).status).toBe(500);
      expect((await tenant.call('GET', `${API}/object-mappings/org`)).body).toHaveLength(0);

      await tenant.control('POST', 'faults', { path: 'object-mappings', status: 500, apply: true });
      expect((await tenant.call('POST', `${API}/object-mappings/org`, mapping)).status).toBe(500);
      expect((await tenant.call('GET', `${API}/object-mappings/org`)).body).toHaveLength(1);
    });

    it('delays an answer', async () => {
      await tenant.control('POST', 'faults', { path: '/drafts$', delayMs: 150 });
      const started = Date.now();
      const answer = await tenant.call('GET', `${API}/drafts`);
      expect(answer.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);

      await tenant.control('POST', 'faults', { path: '/drafts$', delayMs: 300 });
      await expect(
        tenant.request('GET', `${API}/drafts`, undefined, {}).then(() => 'answered'),
      ).resolves.toBe('answered');
      await tenant.control('POST', 'faults', { path: '/drafts$', delayMs: 500 });
      const aborted = fetch(`${tenant.url}${API}/drafts`, {
        headers: { authorization: `Bearer ${tenant.token}` },
        signal: AbortSignal.timeout(50),
      });
      await expect(aborted).rejects.toThrow();
    });

    it.each([
      ['before-response', false, 0],
      ['before-response', true, 1],
      ['after-response-headers', false, 0],
      ['after-response-headers', true, 1],
    ])('drops the connection %s (apply %s)', async (drop, apply, mappingsAfter) => {
      await tenant.control('POST', 'faults', {
        method: 'POST',
        path: 'object-mappings/org$',
        drop,
        apply,
      });
      const mapping = {
        objectType: 'SOURCE',
        jsonPath: '$.name',
        sourceValue: 'a',
        targetValue: 'b',
      };
      await expect(tenant.call('POST', `${API}/object-mappings/org`, mapping)).rejects.toThrow();
      expect((await tenant.call('GET', `${API}/object-mappings/org`)).body).toHaveLength(
        mappingsAfter,
      );

      const log = (await tenant.control('GET', 'requests')).body as Json[];
      const dropped = log.find((entry) => entry.method === 'POST');
      expect(dropped.status).toBe(0);
    });

    it('sends headers before an after-response-headers drop', async () => {
      await tenant.control('POST', 'faults', {
        path: '/drafts$',
        drop: 'after-response-headers',
        status: 200,
        body: [],
      });
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${tenant.url}${API}/drafts`,
          { headers: { authorization: `Bearer ${tenant.token}` } },
          (res) => {
            resolve(res.statusCode ?? 0);
            res.on('error', () => undefined);
            res.resume();
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    });

    it('clears faults', async () => {
      await tenant.control('POST', 'faults', { path: '.*', status: 500, count: 10 });
      expect((await tenant.control('DELETE', 'faults')).status).toBe(204);
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(200);
    });

    it('rejects an invalid fault', async () => {
      for (const fault of [
        {},
        { path: '(' },
        { path: 'x', count: 0 },
        { path: 'x', drop: 'sometimes' },
        { path: 'x', status: 42 },
      ]) {
        const answer = await tenant.control('POST', 'faults', fault);
        expect({ fault, status: answer.status }).toEqual({ fault, status: 400 });
      }
    });
  });

  describe('state, seed and log', () => {
    it('seeds records with defaults', async () => {
      const seeded = await tenant.control('POST', 'seed', {
        uploads: [
          {
            jobId: 'u-1',
            name: 'seeded',
            created: '2025-01-01T00:00:00Z',
            status: 'COMPLETE',
            userCanDelete: true,
            objects: sampleExport().objects,
          },
        ],
        objectMappings: {
          'acme-dev': [{ objectType: 'SOURCE', sourceValue: 'a', targetValue: 'b' }],
        },
        scheduledActions: [
          { jobType: 'BACKUP', content: { name: 'nightly' }, cronString: '0 0 1 * * ?' },
        ],
      });
      expect(seeded.status).toBe(200);
      const upload = await tenant.call('GET', `${API}/backups/uploads/u-1`);
      expect(upload.body).toMatchObject({
        jobId: 'u-1',
        name: 'seeded',
        status: 'COMPLETE',
        type: 'BACKUP',
        backupType: 'UPLOADED',
        hydrationStatus: 'HYDRATED',
        totalObjectCount: 2,
        created: '2025-01-01T00:00:00Z',
      });
      const mappings = await tenant.call('GET', `${API}/object-mappings/acme-dev`);
      expect(mappings.body[0]).toMatchObject({
        objectType: 'SOURCE',
        jsonPath: '$.name',
        enabled: false,
      });
      expect(typeof mappings.body[0].objectMappingId).toBe('string');
      const actions = await tenant.call('GET', `${API}/scheduled-actions`);
      expect(actions.body[0].content.name).toBe('nightly');
    });

    it('keeps a seeded status and advances one without', async () => {
      const seeded = await tenant.control('POST', 'seed', {
        drafts: [{ name: 'stuck', status: 'IN_PROGRESS' }, { name: 'moving' }],
      });
      await sleep(80);
      const drafts = (await tenant.call('GET', `${API}/drafts`)).body as Json[];
      expect(drafts.find((draft) => draft.jobId === seeded.body.drafts[0]).status).toBe(
        'IN_PROGRESS',
      );
      expect(drafts.find((draft) => draft.jobId === seeded.body.drafts[1]).status).toBe('COMPLETE');
    });

    it('rejects an invalid seed', async () => {
      expect((await tenant.control('POST', 'seed', { widgets: [] })).status).toBe(400);
      expect((await tenant.control('POST', 'seed', { drafts: [{ status: 'DONE' }] })).status).toBe(
        400,
      );
    });

    it('resets state, settings, faults and log', async () => {
      await tenant.control('POST', 'seed', { backups: [{ name: 'b', status: 'COMPLETE' }] });
      await tenant.control('PATCH', 'settings', { forbidden: ['backups'] });
      await tenant.control('POST', 'faults', { path: 'drafts', status: 500 });
      await tenant.call('GET', `${API}/backups`);

      expect((await tenant.control('POST', 'reset')).status).toBe(204);
      const state = await tenant.control('GET', 'state');
      expect(state.body.backups).toEqual([]);
      expect((await tenant.control('GET', 'requests')).body).toEqual([]);
      expect((await tenant.call('GET', `${API}/backups`)).status).toBe(200);
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(200);
    });

    it('logs API requests without secrets', async () => {
      await tenant.issueToken();
      await tenant.call('POST', `${API}/deploys?x=1`, { draftId: 'nope' });
      await tenant.upload(JSON.stringify(sampleExport()), 'logged', API);
      await tenant.control('GET', 'state');

      const log = (await tenant.control('GET', 'requests')).body as Json[];
      expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
        'POST /oauth/token 200',
        `POST ${API}/deploys 400`,
        `POST ${API}/backups/uploads 202`,
      ]);
      expect(log[0].body).toBeUndefined();
      expect(log[0].clientId).toBe('emulator-client-id');
      expect(log[1]).toMatchObject({
        seq: 2,
        query: { x: '1' },
        body: { draftId: 'nope' },
        apiVersion: 'v2025',
        clientId: 'emulator-client-id',
      });
      expect(log[2].body).toBeUndefined();
      const text = JSON.stringify(log);
      expect(text).not.toContain(tenant.token);
      expect(text).not.toContain('emulator-client-secret');

      expect((await tenant.control('DELETE', 'requests')).status).toBe(204);
      expect((await tenant.control('GET', 'requests')).body).toEqual([]);
    });

    it('forbids a resource with 403', async () => {
      const changed = await tenant.control('PATCH', 'settings', {
        forbidden: ['scheduled-actions'],
      });
      expect(changed.status).toBe(200);
      expect(changed.body.forbidden).toEqual(['scheduled-actions']);
      expect(changed.body.clientSecret).toBeUndefined();
      const answer = await tenant.call('GET', `${API}/scheduled-actions`);
      expect(answer.status).toBe(403);
      expect(answer.body.detailCode).toBe('403 Forbidden');
      expect(answer.body.messages[0].text).toContain('ORG_ADMIN');
      expect((await tenant.call('GET', `${API}/drafts`)).status).toBe(200);
    });

    it('rejects unknown or invalid settings', async () => {
      for (const settings of [
        { colour: 'red' },
        { durations: { uploadMs: -1 } },
        { forbidden: ['everything'] },
        { draftApprovalStatus: 'APPROVED' },
        { rateLimit: { limit: 0 } },
      ]) {
        const answer = await tenant.control('PATCH', 'settings', settings);
        expect({ settings, status: answer.status }).toEqual({ settings, status: 400 });
      }
    });

    it('answers 404 for an unknown control path', async () => {
      expect((await tenant.control('GET', 'nothing')).status).toBe(404);
    });
  });
});
