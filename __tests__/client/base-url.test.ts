import { resolveBaseUrl } from '../../src/client/base-url.js';
import { API_VERSION_PREFIXES, isApiVersion } from '../../src/client/api-versions.js';
import { eqFilter, segment } from '../../src/client/config-hub-client.js';

describe('resolveBaseUrl', () => {
  it('builds the host from a tenant name', () => {
    expect(resolveBaseUrl({ tenant: 'Acme-SB' })).toBe('https://acme-sb.api.identitynow.com');
  });

  it('prefers a full base URL and drops the trailing slash', () => {
    expect(resolveBaseUrl({ tenant: 'x', baseUrl: 'https://iam.example.gov/' })).toBe(
      'https://iam.example.gov',
    );
  });

  it('accepts http only for loopback hosts', () => {
    expect(resolveBaseUrl({ baseUrl: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(resolveBaseUrl({ baseUrl: 'http://localhost:1' })).toBe('http://localhost:1');
    expect(() => resolveBaseUrl({ baseUrl: 'http://acme.api.identitynow.com' })).toThrow(
      /unencrypted.*https:\/\//,
    );
  });

  it.each([
    ['acme.api.identitynow.com', /tenant's name only/],
    ['acme sb', /tenant's name only/],
    ['-acme', /tenant's name only/],
  ])('rejects the tenant name %p', (tenant, message) => {
    expect(() => resolveBaseUrl({ tenant })).toThrow(message);
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://acme.example', /must start with https/],
    ['https://user:pw@acme.example', /user name or password/],
    ['https://acme.example/v2024', /API path/],
    ['https://acme.example?x=1', /query string/],
    ['https://acme.example/api', /contains a path: give only the scheme and host/],
    ['http://[::1]:8080', /IPv6 address/],
  ])('rejects the base URL %p', (baseUrl, message) => {
    expect(() => resolveBaseUrl({ baseUrl })).toThrow(message);
  });

  it('names the three ways to set a tenant when none is given', () => {
    expect(() => resolveBaseUrl({})).toThrow(/tenant input.*base-url.*SAIL_BASE_URL/);
  });
});

describe('API versions', () => {
  it('maps every version to its prefix', () => {
    expect(API_VERSION_PREFIXES).toEqual({
      v2024: '/v2024/configuration-hub',
      v2025: '/v2025/configuration-hub',
      v2026: '/v2026/configuration-hub',
      v1: '/configuration-hub/v1',
    });
    expect(isApiVersion('v2025')).toBe(true);
    expect(isApiVersion('v3')).toBe(false);
    expect(isApiVersion('toString')).toBe(false);
  });
});

describe('segment', () => {
  it('percent-encodes slashes and spaces', () => {
    expect(segment('../backups', 'source org')).toBe('..%2Fbackups');
    expect(segment('a b?c#d', 'id')).toBe('a%20b%3Fc%23d');
  });

  it.each(['', '.', '..', '%2e%2E'])('rejects the dot segment %p', (value) => {
    expect(() => segment(value, 'source org')).toThrow(/cannot be used in a URL path/);
  });
});

describe('eqFilter', () => {
  it('quotes the value and drops quotes inside it', () => {
    expect(eqFilter('status', 'COMPLETE')).toBe('status eq "COMPLETE"');
    expect(eqFilter('approvalStatus', 'A"B')).toBe('approvalStatus eq "AB"');
  });
});
