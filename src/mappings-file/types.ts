import type { Finding } from '../config-file/types.js';

/** Formats of a mappings file, chosen by its extension. */
export type MappingsFileFormat = 'yaml' | 'json';

/** One mapping declared in the file, with the defaults filled in. */
export interface MappingEntry {
  /** The entry's own sourceOrg, else the source-org input, else "default". */
  sourceOrg: string;
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  targetValue: string;
  /** True unless the entry sets it, although the server's own default is false. */
  enabled: boolean;
  /** 1-based position of the entry in the file. */
  line: number;
  column: number;
}

export interface ParseOptions {
  /** Name of the file in findings, relative to the workspace. */
  file: string;
  format: MappingsFileFormat;
  /** Source org of entries without one: the source-org input, or undefined for "default". */
  defaultSourceOrg?: string;
}

export interface MappingsFile {
  /** Every valid entry in file order, or none whenever `findings` contains an error. */
  entries: MappingEntry[];
  /** Every problem found, in file order. */
  findings: Finding[];
  /** True when `findings` contains no error. */
  valid: boolean;
}
