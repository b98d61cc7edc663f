import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { displayPath } from '../config-file/paths.js';
import { parseMappings } from './parse-mappings.js';
import type { MappingsFile, MappingsFileFormat } from './types.js';

const FORMATS: Record<string, MappingsFileFormat> = {
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.json': 'json',
};

/** Picks the format from the file's extension (.yml, .yaml or .json, any case), or undefined. */
export function mappingsFileFormat(path: string): MappingsFileFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

/**
 * Reads and checks a mappings file. Problems with the file itself (extension, encoding, read
 * errors) are findings too, so the caller reports everything the same way.
 */
export async function loadMappingsFile(
  absolutePath: string,
  options: { workspace: string; defaultSourceOrg?: string },
): Promise<MappingsFile> {
  const file = displayPath(options.workspace, absolutePath);
  const failed = (message: string): MappingsFile => ({
    entries: [],
    findings: [{ severity: 'error', message, file }],
    valid: false,
  });

  const format = mappingsFileFormat(absolutePath);
  if (format === undefined) {
    return failed(
      `The mappings file ${file} has an unsupported extension: name it .yml, .yaml or .json.`,
    );
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    return failed(`The mappings file ${file} could not be read: ${(error as Error).message}`);
  }
  // UTF-16 text has NUL bytes in it, yet without a byte-order mark it is valid UTF-8.
  if (bytes.includes(0)) {
    return failed(
      `The mappings file ${file} is UTF-16 or binary, not valid UTF-8 text: save it as UTF-8.`,
    );
  }
  let text: string;
  try {
    // The decoder drops a UTF-8 byte-order mark, which editors on Windows often add.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failed(`The mappings file ${file} is not valid UTF-8 text: save it as UTF-8.`);
  }
  return parseMappings(text, { file, format, defaultSourceOrg: options.defaultSourceOrg });
}
