/**
 * Path prefix of Configuration Hub for each API version. The year-versioned
 * prefixes are frozen; `v1` is the per-resource form that replaces them.
 */
export const API_VERSION_PREFIXES = {
  v2024: '/v2024/configuration-hub',
  v2025: '/v2025/configuration-hub',
  v2026: '/v2026/configuration-hub',
  v1: '/configuration-hub/v1',
} as const;

export type ApiVersion = keyof typeof API_VERSION_PREFIXES;

export const API_VERSIONS = Object.keys(API_VERSION_PREFIXES) as ApiVersion[];

export const DEFAULT_API_VERSION: ApiVersion = 'v2024';

export function isApiVersion(value: string): value is ApiVersion {
  return Object.hasOwn(API_VERSION_PREFIXES, value);
}
