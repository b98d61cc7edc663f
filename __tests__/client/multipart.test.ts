import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigHubClient } from '../../src/client/config-hub-client.js';
import { buildUploadBody } from '../../src/client/multipart.js';
import { json, startScriptedServer, token } from '../helpers/test-server.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('buildUploadBody', () => {
  it('streams a file between the name and data parts with an exact length', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'multipart-'));
    const file = join(dir, 'export.json');
    await writeFile(file, '{"objects":[]}');
    const body = await buildUploadBody({ path: file }, 'release 1.2');
    const text = await readAll(body.open());
    const boundary = body.contentType.split('boundary=')[1];
    expect(Buffer.byteLength(text)).toBe(body.contentLength);
    expect(text).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nrelease 1.2\r\n`,
    );
    expect(text).toContain(
      'name="data"; filename="export.json"\r\nContent-Type: application/json\r\n\r\n{"objects":[]}\r\n',
    );
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it('opens again with the same bytes for a retry', async () => {
    const body = await buildUploadBody({ content: '{"a":1}', fileName: 'assembled.json' }, 'n');
    expect(await readAll(body.open())).toBe(await readAll(body.open()));
  });

  it('sends the upload as multipart/form-data', async () => {
    const server = await startScriptedServer([
      token(),
      json(202, { jobId: 'u1', status: 'NOT_STARTED' }),
    ]);
    const client = new ConfigHubClient({
      baseUrl: server.url,
      apiVersion: 'v2025',
      credentials: { kind: 'client-credentials', clientId: 'a', clientSecret: 'b' },
    });
    try {
      const upload = await client.createUpload(
        { content: '{"objects":[]}', fileName: 'x.json' },
        'my upload',
      );
      expect(upload.jobId).toBe('u1');
      expect(server.requests[1].url).toBe('/v2025/configuration-hub/backups/uploads');
      expect(server.requests[1].headers['content-type']).toMatch(
        /^multipart\/form-data; boundary=/,
      );
      expect(Number(server.requests[1].headers['content-length'])).toBe(
        Buffer.byteLength(server.requests[1].body),
      );
      expect(server.requests[1].body).toContain('my upload');
    } finally {
      client.close();
      await server.close();
    }
  });
});
