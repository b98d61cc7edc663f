import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';

export const CLIENT_ID = 'emulator-client-id';
export const CLIENT_SECRET = 'emulator-client-secret';

/** Durations short enough that a whole job lifecycle fits in a test. */
export const FAST = { uploadMs: 40, hydrationMs: 40, draftMs: 40, deployMs: 40, backupMs: 40 };

export const PREFIXES = [
  '/v2024/configuration-hub',
  '/v2025/configuration-hub',
  '/v2026/configuration-hub',
  '/configuration-hub/v1',
] as const;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A running emulator with a token and small helpers for the API and the control API. */
export class TestTenant {
  token = '';

  private constructor(readonly running: RunningEmulator) {}

  static async start(options: EmulatorOptions = {}): Promise<TestTenant> {
    const tenant = new TestTenant(await startEmulator({ durations: FAST, ...options }));
    tenant.token = await tenant.issueToken();
    return tenant;
  }

  get url(): string {
    return this.running.url;
  }

  stop(): Promise<void> {
    return this.running.stop();
  }

  async issueToken(clientId = CLIENT_ID, clientSecret = CLIENT_SECRET): Promise<string> {
    const response = await fetch(`${this.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  }

  /** Sends an API request with the bearer token; `path` starts after the host. */
  request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...headers },
    };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    return fetch(`${this.url}${path}`, init);
  }

  /** Sends an API request and returns status and parsed JSON body. */
  async call(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const response = await this.request(method, path, body, headers);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  /** Sends a control API request under /__emulator/. */
  async control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${this.url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  /** Uploads an sp-config file (any text) and returns the status and body of the response. */
  async upload(data: string, name = 'test upload', prefix: string = PREFIXES[0]) {
    const form = new FormData();
    form.append('name', name);
    form.append('data', new Blob([data], { type: 'application/json' }), 'export.json');
    const response = await fetch(`${this.url}${prefix}/backups/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  /** Polls until `read` returns a value that `done` accepts, or fails after `timeoutMs`. */
  async waitFor<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 3000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await sleep(15);
    }
  }
}

/** Reads a fetch response body as loose JSON. */
export async function jsonOf(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

/** Builds a small sp-config export with one source and one role. */
export function sampleExport(tenant = 'acme-dev') {
  return {
    version: 1,
    timestamp: '2025-01-01T00:00:00Z',
    tenant,
    description: 'test export',
    options: {},
    objects: [
      {
        version: 1,
        self: { id: 'src-1', type: 'SOURCE', name: 'Active Directory' },
        object: { id: 'src-1', name: 'Active Directory', owner: { name: 'alice' } },
      },
      {
        version: 1,
        self: { id: 'role-1', type: 'ROLE', name: 'Helpdesk' },
        object: { id: 'role-1', name: 'Helpdesk', owner: { name: 'alice' } },
      },
    ],
  };
}

/** A parsed JSON response body, whose fields tests check with expect(). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
