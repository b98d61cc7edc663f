import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Object types that the generated export cycles through. None of them carries a JWS signature. */
const OBJECT_TYPES = ['SOURCE', 'TRANSFORM', 'ROLE', 'ACCESS_PROFILE', 'IDENTITY_PROFILE'];

/** A generated sp-config export on disk. */
export interface GeneratedExport {
  path: string;
  bytes: number;
  objectCount: number;
}

/** Builds one sp-config object of about 2 KB whose text depends only on `index`. */
function exportObject(index: number): Record<string, unknown> {
  const type = OBJECT_TYPES[index % OBJECT_TYPES.length];
  const id = index.toString(16).padStart(32, '0');
  const name = `Benchmark ${type.toLowerCase()} ${index}`;
  return {
    version: 1,
    self: { id, type, name },
    object: {
      id,
      name,
      description: `Generated for the upload memory benchmark. `.repeat(24),
      owner: { type: 'IDENTITY', id: 'f'.repeat(32), name: 'benchmark.owner' },
      attributes: Object.fromEntries(
        Array.from({ length: 16 }, (_, i) => [`attribute${i}`, `value ${i} of object ${index}`]),
      ),
    },
  };
}

/**
 * Writes a valid sp-config export of at most `targetBytes` to `path`, filling it with as many
 * objects as fit. The file is written as a stream, so generating it costs little memory.
 */
export async function writeExport(path: string, targetBytes: number): Promise<GeneratedExport> {
  const head =
    '{"version":1,"timestamp":"2026-01-01T00:00:00.000Z","tenant":"bench-source",' +
    '"description":"Generated benchmark export","options":{},"objects":[';
  const tail = ']}\n';
  const out = createWriteStream(path);
  let bytes = Buffer.byteLength(head);
  out.write(head);

  let objectCount = 0;
  for (;;) {
    const text = (objectCount === 0 ? '' : ',') + JSON.stringify(exportObject(objectCount));
    const size = Buffer.byteLength(text);
    if (bytes + size + tail.length > targetBytes) {
      break;
    }
    if (!out.write(text)) {
      await once(out, 'drain');
    }
    bytes += size;
    objectCount++;
  }

  out.end(tail);
  await once(out, 'finish');
  return { path, bytes: bytes + tail.length, objectCount };
}
