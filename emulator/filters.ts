import { ApiError } from './errors.js';

/**
 * Parses a `filters` query such as `status eq "COMPLETE"` or
 * `status eq "COMPLETE" and approvalStatus eq "DEFAULT"` into a predicate.
 * Only `eq` on the listed fields is supported, as the OpenAPI spec states; anything else is a 400.
 */
export function parseFilters(
  raw: string | null,
  fields: readonly string[],
): (record: Record<string, unknown>) => boolean {
  if (raw === null || raw.trim() === '') {
    return () => true;
  }
  const conditions: { field: string; value: string }[] = [];
  const condition = /\s*([A-Za-z]+)\s+([A-Za-z]+)\s+"((?:[^"\\]|\\.)*)"\s*/y;
  let offset = 0;
  for (;;) {
    condition.lastIndex = offset;
    const match = condition.exec(raw);
    if (match === null) {
      throw new ApiError(
        400,
        `Invalid filters ${JSON.stringify(raw)}: expected a form such as status eq "COMPLETE".`,
      );
    }
    const [, field, operator, value] = match;
    if (!fields.includes(field)) {
      throw new ApiError(
        400,
        `Invalid filters: filtering on "${field}" is not supported; supported fields: ${fields.join(', ')}.`,
      );
    }
    if (operator !== 'eq') {
      throw new ApiError(
        400,
        `Invalid filters: operator "${operator}" is not supported on "${field}"; use eq.`,
      );
    }
    conditions.push({ field, value: value.replace(/\\(.)/g, '$1') });
    offset = condition.lastIndex;
    if (offset === raw.length) {
      break;
    }
    const and = /and\s+/y;
    and.lastIndex = offset;
    if (!and.test(raw)) {
      throw new ApiError(
        400,
        `Invalid filters ${JSON.stringify(raw)}: join conditions with "and".`,
      );
    }
    offset = and.lastIndex;
  }
  return (record) => conditions.every(({ field, value }) => record[field] === value);
}
