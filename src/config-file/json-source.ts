import { constants } from 'node:buffer';
import { readFile } from 'node:fs/promises';

import { decodeJsonFile } from './decode.js';
import { scanJson, type ScannedJson, type ValueSpan } from './json-scan.js';
import type { LocatedItem } from './object-checks.js';
import { describeKind, isJsonObject } from './paths.js';
import type { Finding } from './types.js';

/** A JSON file read and checked for syntax. `scanned` is undefined when it has no usable text. */
export interface JsonSource {
  file: string;
  text: string | undefined;
  scanned: ScannedJson | undefined;
  findings: Finding[];
}

/** Reads, decodes and scans one JSON file. `file` is the path that findings show. */
export async function readJsonSource(
  absolutePath: string,
  file: string,
  sizeBytes: number,
): Promise<JsonSource> {
  if (sizeBytes > constants.MAX_STRING_LENGTH) {
    const message =
      `The file is ${sizeBytes} bytes, more than Node.js can hold as one string ` +
      `(${constants.MAX_STRING_LENGTH} characters), so its content was not checked.`;
    return {
      file,
      text: undefined,
      scanned: undefined,
      findings: [{ severity: 'error', file, message }],
    };
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    const message = `The file could not be read: ${(error as Error).message}. Check its permissions.`;
    return {
      file,
      text: undefined,
      scanned: undefined,
      findings: [{ severity: 'error', file, message }],
    };
  }

  const decoded = decodeJsonFile(bytes, file);
  if (decoded.text === undefined) {
    return { file, text: undefined, scanned: undefined, findings: decoded.findings };
  }
  const scanned = scanJson(decoded.text, file);
  return {
    file,
    text: decoded.text,
    scanned,
    findings: [...decoded.findings, ...scanned.findings],
  };
}

/** Envelope fields that the folder assembly takes from a whole-export file. */
export interface EnvelopeHeader {
  tenant?: string;
  timestamp?: string;
}

export interface SourceItems {
  kind: 'envelope' | 'one-object' | 'neither';
  items: LocatedItem[];
  header: EnvelopeHeader;
  findings: Finding[];
}

/**
 * Takes the items out of a parsed file. A top-level object with `objects` is a whole export.
 * In a folder, a top-level object with `self` or `object` is one item by itself, and an empty
 * `objects` array is only a warning because other files may hold objects.
 */
export function extractItems(source: JsonSource, mode: 'file' | 'folder'): SourceItems {
  const acceptOneObject = mode === 'folder';
  const result: SourceItems = { kind: 'neither', items: [], header: {}, findings: [] };
  const { scanned, text, file } = source;
  if (scanned?.root === undefined || text === undefined || scanned.value === undefined) {
    return result;
  }
  const root = scanned.value;
  const rootAt = { file, line: scanned.root.line, column: scanned.root.column };
  const fail = (
    message: string,
    at: { file: string; line: number; column: number } = rootAt,
  ): void => {
    result.findings.push({ severity: 'error', message, ...at });
  };

  const looksLikeOneObject = isJsonObject(root) && ('self' in root || 'object' in root);
  if (!isJsonObject(root) || !('objects' in root)) {
    if (acceptOneObject && looksLikeOneObject) {
      result.kind = 'one-object';
      result.items.push(locate(root, text, file, scanned.root, 'The object'));
    } else if (acceptOneObject) {
      fail(
        `The file is neither an sp-config export (it has no "objects" array) nor a one-object ` +
          `file (it has no "self" and "object")${isJsonObject(root) ? '' : `: its top-level value is ${describeKind(root)}`}. ` +
          'Fix it or move it out of the folder.',
      );
    } else if (looksLikeOneObject) {
      fail(
        'The file has no "objects" array. It looks like a single object ("self" and "object"), ' +
          'so put it in a folder with config-path pointing at the folder, or wrap it in an ' +
          'sp-config export.',
      );
    } else {
      fail(
        `The top-level value ${isJsonObject(root) ? 'has no "objects" array' : `is ${describeKind(root)}`}, ` +
          'but an sp-config export is an object with an "objects" array.',
      );
    }
    return result;
  }

  result.kind = 'envelope';
  if (typeof root.tenant === 'string') {
    result.header.tenant = root.tenant;
  }
  if (typeof root.timestamp === 'string') {
    result.header.timestamp = root.timestamp;
  }

  const objects = root.objects;
  const arraySpan = scanned.objectsArray;
  if (!Array.isArray(objects) || arraySpan === undefined) {
    fail(`"objects" is ${describeKind(objects)}, but must be an array of objects.`);
    return result;
  }
  if (objects.length === 0) {
    result.findings.push({
      severity: mode === 'file' ? 'error' : 'warning',
      message:
        mode === 'file'
          ? 'The "objects" array is empty, so there is nothing to upload. Export at least one object.'
          : 'The "objects" array is empty, so this file adds no objects to the upload.',
      file,
      line: arraySpan.line,
      column: arraySpan.column,
    });
  }
  objects.forEach((value, index) => {
    result.items.push(locate(value, text, file, scanned.objectItems[index], `objects[${index}]`));
  });
  return result;
}

function locate(
  value: unknown,
  text: string,
  file: string,
  span: ValueSpan,
  label: string,
): LocatedItem {
  return {
    value,
    text: text.slice(span.start, span.end),
    file,
    line: span.line,
    column: span.column,
    label,
  };
}
