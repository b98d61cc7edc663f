import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { ApiResponse } from './errors.js';
import { MAX_JSON_BYTES, readText } from './http.js';
import type { Settings } from './options.js';

interface IssuedToken {
  clientId: string;
  issuedAt: number;
  expiresAt: number;
}

/** Issues opaque access tokens and checks them. Tokens outlive a reset of the tenant state. */
export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  /** Handles POST /oauth/token: client credentials from the form body, the query or Basic auth. */
  async issue(
    req: IncomingMessage,
    query: URLSearchParams,
    settings: Settings,
    now: number,
  ): Promise<{ response: ApiResponse; clientId?: string }> {
    const form = new URLSearchParams(await readText(req, MAX_JSON_BYTES));
    const field = (name: string): string | null => form.get(name) ?? query.get(name);

    let clientId = field('client_id');
    let clientSecret = field('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic && clientId === null) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon !== -1) {
        clientId = decodeFormValue(decoded.slice(0, colon));
        clientSecret = decodeFormValue(decoded.slice(colon + 1));
      }
    }

    const grantType = field('grant_type');
    if (grantType === null) {
      return { response: oauthError(400, 'invalid_request', 'Missing grant type') };
    }
    if (grantType !== 'client_credentials') {
      return {
        response: oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`),
      };
    }
    if (clientId !== settings.clientId || clientSecret !== settings.clientSecret) {
      return { response: oauthError(401, 'invalid_client', 'Bad credentials') };
    }

    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, {
      clientId,
      issuedAt: now,
      expiresAt: now + settings.tokenLifetimeSeconds * 1000,
    });
    return {
      clientId,
      response: {
        status: 200,
        headers: { 'cache-control': 'no-store' },
        body: {
          access_token: token,
          token_type: 'bearer',
          expires_in: settings.tokenLifetimeSeconds,
          scope: 'sp:scopes:all',
          tenant_id: randomUUID(),
          pod: 'emulator',
          strong_auth_supported: false,
          org: settings.tenant,
          identity_id: 'emulator-identity-id',
          user_name: 'emulator.admin',
          strong_auth: false,
          jti: randomUUID(),
        },
      },
    };
  }

  /** Returns the client id of a valid bearer token, or a 401 response. */
  verify(
    authorization: string | undefined,
    now: number,
  ): { clientId: string } | { response: ApiResponse } {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (match === null) {
      return {
        response: {
          status: 401,
          body: { error: 'Missing bearer token in the Authorization header' },
        },
      };
    }
    const issued = this.tokens.get(match[1]);
    if (issued === undefined) {
      return { response: { status: 401, body: { error: 'JWT validation failed: unknown token' } } };
    }
    if (now >= issued.expiresAt) {
      return {
        response: { status: 401, body: { error: 'JWT validation failed: JWT is expired' } },
      };
    }
    return { clientId: issued.clientId };
  }

  /** Expires every token issued so far; tokens issued later are not affected. */
  expireAll(now: number): number {
    for (const issued of this.tokens.values()) {
      issued.expiresAt = Math.min(issued.expiresAt, now);
    }
    return this.tokens.size;
  }
}

/** Decodes a form-encoded credential as RFC 6749 section 2.3.1 requires; invalid encoding stays as sent. */
function decodeFormValue(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function oauthError(status: number, error: string, description: string): ApiResponse {
  return { status, body: { error, error_description: description } };
}
