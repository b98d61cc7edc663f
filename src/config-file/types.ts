/** Severity of a finding: an error blocks the upload, a warning does not. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in an sp-config file or folder. Lines and columns are 1-based.
 * `file` is relative to the workspace with forward slashes when the file is inside it.
 */
export interface Finding {
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface LoadOptions {
  /** Absolute path of the checked-out repository. Every file read must resolve inside it. */
  workspace: string;
  /** Maximum upload size in bytes. For a folder the assembled envelope counts. */
  maxFileSizeBytes: number;
}

/** One item of the `objects` array, as Configuration Hub exports it. Unknown fields are kept. */
export interface SpConfigObject {
  version?: number;
  self: { id?: string; type: string; name?: string; [key: string]: unknown };
  object: Record<string, unknown>;
  jwsHeader?: string;
  jwsSignature?: string;
  [key: string]: unknown;
}

/** Top level of an sp-config export. Unknown fields are kept. */
export interface SpConfigEnvelope {
  version?: number;
  timestamp?: string;
  tenant?: string;
  description?: string;
  options?: Record<string, unknown>;
  objects: SpConfigObject[];
  [key: string]: unknown;
}

/** Identity and location of one object of the export, for reports and counts. */
export interface ConfigObjectSummary {
  type: string;
  id?: string;
  name?: string;
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  /** 1-based line where the object starts. */
  line?: number;
}

export interface LoadedConfig {
  /** The parsed export, or undefined whenever `findings` contains an error. */
  envelope: SpConfigEnvelope | undefined;
  /**
   * The exact text to upload. Undefined for a single file, which is uploaded byte for byte,
   * and whenever `findings` contains an error. For a folder, the assembled envelope.
   */
  json: string | undefined;
  /** Absolute path of the file or folder. */
  sourcePath: string;
  isFolder: boolean;
  /** Every object that has a string `self.type`, in upload order. */
  objects: ConfigObjectSummary[];
  countsByType: Record<string, number>;
  /** Every problem found, errors and warnings, in a stable order. */
  findings: Finding[];
  /** True when `findings` contains no error. */
  valid: boolean;
  /** Size of the file, or of the assembled envelope for a folder, in bytes. */
  sizeBytes: number;
}
