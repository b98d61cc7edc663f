import type { Clock } from './clock.js';
import { ConfigHubApiError, parseErrorBody, TOKEN_OPERATION } from './errors.js';
import type { HttpTransport } from './http.js';
import type { Logger } from './logger.js';

export type Credentials =
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  | { kind: 'access-token'; accessToken: string };

/** Seconds before a token's expiry at which it is replaced, so no call goes out with a token about to lapse. */
export const TOKEN_REFRESH_MARGIN_SECONDS = 60;

/**
 * Supplies access tokens. With a personal access token's client id and secret
 * it fetches a token from `{base}/oauth/token`, caches it, and fetches a new
 * one a margin before expiry or when the server rejects the cached one. A
 * given access token is used as is and cannot be refreshed.
 */
export class TokenProvider {
  private token: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly credentials: Credentials,
    private readonly transport: HttpTransport,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Called with every secret and token the moment it exists, so the runner masks it. */
    private readonly maskSecret: (secret: string) => void,
  ) {
    if (credentials.kind === 'client-credentials') {
      maskSecret(credentials.clientSecret);
    } else {
      maskSecret(credentials.accessToken);
    }
  }

  get canRefresh(): boolean {
    return this.credentials.kind === 'client-credentials';
  }

  /** Returns a token valid for at least the refresh margin. */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.credentials.kind === 'access-token') {
      return this.credentials.accessToken;
    }
    if (this.token && this.clock.now() < this.expiresAt) {
      return this.token;
    }
    this.pending ??= this.fetchToken(this.credentials, signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached token after the server rejected it with 401. */
  invalidate(rejected: string): void {
    if (this.token === rejected) {
      this.token = undefined;
      this.expiresAt = 0;
    }
  }

  private async fetchToken(
    credentials: { clientId: string; clientSecret: string },
    signal?: AbortSignal,
  ): Promise<string> {
    const response = await this.transport.send({
      operation: TOKEN_OPERATION,
      method: 'POST',
      url: '/oauth/token',
      form: {
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
      // Asking for a token again changes nothing on the tenant.
      idempotent: true,
      rateLimited: false,
      signal,
    });
    if (response.status !== 200) {
      const body = parseErrorBody(response.text);
      throw new ConfigHubApiError({
        status: response.status,
        operation: TOKEN_OPERATION,
        method: 'POST',
        path: '/oauth/token',
        ...body,
      });
    }

    const body = JSON.parse(response.text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new Error('Get access token failed: the response has no access_token.');
    }
    this.maskSecret(body.access_token);
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 600;
    const usableSeconds = Math.max(
      lifetimeSeconds - TOKEN_REFRESH_MARGIN_SECONDS,
      lifetimeSeconds / 2,
    );
    this.token = body.access_token;
    this.expiresAt = this.clock.now() + usableSeconds * 1000;
    this.logger.debug(`Got an access token valid for ${lifetimeSeconds} s.`);
    return this.token;
  }
}
