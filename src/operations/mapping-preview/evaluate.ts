import { exec } from 'jsonpath-rfc9535';
import type { SpConfigEnvelope } from '../../config-file/types.js';
import type { MappingEntry } from '../../mappings-file/types.js';

/** One place in the export where a mapping would substitute its target value. */
export interface MappingHit {
  /** Type, id and name of the exported object that contains the value. */
  objectType: string;
  objectId?: string;
  objectName?: string;
  /**
   * `object` when the mapping matched the exported object itself; `reference`
   * when it matched a reference inside another object, such as an owner
   * `{type: IDENTITY, id, name}`.
   */
  via: 'object' | 'reference';
  /** Normalized JSONPath of the value inside the exported object's body. */
  path: string;
  oldValue: string;
  newValue: string;
}

export interface MappingPreviewItem {
  sourceOrg: string;
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  targetValue: string;
  line: number;
  hits: MappingHit[];
  /** Set when the JSONPath could not be evaluated. */
  error?: string;
}

/**
 * Evaluates each mapping on the export the way Configuration Hub applies it
 * when it builds a draft: where an object of the mapping's type has the
 * source value at the mapping's JSONPath, the draft gets the target value.
 * References inside other objects that carry the mapping's type (an owner
 * `{type: IDENTITY, name}`, a governance group reference) are evaluated too.
 * NOTE: the API documentation does not say how mappings reach references;
 * matching them by their `type` field is an inference from exported objects.
 */
export function evaluateMappings(
  envelope: SpConfigEnvelope,
  entries: MappingEntry[],
): MappingPreviewItem[] {
  return entries.map((entry) => {
    const item: MappingPreviewItem = {
      sourceOrg: entry.sourceOrg,
      objectType: entry.objectType,
      jsonPath: entry.jsonPath,
      sourceValue: entry.sourceValue,
      targetValue: entry.targetValue,
      line: entry.line,
      hits: [],
    };
    try {
      for (const exported of envelope.objects) {
        const owner = {
          objectType: exported.self.type,
          objectId: exported.self.id,
          objectName: exported.self.name,
        };
        if (exported.self.type === entry.objectType) {
          for (const path of matchingPaths(exported.object, '$', entry)) {
            item.hits.push({
              ...owner,
              via: 'object',
              path,
              oldValue: entry.sourceValue,
              newValue: entry.targetValue,
            });
          }
        }
        for (const [referencePath, reference] of referencesOfType(
          exported.object,
          entry.objectType,
        )) {
          for (const path of matchingPaths(reference, referencePath, entry)) {
            item.hits.push({
              ...owner,
              via: 'reference',
              path,
              oldValue: entry.sourceValue,
              newValue: entry.targetValue,
            });
          }
        }
      }
    } catch (error) {
      item.error = (error as Error).message;
      item.hits = [];
    }
    return item;
  });
}

/** Returns the paths, prefixed with `base`, where `document` has the source value at the mapping's JSONPath. */
function matchingPaths(document: unknown, base: string, entry: MappingEntry): string[] {
  const found: string[] = [];
  exec(document as Parameters<typeof exec>[0], entry.jsonPath, (value, segments) => {
    if (value === entry.sourceValue) {
      found.push(`${base}${segments.map(formatSegment).join('')}`);
    }
  });
  return found;
}

/** Formats one path segment in normalized JSONPath form: `['key']` or `[index]`. */
function formatSegment(segment: string | number): string {
  if (typeof segment === 'number') {
    return `[${segment}]`;
  }
  return `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** Lists nested objects (not the root) whose `type` is `objectType`, with their normalized paths. */
function referencesOfType(
  root: unknown,
  objectType: string,
): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  const visit = (value: unknown, path: string, depth: number): void => {
    if (depth > 64 || value === null || typeof value !== 'object') {
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((child, index) => visit(child, `${path}${formatSegment(index)}`, depth + 1));
      return;
    }
    const record = value as Record<string, unknown>;
    if (depth > 0 && record.type === objectType) {
      found.push([path, record]);
    }
    for (const [key, child] of Object.entries(record)) {
      visit(child, `${path}${formatSegment(key)}`, depth + 1);
    }
  };
  visit(root, '$', 0);
  return found;
}
