import { visit } from 'jsonc-parser';

import { describeSyntaxError, type SyntaxErrorDescription } from './syntax-errors.js';
import { advancePosition, positionAt, type TextPosition } from './text-position.js';
import type { Finding } from './types.js';

/** Location of a JSON value in the text: offsets in UTF-16 code units, line and column 1-based. */
export interface ValueSpan {
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface ScannedJson {
  /** The parsed value, or undefined when the text has syntax errors. */
  value: unknown;
  findings: Finding[];
  /** The top-level value. */
  root: ValueSpan | undefined;
  /** The array of the top-level `objects` property, when there is one. */
  objectsArray: ValueSpan | undefined;
  /** Each element of that array, in order. */
  objectItems: ValueSpan[];
}

/** Syntax errors reported per file. Later errors in a broken file are mostly follow-on errors. */
const MAX_SYNTAX_ERRORS = 20;

/**
 * Deepest nesting of objects and arrays accepted. jsonc-parser and JSON.parse recurse once per
 * level and overflow the stack at a few thousand levels; exports nest a few dozen levels at most.
 */
export const MAX_NESTING_DEPTH = 1000;

/** Returns the offset of the first bracket that opens a level deeper than `limit`, if any. */
function findExcessNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) {
        i++;
      } else if (char === 0x22) {
        inString = false;
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > limit) {
        return i;
      }
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Checks `text` as strict JSON and records where the top-level value and each element of its
 * `objects` array start and end. Uses jsonc-parser's streaming `visit`, which builds no tree,
 * and then JSON.parse for the value, so a large export costs about one parsed copy in memory.
 */
export function scanJson(text: string, file: string): ScannedJson {
  const result: ScannedJson = {
    value: undefined,
    findings: [],
    root: undefined,
    objectsArray: undefined,
    objectItems: [],
  };

  if (text.trim() === '') {
    result.findings.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: 'The file is empty.',
    });
    return result;
  }

  const excess = findExcessNesting(text, MAX_NESTING_DEPTH);
  if (excess !== undefined) {
    const { line, column } = positionAt(text, excess);
    result.findings.push({
      severity: 'error',
      file,
      line,
      column,
      message: `The JSON nests more than ${MAX_NESTING_DEPTH} levels deep, which no Configuration Hub export does: check how the file was generated.`,
    });
    return result;
  }

  // Depth counts open objects and arrays. Elements of the top-level `objects` array sit at depth 2.
  let depth = 0;
  let topLevelKey: string | undefined;
  let insideObjectsArray = false;
  let syntaxErrorCount = 0;

  const startValue = (offset: number, line: number, character: number): void => {
    const span = { start: offset, end: offset, line: line + 1, column: character + 1 };
    if (depth === 0) {
      result.root = span;
    } else if (depth === 2 && insideObjectsArray) {
      result.objectItems.push(span);
    }
  };
  const endValue = (end: number): void => {
    if (depth === 0 && result.root) {
      result.root.end = end;
    } else if (depth === 2 && insideObjectsArray) {
      result.objectItems[result.objectItems.length - 1].end = end;
    }
  };

  visit(
    text,
    {
      onObjectBegin: (offset, _length, line, character) => {
        startValue(offset, line, character);
        depth++;
      },
      onObjectProperty: (name) => {
        if (depth === 1) {
          topLevelKey = name;
        }
      },
      onObjectEnd: (offset, length) => {
        depth--;
        endValue(offset + length);
      },
      onArrayBegin: (offset, _length, line, character) => {
        startValue(offset, line, character);
        depth++;
        if (depth === 2 && topLevelKey === 'objects') {
          // JSON.parse keeps the last of duplicate keys, so a repeated `objects` starts over.
          insideObjectsArray = true;
          result.objectsArray = {
            start: offset,
            end: offset,
            line: line + 1,
            column: character + 1,
          };
          result.objectItems = [];
        }
      },
      onArrayEnd: (offset, length) => {
        if (depth === 2 && insideObjectsArray && result.objectsArray) {
          insideObjectsArray = false;
          result.objectsArray.end = offset + length;
        }
        depth--;
        endValue(offset + length);
      },
      onLiteralValue: (_value, offset, length, line, character) => {
        startValue(offset, line, character);
        endValue(offset + length);
      },
      onError: (code, offset, length, line, character) => {
        syntaxErrorCount++;
        if (syntaxErrorCount > MAX_SYNTAX_ERRORS) {
          return;
        }
        const described = describeSyntaxError(code, text, offset, length);
        const start =
          described.offset === offset
            ? { line: line + 1, column: character + 1 }
            : positionAt(text, described.offset);
        const finding = syntaxFinding(text, file, described, start);
        const previous = result.findings[result.findings.length - 1];
        // A trailing comma in an object makes jsonc-parser report two errors at the same "}".
        if (
          previous?.message === finding.message &&
          previous.line === finding.line &&
          previous.column === finding.column
        ) {
          syntaxErrorCount--;
          return;
        }
        result.findings.push(finding);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );

  if (syntaxErrorCount > MAX_SYNTAX_ERRORS) {
    result.findings.push({
      severity: 'error',
      file,
      message: `${syntaxErrorCount - MAX_SYNTAX_ERRORS} more JSON syntax errors are not listed. Fix the first ones and check again.`,
    });
  }
  if (syntaxErrorCount > 0) {
    return result;
  }

  try {
    result.value = JSON.parse(text);
  } catch (error) {
    // NOTE: jsonc-parser and JSON.parse accept the same strict JSON as far as known. This branch
    // is a safety net in case they disagree, and has no test that reaches it.
    result.findings.push({
      severity: 'error',
      file,
      message: `Invalid JSON: ${(error as Error).message}`,
    });
  }
  return result;
}

function syntaxFinding(
  text: string,
  file: string,
  described: SyntaxErrorDescription,
  start: TextPosition,
): Finding {
  const end = advancePosition(text, start, described.offset, described.length);
  return {
    severity: 'error',
    message: described.message,
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}
