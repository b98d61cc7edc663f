import { BACKUP_OBJECT_TYPES } from './object-types.js';
import { describeKind, isJsonObject } from './paths.js';
import type { ConfigObjectSummary, Finding, SpConfigObject } from './types.js';

/** One item of an export, or the content of a one-object file, with where it came from. */
export interface LocatedItem {
  value: unknown;
  /** The item's JSON text exactly as written in its file. */
  text: string;
  file: string;
  line: number;
  column: number;
  /** Label of the item in messages, such as `objects[3]`. */
  label: string;
}

/** An item that passed the checks of its own shape. */
export interface CheckedItem {
  item: LocatedItem;
  object: SpConfigObject;
  summary: ConfigObjectSummary;
}

/**
 * Checks the shape of one item: `self` is an object with a string `type` and an `id` or a
 * `name`, and `object` is an object. Returns the item when it passed, and the findings.
 */
export function checkItem(item: LocatedItem): {
  checked: CheckedItem | undefined;
  findings: Finding[];
} {
  const findings: Finding[] = [];
  const at = { file: item.file, line: item.line, column: item.column };
  const fail = (message: string): void => {
    findings.push({ severity: 'error', message, ...at });
  };

  if (!isJsonObject(item.value)) {
    fail(
      `${item.label} is ${describeKind(item.value)}, but each item of "objects" must be an ` +
        'object with "self" and "object".',
    );
    return { checked: undefined, findings };
  }

  const { self, object } = item.value;
  let type: string | undefined;
  let id: string | undefined;
  let name: string | undefined;

  if (self === undefined) {
    fail(`${item.label} has no "self". Add "self": {"type": ..., "id": ..., "name": ...}.`);
  } else if (!isJsonObject(self)) {
    fail(
      `${item.label}: "self" is ${describeKind(self)}, but must be an object with "type" and "id" or "name".`,
    );
  } else {
    if (typeof self.type === 'string' && self.type !== '') {
      type = self.type;
    } else if (self.type === undefined) {
      fail(`${item.label}: "self.type" is missing. Set it to the object type, such as "WORKFLOW".`);
    } else {
      fail(
        `${item.label}: "self.type" is ${JSON.stringify(self.type)}, but must be an object type such as "WORKFLOW".`,
      );
    }

    id = readIdentifier(self.id, 'self.id', item.label, fail);
    name = readIdentifier(self.name, 'self.name', item.label, fail);
    if (self.id === undefined && self.name === undefined) {
      fail(
        `${item.label}${type ? ` (${type})` : ''}: "self" has neither "id" nor "name". ` +
          'Add at least one so Configuration Hub can identify the object.',
      );
    }
  }

  const described = `${item.label}${type ? ` (${type} ${JSON.stringify(name ?? id ?? '')})` : ''}`;
  if (object === undefined) {
    fail(`${described} has no "object". Add the object's content as "object": {...}.`);
  } else if (!isJsonObject(object)) {
    fail(`${described}: "object" is ${describeKind(object)}, but must be an object.`);
  }

  if (findings.length > 0 || type === undefined) {
    return { checked: undefined, findings };
  }
  const summary: ConfigObjectSummary = {
    type,
    ...(id !== undefined && { id }),
    ...(name !== undefined && { name }),
    file: item.file,
    line: item.line,
  };
  return { checked: { item, object: item.value as SpConfigObject, summary }, findings };
}

function readIdentifier(
  value: unknown,
  field: string,
  label: string,
  fail: (message: string) => void,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    fail(`${label}: "${field}" is ${JSON.stringify(value)}, but must be a non-empty string.`);
    return undefined;
  }
  return value;
}

/**
 * Checks the items of a whole upload together: no two objects share a type and id (or a type and
 * name when there is no id), and each type is one that Configuration Hub backs up and deploys.
 */
export function checkCollection(items: CheckedItem[]): Finding[] {
  const findings: Finding[] = [];
  const firstByKey = new Map<string, ConfigObjectSummary>();

  for (const { summary } of items) {
    const field = summary.id !== undefined ? 'id' : 'name';
    const identifier = summary.id ?? summary.name ?? '';
    const key = `${summary.type}\u0000${field}\u0000${identifier}`;
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, summary);
      continue;
    }
    findings.push({
      severity: 'error',
      file: summary.file,
      line: summary.line,
      message:
        `Duplicate ${summary.type} object with ${field} ${JSON.stringify(identifier)}: it appears at ` +
        `${first.file}:${first.line} and at ${summary.file}:${summary.line}. Keep only one of them.`,
    });
  }

  const unsupported = new Map<string, ConfigObjectSummary[]>();
  for (const { summary } of items) {
    if (!BACKUP_OBJECT_TYPES.includes(summary.type)) {
      const summaries = unsupported.get(summary.type) ?? [];
      summaries.push(summary);
      unsupported.set(summary.type, summaries);
    }
  }
  for (const [type, summaries] of unsupported) {
    const first = summaries[0];
    const count = summaries.length === 1 ? '1 object has' : `${summaries.length} objects have`;
    findings.push({
      severity: 'warning',
      file: first.file,
      line: first.line,
      message:
        `${count} type ${JSON.stringify(type)}, which is not a type that Configuration Hub backs up ` +
        'and deploys, so the upload may skip or reject them. Supported types: ' +
        `${BACKUP_OBJECT_TYPES.join(', ')}.`,
    });
  }

  return findings;
}
