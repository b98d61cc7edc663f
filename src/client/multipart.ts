import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { StreamBody } from './http.js';

/** The file part of an upload: a file on disk, or JSON built in memory (an assembled folder). */
export type UploadSource = { path: string } | { content: string; fileName: string };

/**
 * Builds the multipart/form-data body of an upload with the fields `name` and
 * `data`. The file is streamed from disk between a small head and tail, so
 * memory stays flat whatever the file's size, and the exact Content-Length is
 * known up front. `open()` can be called again to send the body on a retry.
 */
export async function buildUploadBody(source: UploadSource, name: string): Promise<StreamBody> {
  const boundary = `----isc-config-hub-${randomBytes(12).toString('hex')}`;
  const fileName = 'path' in source ? basename(source.path) : source.fileName;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      'Content-Disposition: form-data; name="name"\r\n\r\n' +
      `${name}\r\n` +
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="data"; filename="${quoteFileName(fileName)}"\r\n` +
      'Content-Type: application/json\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const content = 'content' in source ? Buffer.from(source.content) : undefined;
  const fileSize = 'path' in source ? (await stat(source.path)).size : (content?.length ?? 0);

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + fileSize + tail.length,
    open: () => {
      const file = 'path' in source ? createReadStream(source.path) : Readable.from([content]);
      return concatStreams([Readable.from([head]), file, Readable.from([tail])]);
    },
  };
}

function quoteFileName(fileName: string): string {
  return fileName.replace(/["\r\n\\]/g, '_');
}

function concatStreams(parts: Readable[]): Readable {
  const output = new PassThrough();
  (async () => {
    for (const part of parts) {
      for await (const chunk of part) {
        if (!output.write(chunk)) {
          await new Promise((resolve) => output.once('drain', resolve));
        }
      }
    }
    output.end();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
