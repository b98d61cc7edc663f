import type { ObjectMapping, SpObject } from './state.js';

type PathStep = string | number;

/**
 * Parses a simple JSONPath such as `$.owner.name`, `$.items[0].id` or `$['display name']`.
 * Returns undefined for anything else (wildcards, filters, recursive descent), which the
 * emulator does not apply.
 */
export function parseSimpleJsonPath(path: string): PathStep[] | undefined {
  if (!path.startsWith('$')) {
    return undefined;
  }
  const steps: PathStep[] = [];
  const pattern =
    /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let offset = 1;
  while (offset < path.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(path);
    if (match === null) {
      return undefined;
    }
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push((match[3] ?? match[4]).replace(/\\(.)/g, '$1'));
    offset = pattern.lastIndex;
  }
  return steps.length > 0 ? steps : undefined;
}

/**
 * Applies enabled mappings to sp-config objects and returns the result. Objects that no
 * mapping changes are shared with the input; changed ones are deep copies. A mapping's
 * jsonPath is evaluated on the entry's `object`. When it is `$.name` or `$.id`, `self` gets
 * the new value too, so the entry stays consistent.
 * NOTE: how a tenant orders overlapping mappings is undocumented. Here they apply in list
 * order, and a later mapping matches against the values that earlier ones wrote.
 */
export function applyMappings(objects: SpObject[], mappings: ObjectMapping[]): SpObject[] {
  const active = mappings
    .filter((mapping) => mapping.enabled)
    .map((mapping) => ({ mapping, steps: parseSimpleJsonPath(mapping.jsonPath) }))
    .filter((entry): entry is { mapping: ObjectMapping; steps: PathStep[] } => !!entry.steps);
  if (active.length === 0) {
    return objects;
  }

  return objects.map((entry) => {
    let result = entry;
    for (const { mapping, steps } of active) {
      if (entry.self?.type !== mapping.objectType) {
        continue;
      }
      const current = readPath(result.object, steps);
      if (current === undefined || current === null || typeof current === 'object') {
        continue;
      }
      if (String(current) !== mapping.sourceValue) {
        continue;
      }
      if (result === entry) {
        result = structuredClone(entry);
      }
      writePath(result.object, steps, mapping.targetValue);
      if (steps.length === 1 && (steps[0] === 'name' || steps[0] === 'id')) {
        result.self[steps[0]] = mapping.targetValue;
      }
    }
    return result;
  });
}

function readPath(root: unknown, steps: PathStep[]): unknown {
  let node: unknown = root;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function writePath(root: Record<string, unknown>, steps: PathStep[], value: string): void {
  let node = root as Record<string | number, unknown>;
  for (const step of steps.slice(0, -1)) {
    node = node[step] as Record<string | number, unknown>;
  }
  node[steps[steps.length - 1]] = value;
}
