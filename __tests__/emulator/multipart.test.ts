import { Readable } from 'node:stream';

import {
  multipartBoundary,
  MultipartError,
  partText,
  readMultipart,
} from '../../emulator/multipart.js';
import { readExport } from '../../emulator/routes/uploads.js';
import { sampleExport, TestTenant } from './helpers.js';

const BOUNDARY = '----emulator-test-boundary';

function body(parts: { name: string; filename?: string; content: string }[]): Buffer {
  const pieces = parts.map((part) => {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n\r\n${part.content}\r\n`;
  });
  return Buffer.from(`preamble\r\n${pieces.join('')}--${BOUNDARY}--\r\n`);
}

/** Streams a buffer in chunks of `size` bytes, so delimiters fall across chunk edges. */
function chunked(buffer: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += size)
    chunks.push(buffer.subarray(offset, offset + size));
  return Readable.from(chunks);
}

describe('emulator multipart parser', () => {
  const content = `{"objects": []}\r\n--${BOUNDARY.slice(0, 10)} not a delimiter`;
  const sample = body([
    { name: 'name', content: 'my upload' },
    { name: 'data', filename: 'export.json', content },
  ]);

  it.each([1, 2, 3, 7, 16, 64, 4096])('parses a body in %i-byte chunks', async (size) => {
    const parts = await readMultipart(chunked(sample, size), BOUNDARY, 1_000_000);
    expect(partText(parts.get('name')!)).toBe('my upload');
    const data = parts.get('data')!;
    expect(data.filename).toBe('export.json');
    expect(partText(data)).toBe(content);
  });

  it('rejects a body without the closing boundary', async () => {
    const cut = sample.subarray(0, sample.length - 10);
    await expect(readMultipart(chunked(cut, 100), BOUNDARY, 1_000_000)).rejects.toThrow(
      MultipartError,
    );
  });

  it('rejects a body over the size limit', async () => {
    await expect(readMultipart(chunked(sample, 100), BOUNDARY, 50)).rejects.toThrow(
      /larger than 50 bytes/,
    );
  });

  it('reads the boundary from the content type', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });

  it('checks the sp-config envelope', () => {
    expect(readExport(JSON.stringify(sampleExport()))).toMatchObject({ tenant: 'acme-dev' });
    expect(readExport('{"objects": [{"self": {}, "object": {}}]}')).toEqual({
      error: 'objects[0].self has no "type"',
    });
  });

  it('accepts a 20 MB upload', async () => {
    const tenant = await TestTenant.start();
    try {
      const filler = 'x'.repeat(1000);
      const objects = Array.from({ length: 20_000 }, (_, i) => ({
        self: { id: `t-${i}`, type: 'TRANSFORM', name: `t-${i}` },
        object: { id: `t-${i}`, name: `t-${i}`, filler },
      }));
      const data = JSON.stringify({ version: 1, objects });
      expect(data.length).toBeGreaterThan(20_000_000);
      const upload = await tenant.upload(data, 'large');
      expect(upload.status).toBe(202);
      const done = await tenant.waitFor(
        () => tenant.call('GET', `/v2024/configuration-hub/backups/uploads/${upload.body.jobId}`),
        (answer) => answer.body.status === 'COMPLETE',
      );
      expect(done.body.totalObjectCount).toBe(20_000);
    } finally {
      await tenant.stop();
    }
  });
});
