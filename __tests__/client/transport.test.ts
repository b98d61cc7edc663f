import { ConfigHubClient } from '../../src/client/config-hub-client.js';
import { ConfigHubApiError, ConfigHubNetworkError } from '../../src/client/errors.js';
import type { Logger } from '../../src/client/logger.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { drop, json, startScriptedServer, token, type Handler } from '../helpers/test-server.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
  };
}

async function clientFor(handlers: Handler[], extra: { clock?: FakeClock } = {}) {
  const server = await startScriptedServer(handlers);
  const clock = extra.clock ?? new FakeClock();
  const logger = recordingLogger();
  const masked: string[] = [];
  const client = new ConfigHubClient({
    baseUrl: server.url,
    apiVersion: 'v2024',
    credentials: { kind: 'client-credentials', clientId: 'id-1', clientSecret: 'secret-1' },
    clock,
    logger,
    maskSecret: (s) => masked.push(s),
    retry: { random: () => 0.5 },
  });
  return { server, client, clock, logger, masked };
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function setup(handlers: Handler[], extra: { clock?: FakeClock } = {}) {
  const context = await clientFor(handlers, extra);
  cleanup.push(async () => {
    context.client.close();
    await context.server.close();
  });
  return context;
}

describe('ConfigHubClient over HTTP', () => {
  it('fetches a token with the client credentials form and masks it', async () => {
    const { server, client, masked } = await setup([token('tok-A'), json(200, [])]);
    await client.listDrafts();
    expect(server.requests[0].method).toBe('POST');
    expect(server.requests[0].url).toBe('/oauth/token');
    expect(new URLSearchParams(server.requests[0].body).get('grant_type')).toBe(
      'client_credentials',
    );
    expect(server.requests[1].url).toBe('/v2024/configuration-hub/drafts');
    expect(server.requests[1].headers.authorization).toBe('Bearer tok-A');
    expect(masked).toEqual(['secret-1', 'tok-A']);
  });

  it('reuses the token until the refresh margin, then fetches a new one', async () => {
    const { server, client, clock } = await setup([
      token('tok-A', 749),
      json(200, []),
      json(200, []),
      token('tok-B'),
      json(200, []),
    ]);
    await client.listDrafts();
    clock.advance(600_000);
    await client.listDrafts();
    clock.advance(100_000);
    await client.listDrafts();
    expect(server.requests.map((r) => r.url)).toEqual([
      '/oauth/token',
      '/v2024/configuration-hub/drafts',
      '/v2024/configuration-hub/drafts',
      '/oauth/token',
      '/v2024/configuration-hub/drafts',
    ]);
    expect(server.requests[4].headers.authorization).toBe('Bearer tok-B');
  });

  it('refreshes once on 401 and sends the call again', async () => {
    const expired = json(401, { error: 'JWT validation failed: JWT is expired' });
    const { server, client } = await setup([
      token('tok-A'),
      expired,
      token('tok-B'),
      json(200, [{ jobId: 'd1', status: 'COMPLETE' }]),
    ]);
    const drafts = await client.listDrafts();
    expect(drafts[0].jobId).toBe('d1');
    expect(server.requests[3].headers.authorization).toBe('Bearer tok-B');
  });

  it('fails after a second 401 with the server message', async () => {
    const expired = json(401, { error: 'JWT validation failed: JWT is expired' });
    const { server, client } = await setup([token('tok-A'), expired, token('tok-B'), expired]);
    await expect(client.listDrafts()).rejects.toThrow(
      /List drafts failed with HTTP 401: JWT validation failed/,
    );
    expect(server.requests).toHaveLength(4);
  });

  it('reports wrong credentials without the secret', async () => {
    const { client } = await setup([
      json(401, { error: 'invalid_client', error_description: 'Bad credentials' }),
    ]);
    const error = (await client.listDrafts().catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /Get access token failed with HTTP 401: invalid_client\. Bad credentials\. Check the credentials/,
    );
    expect(error.message).not.toContain('secret-1');
  });

  it('retries 429 after Retry-After and logs the retry once', async () => {
    const { server, client, clock, logger } = await setup([
      token(),
      json(429, { message: ' Rate Limit Exceeded ' }, { 'Retry-After': '3' }),
      json(200, []),
    ]);
    await client.listUploads();
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toContain(3000);
    expect(logger.lines.filter((l) => l.includes('Retrying'))).toEqual([
      'info Retrying "List uploads" in 3.0 s after HTTP 429 Too Many Requests (attempt 2 of 6).',
    ]);
  });

  it('retries a 429 on POST, but not a 503', async () => {
    const limited = json(429, { message: 'Rate Limit Exceeded' }, { 'Retry-After': '1' });
    const unavailable = json(503, { detailCode: '503', messages: [{ text: 'Down' }] });
    const { server, client } = await setup([token(), limited, unavailable]);
    await expect(client.createDeploy('draft-1')).rejects.toThrow(
      /Deploy draft draft-1 failed with HTTP 503: Down/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('retries 502, 503 and 504 on GET with backoff', async () => {
    const { server, client, clock } = await setup([
      token(),
      json(502, {}),
      json(503, {}),
      json(504, {}),
      json(200, { jobId: 'u1', status: 'COMPLETE' }),
    ]);
    const upload = await client.getUpload('u1');
    expect(upload.status).toBe('COMPLETE');
    expect(server.requests).toHaveLength(5);
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('gives up after the attempt limit', async () => {
    const { server, client } = await setup([token(), json(503, { messages: [{ text: 'busy' }] })]);
    await expect(client.getDeploy('x')).rejects.toThrow(/Get deploy x failed with HTTP 503: busy/);
    expect(server.requests).toHaveLength(7);
  });

  it('retries a GET after a dropped connection but not a POST', async () => {
    const context = await setup([token(), drop, json(200, [])]);
    await expect(context.client.listBackups()).resolves.toEqual([]);
    const post = await setup([token(), drop, json(202, {})]);
    const error = await post.client.createDeploy('d').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigHubNetworkError);
    expect((error as ConfigHubNetworkError).notSent).toBe(false);
    expect(post.server.requests).toHaveLength(2);
  });

  it('puts detail code, tracking id and messages in one line', async () => {
    const { client } = await setup([
      token(),
      json(400, {
        detailCode: '400.1 Bad Request Content',
        trackingId: 'abc123',
        messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Draft is not complete.' }],
        causes: [],
      }),
    ]);
    const error = (await client.createDeploy('d').catch((e: unknown) => e)) as ConfigHubApiError;
    expect(error).toBeInstanceOf(ConfigHubApiError);
    expect(error.status).toBe(400);
    expect(error.trackingId).toBe('abc123');
    expect(error.message).toBe(
      'Deploy draft d failed with HTTP 400: Draft is not complete (detail code 400.1 Bad Request Content, tracking id abc123).',
    );
    expect(error.message).not.toContain('\n');
  });

  it('percent-encodes the source org so it cannot reach another path', async () => {
    const { server, client } = await setup([token(), json(200, [])]);
    await client.listObjectMappings('../backups');
    expect(server.requests[1].url).toBe('/v2024/configuration-hub/object-mappings/..%2Fbackups');
  });

  it('sends JSON Patch with its content type for scheduled actions', async () => {
    const { server, client } = await setup([
      token(),
      json(200, { id: 's1', jobType: 'BACKUP', content: { name: 'n' } }),
    ]);
    await client.updateScheduledAction('s1', [
      { op: 'replace', path: '/cronString', value: '0 0 * * *' },
    ]);
    expect(server.requests[1].method).toBe('PATCH');
    expect(server.requests[1].headers['content-type']).toBe('application/json-patch+json');
    expect(JSON.parse(server.requests[1].body)).toEqual({
      operations: [{ op: 'replace', path: '/cronString', value: '0 0 * * *' }],
    });
  });

  it('rejects a bulk create over 25 mappings before sending', async () => {
    const { server, client } = await setup([token()]);
    const mapping = {
      objectType: 'SOURCE',
      jsonPath: '$.name',
      sourceValue: 'a',
      targetValue: 'b',
    };
    await expect(
      client.bulkCreateObjectMappings('default', Array(26).fill(mapping)),
    ).rejects.toThrow(/at most 25/);
    expect(server.requests).toHaveLength(0);
  });

  it('accepts enum values the definition does not list', async () => {
    const { client } = await setup([
      token(),
      json(200, [{ jobId: 'b', status: 'ARCHIVED', backupType: 'AUTOMATED_DRAFT' }]),
    ]);
    const backups = await client.listBackups();
    expect(backups[0].backupType).toBe('AUTOMATED_DRAFT');
  });

  it('uses a given access token without asking for one', async () => {
    const server = await startScriptedServer([json(200, { items: [] })]);
    const client = new ConfigHubClient({
      baseUrl: server.url,
      apiVersion: 'v1',
      credentials: { kind: 'access-token', accessToken: 'given' },
    });
    cleanup.push(async () => {
      client.close();
      await server.close();
    });
    await expect(client.listDeploys()).resolves.toEqual([]);
    expect(server.requests[0].url).toBe('/configuration-hub/v1/deploys');
    expect(server.requests[0].headers.authorization).toBe('Bearer given');
  });
});
