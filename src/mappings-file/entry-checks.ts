import { isMap, isScalar, type LineCounter, type Node, type Pair } from 'yaml';
import type { Finding } from '../config-file/types.js';
import { closestName } from './closest-name.js';
import { MAPPING_OBJECT_TYPES } from './object-types.js';
import { DEFAULT_SOURCE_ORG, sourceOrgProblem } from './source-org.js';
import type { MappingEntry } from './types.js';

/** Keys a mapping entry may have, in the order messages list them. */
export const ENTRY_KEYS = [
  'sourceOrg',
  'objectType',
  'jsonPath',
  'sourceValue',
  'targetValue',
  'enabled',
] as const;

const REQUIRED_KEYS = ['objectType', 'jsonPath', 'sourceValue', 'targetValue'] as const;
const STRING_KEYS = ['sourceOrg', 'objectType', 'jsonPath', 'sourceValue', 'targetValue'] as const;

type EntryKey = (typeof ENTRY_KEYS)[number];

/** Destination of findings: the file's name, its line counter and the list to append to. */
export interface FindingSink {
  file: string;
  lineCounter: LineCounter;
  findings: Finding[];
}

/** Appends an error at the start of `node`, or at the file's start when it has no position. */
export function reportAt(sink: FindingSink, node: Node | null | undefined, message: string): void {
  const offset = node?.range?.[0];
  const position = offset === undefined ? { line: 1, col: 1 } : sink.lineCounter.linePos(offset);
  sink.findings.push({
    severity: 'error',
    message,
    file: sink.file,
    line: position.line,
    column: position.col,
  });
}

/** Result of checking one item: `identity` is set whenever its four identity fields are strings. */
export interface CheckedEntry {
  /** The entry with its defaults filled in, or undefined when the item has any error. */
  entry?: MappingEntry;
  /** Identity fields and position, so duplicates are found even among invalid items. */
  identity?: Omit<MappingEntry, 'targetValue' | 'enabled'>;
}

/** Checks one item of the `mappings` list and reports every problem it has. */
export function checkEntry(
  item: unknown,
  index: number,
  defaultSourceOrg: string | undefined,
  sink: FindingSink,
): CheckedEntry {
  const where = `mappings[${index}]`;
  if (!isMap(item)) {
    reportAt(
      sink,
      item as Node,
      `${where} must be a mapping with objectType, jsonPath, sourceValue and targetValue.`,
    );
    return {};
  }
  const errorsBefore = sink.findings.length;

  const values = new Map<EntryKey, Pair<unknown, unknown>>();
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string') {
      reportAt(
        sink,
        pair.key as Node,
        `${where} has a key that is not a string: use one of ${ENTRY_KEYS.join(', ')}.`,
      );
    } else if ((ENTRY_KEYS as readonly string[]).includes(key)) {
      // A key given twice is already a syntax error of the file, so only the first one is checked.
      if (!values.has(key as EntryKey)) {
        values.set(key as EntryKey, pair);
      }
    } else {
      const suggestion = closestName(key, ENTRY_KEYS);
      const hint = suggestion ? `, probably a typo of ${suggestion}` : '';
      reportAt(
        sink,
        pair.key as Node,
        `${where} has an unknown key "${key}"${hint}. Known keys: ${ENTRY_KEYS.join(', ')}.`,
      );
    }
  }

  for (const key of REQUIRED_KEYS) {
    if (!values.has(key)) {
      reportAt(sink, item, `${where} is missing ${key}.`);
    }
  }

  const strings: Partial<Record<EntryKey, string>> = {};
  for (const key of STRING_KEYS) {
    const pair = values.get(key);
    if (pair !== undefined) {
      strings[key] = readString(pair, `${where}.${key}`, sink);
    }
  }

  let enabled = true;
  const enabledPair = values.get('enabled');
  if (enabledPair !== undefined) {
    const node = enabledPair.value;
    if (isScalar(node) && typeof node.value === 'boolean') {
      enabled = node.value;
    } else {
      reportAt(
        sink,
        (node ?? enabledPair.key) as Node,
        `${where}.enabled is ${describeNode(node)}, which is not a boolean: use true or false without quotes.`,
      );
    }
  }

  const { objectType, jsonPath, sourceOrg } = strings;
  if (objectType !== undefined && !MAPPING_OBJECT_TYPES.includes(objectType)) {
    const suggestion = closestName(objectType, MAPPING_OBJECT_TYPES);
    const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
    reportAt(
      sink,
      values.get('objectType')?.value as Node,
      `${where}.objectType "${objectType}" is not an object type that mappings accept.${hint} Valid types: ${MAPPING_OBJECT_TYPES.join(', ')}.`,
    );
  }
  if (jsonPath !== undefined && !jsonPath.startsWith('$')) {
    reportAt(
      sink,
      values.get('jsonPath')?.value as Node,
      `${where}.jsonPath "${jsonPath}" does not start with "$": write a JSON path from the object's root, such as $.name.`,
    );
  }
  const sourceOrgIssue = sourceOrg === undefined ? undefined : sourceOrgProblem(sourceOrg);
  if (sourceOrgIssue !== undefined) {
    reportAt(
      sink,
      values.get('sourceOrg')?.value as Node,
      `${where}.sourceOrg "${sourceOrg}" ${sourceOrgIssue}.`,
    );
  }

  const position = sink.lineCounter.linePos(item.range?.[0] ?? 0);
  const { sourceValue, targetValue } = strings;
  const identity =
    objectType !== undefined && jsonPath !== undefined && sourceValue !== undefined
      ? {
          sourceOrg: sourceOrg ?? defaultSourceOrg ?? DEFAULT_SOURCE_ORG,
          objectType,
          jsonPath,
          sourceValue,
          line: position.line,
          column: position.col,
        }
      : undefined;
  if (sink.findings.length > errorsBefore || identity === undefined) {
    return { identity };
  }
  return { entry: { ...identity, targetValue: targetValue as string, enabled }, identity };
}

/** Reads a non-empty string value. For anything else it reports an error and returns undefined. */
function readString(
  pair: Pair<unknown, unknown>,
  name: string,
  sink: FindingSink,
): string | undefined {
  const node = pair.value;
  const at = (node ?? pair.key) as Node;
  if (!isScalar(node) || node.value === null) {
    if (node === null || (isScalar(node) && node.value === null)) {
      reportAt(sink, at, `${name} is empty: give a value.`);
    } else {
      reportAt(sink, at, `${name} is ${describeNode(node)}, which is not a string.`);
    }
    return undefined;
  }
  if (typeof node.value !== 'string') {
    reportAt(
      sink,
      at,
      `${name} is ${describeNode(node)}, which is not a string: put the value in quotes.`,
    );
    return undefined;
  }
  if (node.value.trim() === '') {
    reportAt(sink, at, `${name} is empty: give a value.`);
    return undefined;
  }
  return node.value;
}

/** Names a YAML node for messages, such as `the number 12` or `a list`. */
function describeNode(node: unknown): string {
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) {
      return 'empty';
    }
    return typeof value === 'string' ? `"${value}"` : `the ${typeof value} ${String(value)}`;
  }
  if (isMap(node)) {
    return 'a mapping';
  }
  return node === null || node === undefined ? 'empty' : 'a list';
}
