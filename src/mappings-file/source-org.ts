/** Source org of mappings that are not tied to one source tenant. */
export const DEFAULT_SOURCE_ORG = 'default';

/**
 * A tenant name as it appears in `{tenant}.api.identitynow.com`: letters, digits and inner
 * hyphens, at most 63 characters. It rules out `/`, `.` and `..`, which would change the
 * request path that the source org is sent in.
 */
const TENANT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Checks a source org and returns why it is invalid, as a clause that follows
 * the quoted value (`is not a tenant name: ...`), or undefined when it is valid.
 */
export function sourceOrgProblem(value: string): string | undefined {
  if (value === DEFAULT_SOURCE_ORG || TENANT_NAME.test(value)) {
    return undefined;
  }
  return (
    `is not a tenant name: use the source tenant's name (letters, digits and ` +
    `hyphens, such as "acme-sb") or "${DEFAULT_SOURCE_ORG}"`
  );
}
