/** Calls to a local emulator's control API and token endpoint, for the benchmarks. */

/** One entry of the emulator's request log. */
export interface LoggedRequest {
  seq: number;
  /** Arrival time, ISO 8601 with milliseconds. */
  time: string;
  method: string;
  path: string;
  status: number;
}

/** Sends one request to the control API under /__emulator/ and returns the parsed body. */
export async function control(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${baseUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `Emulator control ${method} ${path} failed with HTTP ${response.status}: ${text}`,
    );
  }
  return text ? JSON.parse(text) : undefined;
}

/** Returns the emulator's request log: every API request, the token requests included. */
export async function loggedRequests(baseUrl: string): Promise<LoggedRequest[]> {
  return (await control(baseUrl, 'GET', 'requests')) as LoggedRequest[];
}

/** Gets an access token from the emulator's /oauth/token with its built-in credentials. */
export async function fetchAccessToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'emulator-client-id',
      client_secret: 'emulator-client-secret',
    }),
  });
  const body = (await response.json()) as { access_token?: unknown };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(`The emulator's /oauth/token failed with HTTP ${response.status}.`);
  }
  return body.access_token;
}
