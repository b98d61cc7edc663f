import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/action-runner.js';

/** Folder of the bad-input fixtures and of the manifest that lists the cases. */
export const BAD_INPUT_FIXTURES = join(PROJECT_ROOT, '__tests__', 'fixtures', 'bad-input');

/** A substring, or a regular expression given as `{ "regex": "...", "flags": "..." }`. */
export type TextPattern = string | { regex: string; flags?: string };

/** One annotation that the run must print. `text` is a pattern of its message. */
export interface ExpectedAnnotation {
  kind: 'error' | 'warning';
  file?: string;
  line?: number;
  text: TextPattern;
}

/**
 * A step that builds a fixture at test time, for content that cannot or should not be committed:
 * encodings, large files, symbolic links, empty folders and named pipes. Paths are relative to
 * the workspace, and `from` paths are relative to the fixture folder.
 */
export type SetupStep =
  | {
      encode: {
        from: string;
        to: string;
        as: 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'latin1';
      };
    }
  | { pad: { from: string; to: string; bytes: number } }
  | { nest: { to: string; depth: number } }
  | { symlink: { path: string; target: string } }
  | { mkdir: string }
  | { fifo: string };

export interface Expectation {
  /** 1 unless the case expects a warning only. */
  exitCode?: number;
  /** The `status` output. */
  status: 'INVALID_INPUT' | 'FAILED' | 'COMPLETE';
  /** The bad value (input value, file name or key) that the `message` output must quote. */
  value?: TextPattern | TextPattern[];
  /** The remedy that the `message` output must state. */
  fix?: TextPattern | TextPattern[];
  /** Other patterns the `message` output must contain. */
  message?: TextPattern[];
  /** Patterns that must appear neither in the `message` output nor in the log. */
  absent?: TextPattern[];
  annotations?: ExpectedAnnotation[];
  /** Fields that the parsed `result` output must contain. */
  result?: Record<string, unknown>;
}

/**
 * One bad input. `inputs` may use `{emulator}` (the emulator's base URL), `{workspace}` and
 * `{outside}` (a folder next to the workspace; see prepareCase for its files).
 * With `connect`, base-url, client-id and client-secret of the emulator are set first, and
 * `inputs` may override them.
 */
export interface BadInputCase {
  name: string;
  /** Why the case expects what it does, such as a bug it exposes or a warning it expects. */
  note?: string;
  connect?: boolean;
  inputs: Record<string, string>;
  /** Environment variables of the run, such as SAIL_BASE_URL. */
  env?: Record<string, string>;
  /** Allows GET requests and the token request. Any other request still fails the case. */
  allowReads?: boolean;
  /** Fixture files and folders copied to the same relative path in the workspace. */
  files?: string[];
  setup?: SetupStep[];
  expect: Expectation;
}

/** Reads the manifest of cases. */
export function loadCases(): BadInputCase[] {
  const manifest = JSON.parse(readFileSync(join(BAD_INPUT_FIXTURES, 'cases.json'), 'utf8')) as {
    cases: BadInputCase[];
  };
  return manifest.cases;
}

/** Converts a pattern into a RegExp that matches the substring or the expression. */
export function toRegExp(pattern: TextPattern): RegExp {
  if (typeof pattern === 'string') {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  return new RegExp(pattern.regex, pattern.flags);
}

/** Returns the patterns of a field that contains one pattern or a list of them. */
export function patternList(field: TextPattern | TextPattern[] | undefined): TextPattern[] {
  if (field === undefined) {
    return [];
  }
  return Array.isArray(field) ? field : [field];
}
