import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';

import { ApiError, type ApiResponse } from './errors.js';

/** Largest JSON body the emulator reads, in bytes. */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

/** Reads the whole request body as text, rejecting bodies over `maxBytes` with a 400. */
export async function readText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new ApiError(400, `The request body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Parses a JSON request body; an empty body is undefined and invalid JSON is a 400. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads and discards what is left of a request body, so the client can finish sending it. */
export async function drainRequest(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) {
    return;
  }
  req.resume();
  try {
    await finished(req);
  } catch {
    // The client went away; the response write that follows fails quietly.
  }
}

/** Serializes a response body: JSON for values, nothing for undefined. */
export function encodeBody(response: ApiResponse): {
  text: string;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) {
    return { text: '', headers };
  }
  headers['content-type'] ??= 'application/json; charset=utf-8';
  return { text: JSON.stringify(response.body), headers };
}

export function writeResponse(res: ServerResponse, response: ApiResponse): void {
  const { text, headers } = encodeBody(response);
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
