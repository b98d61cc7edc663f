import { CLIENT_ID, CLIENT_SECRET, PREFIXES, sleep, TestTenant, jsonOf } from './helpers.js';

describe('emulator tokens', () => {
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await TestTenant.start();
  });
  afterAll(() => tenant.stop());
  beforeEach(() => tenant.control('POST', 'reset'));

  it('issues a bearer token for the right credentials', async () => {
    const response = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    const body = await jsonOf(response);
    expect(response.status).toBe(200);
    expect(typeof body.access_token).toBe('string');
    expect(body.access_token.length).toBeGreaterThan(20);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(749);
    expect(typeof body.scope).toBe('string');
  });

  it('rejects a wrong secret with invalid_client', async () => {
    const response = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: 'wrong',
      }),
    });
    const body = await jsonOf(response);
    expect(response.status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(typeof body.error_description).toBe('string');
  });

  it('rejects an unsupported grant type', async () => {
    const response = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error).toBe('unsupported_grant_type');
  });

  it('accepts credentials in the query string', async () => {
    const query = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    const response = await fetch(`${tenant.url}/oauth/token?${query}`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('accepts credentials by HTTP Basic auth', async () => {
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const response = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(200);
    const wrong = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(wrong.status).toBe(401);
  });

  it.each(PREFIXES)('requires a token under %s', async (prefix) => {
    const response = await fetch(`${tenant.url}${prefix}/drafts`);
    expect(response.status).toBe(401);
    expect(typeof (await jsonOf(response)).error).toBe('string');
  });

  it('rejects an unknown token', async () => {
    const response = await fetch(`${tenant.url}/v2025/configuration-hub/drafts`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(response.status).toBe(401);
    expect(typeof (await jsonOf(response)).error).toBe('string');
  });

  it('expires a token after its lifetime', async () => {
    await tenant.control('PATCH', 'settings', { tokenLifetimeSeconds: 0.4 });
    const token = await tenant.issueToken();
    const fresh = await fetch(`${tenant.url}/v2024/configuration-hub/drafts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(fresh.status).toBe(200);

    await sleep(450);
    const expired = await fetch(`${tenant.url}/v2024/configuration-hub/drafts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(expired.status).toBe(401);
    expect(await jsonOf(expired)).toEqual({ error: 'JWT validation failed: JWT is expired' });
  });

  it('expires earlier tokens on request', async () => {
    const old = await tenant.issueToken();
    const expire = await tenant.control('POST', 'tokens/expire');
    expect(expire.status).toBe(200);
    const newer = await tenant.issueToken();

    const oldAnswer = await fetch(`${tenant.url}/v2024/configuration-hub/drafts`, {
      headers: { authorization: `Bearer ${old}` },
    });
    const newAnswer = await fetch(`${tenant.url}/v2024/configuration-hub/drafts`, {
      headers: { authorization: `Bearer ${newer}` },
    });
    expect(oldAnswer.status).toBe(401);
    expect((await jsonOf(oldAnswer)).error).toBe('JWT validation failed: JWT is expired');
    expect(newAnswer.status).toBe(200);
  });

  it('uses the client id and secret it was started with', async () => {
    const other = await TestTenant.start({
      clientId: 'pat-id',
      clientSecret: 'pat-secret',
      tokenLifetimeSeconds: 60,
    });
    try {
      const response = await fetch(`${other.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'pat-id',
          client_secret: 'pat-secret',
        }),
      });
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).expires_in).toBe(60);
    } finally {
      await other.stop();
    }
  });
});
