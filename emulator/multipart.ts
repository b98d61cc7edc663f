import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** One part of a multipart/form-data body, decoded as UTF-8 text while it streams in. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  /** Decoded pieces of the content; partText joins them. */
  pieces: string[];
  decoder: StringDecoder;
  size: number;
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** Returns the boundary of a multipart/form-data content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\b/i.test(contentType.trim())) {
    return undefined;
  }
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Reads a multipart/form-data body as it streams in. Each received slice of a part is decoded
 * to text at once and the bytes are dropped, so a file costs about its own size in memory
 * until partText joins it (then briefly twice that). Rejects with MultipartError when the body
 * is malformed or larger than `maxBytes`.
 */
export async function readMultipart(
  stream: Readable,
  boundary: string,
  maxBytes: number,
): Promise<Map<string, FormPart>> {
  // Putting CRLF before the body lets the first delimiter match the same pattern as the others.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts = new Map<string, FormPart>();
  let state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'preamble';
  let pending: Buffer = CRLF;
  let current: FormPart | undefined;
  let received = 0;

  const emit = (part: FormPart, data: Buffer): void => {
    if (data.length > 0) {
      part.pieces.push(part.decoder.write(data));
      part.size += data.length;
    }
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) {
      throw new MultipartError(`the body is larger than ${maxBytes} bytes`);
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);

    for (;;) {
      if (state === 'preamble' || state === 'body') {
        const at = pending.indexOf(delimiter);
        if (at === -1) {
          // Keep a tail that could be the start of a delimiter split across chunks.
          const keep = Math.min(pending.length, delimiter.length - 1);
          if (state === 'body' && current)
            emit(current, pending.subarray(0, pending.length - keep));
          pending = pending.subarray(pending.length - keep);
          break;
        }
        if (state === 'body' && current) {
          emit(current, pending.subarray(0, at));
          current.pieces.push(current.decoder.end());
          current = undefined;
        }
        pending = pending.subarray(at + delimiter.length);
        state = 'after-delimiter';
      } else if (state === 'after-delimiter') {
        if (pending.length < 2) break;
        const marker = pending.subarray(0, 2).toString('latin1');
        if (marker === '--') {
          state = 'done';
        } else if (marker === '\r\n') {
          pending = pending.subarray(2);
          state = 'headers';
        } else {
          throw new MultipartError('a boundary delimiter is followed by neither CRLF nor "--"');
        }
      } else if (state === 'headers') {
        const end = pending.indexOf(HEADER_END);
        if (end === -1) {
          if (pending.length > MAX_HEADER_BYTES)
            throw new MultipartError('part headers are too long');
          break;
        }
        current = startPart(pending.subarray(0, end).toString('utf8'));
        if (!parts.has(current.name)) parts.set(current.name, current);
        pending = pending.subarray(end + HEADER_END.length);
        state = 'body';
      } else {
        pending = Buffer.alloc(0);
        break;
      }
    }
  }

  if (state !== 'done') {
    throw new MultipartError('the body ended before the closing boundary');
  }
  return parts;
}

function startPart(headerText: string): FormPart {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') disposition = value;
    if (key === 'content-type') contentType = value;
  }
  if (disposition === undefined || !/^form-data\b/i.test(disposition)) {
    throw new MultipartError('a part has no Content-Disposition: form-data header');
  }
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) {
    throw new MultipartError('a part has no name in its Content-Disposition header');
  }
  return {
    name,
    filename: dispositionParam(disposition, 'filename'),
    contentType,
    pieces: [],
    decoder: new StringDecoder('utf8'),
    size: 0,
  };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const pattern = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const match = pattern.exec(disposition);
  if (match === null) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** Joins a part's text and releases the pieces. */
export function partText(part: FormPart): string {
  const text = part.pieces.join('');
  part.pieces = [];
  return text;
}
