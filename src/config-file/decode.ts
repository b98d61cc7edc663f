import { isUtf8 } from 'node:buffer';

import { positionAt } from './text-position.js';
import type { Finding } from './types.js';

/** Text of a JSON file, or undefined when its bytes cannot be read as UTF-8 text at all. */
export interface DecodedFile {
  text: string | undefined;
  findings: Finding[];
}

/**
 * Decodes the bytes of a JSON file as UTF-8. A byte-order mark is an error, because the file is
 * uploaded byte for byte, but the text after it is still returned so the rest can be checked.
 * UTF-16 text (a UTF-16 byte-order mark or NUL bytes) is an error and yields no text.
 */
export function decodeJsonFile(bytes: Buffer, file: string): DecodedFile {
  const findings: Finding[] = [];

  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    findings.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message:
        'The file is encoded as UTF-16 (it starts with a UTF-16 byte-order mark). ' +
        'Save it as UTF-8 without a byte-order mark.',
    });
    return { text: undefined, findings };
  }

  const nulOffset = bytes.indexOf(0);
  if (nulOffset !== -1) {
    findings.push({
      severity: 'error',
      file,
      message:
        `The file contains a NUL byte at byte offset ${nulOffset}, so it is probably UTF-16 ` +
        'or binary, not UTF-8 JSON. Save it as UTF-8.',
    });
    return { text: undefined, findings };
  }

  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    findings.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message:
        'The file starts with a UTF-8 byte-order mark (BOM), and the file is uploaded byte ' +
        'for byte. Save it as UTF-8 without BOM.',
    });
    body = bytes.subarray(3);
  }

  const text = body.toString('utf8');
  if (!isUtf8(body)) {
    // Invalid sequences decode to U+FFFD. The first one is the first invalid byte unless the
    // file also contains a real U+FFFD earlier, which is rare enough to accept.
    const replacement = text.indexOf('\ufffd');
    const position = replacement === -1 ? undefined : positionAt(text, replacement);
    findings.push({
      severity: 'error',
      file,
      line: position?.line,
      column: position?.column,
      message:
        'The file is not valid UTF-8 (it may be saved as Latin-1 or Windows-1252). ' +
        'Save it as UTF-8.',
    });
  }

  return { text, findings };
}
