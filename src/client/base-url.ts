const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

export class BaseUrlError extends Error {
  override name = 'BaseUrlError';
}

/** Reports whether `hostname` is a loopback name or IPv4 address (127.0.0.0/8, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Builds the tenant's API base URL from a tenant name, which gives
 * `https://{tenant}.api.identitynow.com`, or from a full base URL for vanity
 * and government hosts. Plain http is accepted only for a loopback host
 * (the emulator), because the token and client secret would travel in clear.
 */
export function resolveBaseUrl(source: { tenant?: string; baseUrl?: string }): string {
  const baseUrl = source.baseUrl?.trim();
  const tenant = source.tenant?.trim();
  if (baseUrl) {
    return normalizeBaseUrl(baseUrl);
  }
  if (tenant) {
    if (!TENANT_NAME.test(tenant)) {
      throw new BaseUrlError(
        `Tenant name "${tenant}" is invalid: use the tenant's name only, such as "acme-sb" ` +
          `(letters, digits and hyphens), or give the full URL in base-url.`,
      );
    }
    return `https://${tenant.toLowerCase()}.api.identitynow.com`;
  }
  throw new BaseUrlError(
    'No tenant is set: give the tenant input (such as "acme-sb"), the base-url input ' +
      '(such as "https://acme-sb.api.identitynow.com"), or the SAIL_BASE_URL environment variable.',
  );
}

function normalizeBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BaseUrlError(
      `Base URL "${value}" is not a valid URL: give it as https://{tenant}.api.identitynow.com.`,
    );
  }
  if (url.hostname.startsWith('[')) {
    throw new BaseUrlError(
      `Base URL "${value}" uses an IPv6 address, which the HTTP client cannot reach: use a host name, or 127.0.0.1 for a local emulator.`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new BaseUrlError(
      `Base URL "${value}" uses http://, which would send the client secret and tokens unencrypted: ` +
        'use https:// (plain http is accepted only for a loopback host such as the local emulator).',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BaseUrlError(`Base URL "${value}" must start with https://.`);
  }
  if (url.username || url.password) {
    throw new BaseUrlError(
      'Base URL must not contain a user name or password: pass credentials in client-id and client-secret.',
    );
  }
  if (url.search || url.hash) {
    throw new BaseUrlError(`Base URL "${value}" must not contain a query string or fragment.`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/(v\d{4}|v3|beta|configuration-hub)(\/|$)/.test(path)) {
    throw new BaseUrlError(
      `Base URL "${value}" contains an API path: give only the host, such as ` +
        `"${url.origin}", and choose the version with api-version.`,
    );
  }
  if (path !== '') {
    throw new BaseUrlError(
      `Base URL "${value}" contains a path: give only the scheme and host, such as "${url.origin}".`,
    );
  }
  return url.origin;
}
