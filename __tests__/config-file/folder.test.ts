import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';

import { loadConfig } from '../../src/config-file/index.js';
import {
  LARGE_LIMIT,
  envelopeText,
  errorsOf,
  itemLine,
  makeWorkspace,
  oneObjectText,
  removeWorkspace,
  warningsOf,
  writeFiles,
} from './helpers.js';

let workspace: string;

beforeEach(async () => {
  workspace = await makeWorkspace();
});

afterEach(async () => {
  await removeWorkspace(workspace);
});

async function load(relativePath: string, maxFileSizeBytes = LARGE_LIMIT, root = workspace) {
  return loadConfig(relativePath, { workspace: root, maxFileSizeBytes });
}

const TREE: Record<string, string> = {
  'config/workflows/leaver.json': oneObjectText('WORKFLOW', 'w1', 'Leaver'),
  'config/sources/hr.json': oneObjectText('SOURCE', 's1', 'HR'),
  'config/roles/admin.json': oneObjectText('ROLE', 'r1', 'Admin'),
  'config/Zeta.json': oneObjectText('TRANSFORM', 't1', 'Zeta'),
};

describe('loadConfig with a folder', () => {
  test('valid folder is assembled in path order', async () => {
    await writeFiles(workspace, TREE);

    const result = await load('config');

    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.isFolder).toBe(true);
    // Byte order puts upper case before lower case.
    expect(result.objects).toEqual([
      { type: 'TRANSFORM', id: 't1', name: 'Zeta', file: 'config/Zeta.json', line: 1 },
      { type: 'ROLE', id: 'r1', name: 'Admin', file: 'config/roles/admin.json', line: 1 },
      { type: 'SOURCE', id: 's1', name: 'HR', file: 'config/sources/hr.json', line: 1 },
      { type: 'WORKFLOW', id: 'w1', name: 'Leaver', file: 'config/workflows/leaver.json', line: 1 },
    ]);
    expect(result.json).toBeDefined();
    expect(result.sizeBytes).toBe(Buffer.byteLength(result.json ?? ''));
    const parsed = JSON.parse(result.json ?? '');
    expect(parsed).toEqual(result.envelope);
    expect(parsed.version).toBe(1);
    expect(parsed.timestamp).toBeUndefined();
    expect(parsed.tenant).toBeUndefined();
    expect(parsed.description).toBe('Assembled from 4 files in config');
    expect(parsed.options).toEqual({});
    expect(parsed.objects.map((object: { self: { id: string } }) => object.self.id)).toEqual([
      't1',
      'r1',
      's1',
      'w1',
    ]);
  });

  test('same tree gives same bytes', async () => {
    const other = await makeWorkspace();
    try {
      await writeFiles(workspace, TREE);
      const reversed = Object.fromEntries(Object.entries(TREE).reverse());
      await writeFiles(other, reversed);

      const first = await load('config');
      const again = await load('config');
      const otherOrder = await load('config', LARGE_LIMIT, other);

      expect(first.json).toBeDefined();
      expect(again.json).toBe(first.json);
      expect(otherOrder.json).toBe(first.json);
    } finally {
      await removeWorkspace(other);
    }
  });

  test('objects keep their exact text', async () => {
    const text =
      '{"version": 1, "self": {"id": "r1", "type": "RULE", "name": "Build"},\n' +
      ' "object": {"big": 12345678901234567890, "ratio": 1.0},\n' +
      ' "jwsHeader": "h", "jwsSignature": "s"}';
    await writeFiles(workspace, { 'config/rule.json': text });

    const result = await load('config');

    expect(result.valid).toBe(true);
    expect(result.json).toContain(text);
  });

  test('whole-export files are taken in', async () => {
    await writeFiles(workspace, {
      'config/a-export.json': envelopeText([
        itemLine('ROLE', 'r1', 'A'),
        itemLine('ROLE', 'r2', 'B'),
      ]),
      'config/b.json': oneObjectText('SOURCE', 's1', 'HR'),
      'config/c-export.json': envelopeText([itemLine('TAG', 'g1', 'T')]).replace(
        '2026-01-02T03:04:05Z',
        '2026-03-01T00:00:00Z',
      ),
    });

    const result = await load('config');

    expect(result.findings).toEqual([]);
    expect(result.objects.map((object) => [object.file, object.line])).toEqual([
      ['config/a-export.json', 4],
      ['config/a-export.json', 5],
      ['config/b.json', 1],
      ['config/c-export.json', 4],
    ]);
    expect(result.envelope?.tenant).toBe('acme-dev');
    expect(result.envelope?.timestamp).toBe('2026-03-01T00:00:00Z');
    expect(result.envelope?.description).toBe('Assembled from 3 files in config');
  });

  test('dot entries are skipped silently', async () => {
    await writeFiles(workspace, {
      ...TREE,
      'config/.hidden.json': '{ not json',
      'config/.git/objects.json': '{ not json',
    });

    const result = await load('config');

    expect(result.findings).toEqual([]);
    expect(result.objects).toHaveLength(4);
  });

  test('stray non-JSON files warn', async () => {
    await writeFiles(workspace, {
      ...TREE,
      'config/README.md': '# Config',
      'config/roles/notes.txt': 'x',
    });

    const result = await load('config');

    expect(result.valid).toBe(true);
    expect(warningsOf(result)).toHaveLength(1);
    expect(warningsOf(result)[0].message).toBe(
      'Ignored 2 file(s) that are not *.json: config/README.md, config/roles/notes.txt. ' +
        'Only *.json files are assembled into the upload.',
    );
  });

  test('JSON file that is neither', async () => {
    await writeFiles(workspace, {
      ...TREE,
      'config/settings.json': '{\n  "mappings": []\n}',
      'config/list.json': '[1, 2]',
    });

    const result = await load('config');
    const errors = errorsOf(result);

    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ file: 'config/list.json', line: 1, column: 1 });
    expect(errors[0].message).toContain('neither an sp-config export');
    expect(errors[0].message).toContain('its top-level value is an array');
    expect(errors[1]).toMatchObject({ file: 'config/settings.json', line: 1, column: 1 });
    expect(errors[1].message).toContain('no "objects" array');
    expect(errors[1].message).toContain('no "self" and "object"');
    expect(result.json).toBeUndefined();
    expect(result.envelope).toBeUndefined();
  });

  test('errors from every file at once', async () => {
    await writeFiles(workspace, {
      ...TREE,
      'config/broken.json': '{\n  "version": 1,\n  "self": {"type": "ROLE", "id": "x"},\n}',
      'config/no-type.json': '{"self": {"id": "y"}, "object": {}}',
    });

    const result = await load('config');
    const errors = errorsOf(result);

    expect(errors.map((error) => [error.file, error.line])).toEqual([
      ['config/broken.json', 3],
      ['config/no-type.json', 1],
    ]);
    expect(errors[0].message).toContain('trailing comma');
    expect(errors[1].message).toContain('The object: "self.type" is missing');
    expect(result.objects).toHaveLength(4);
  });

  test('duplicates across files list both', async () => {
    await writeFiles(workspace, {
      ...TREE,
      'config/zz-copy.json': oneObjectText('WORKFLOW', 'w1', 'Leaver copy'),
    });

    const result = await load('config');
    const errors = errorsOf(result);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'config/zz-copy.json', line: 1 });
    expect(errors[0].message).toContain(
      'config/workflows/leaver.json:1 and at config/zz-copy.json:1',
    );
  });

  test('empty folder has nothing to upload', async () => {
    await mkdir(path.join(workspace, 'config'));
    await writeFiles(workspace, { 'config/empty-export.json': '{"objects": []}' });

    const result = await load('config');

    expect(warningsOf(result)).toHaveLength(1);
    expect(warningsOf(result)[0].message).toContain('adds no objects');
    expect(errorsOf(result)).toHaveLength(1);
    expect(errorsOf(result)[0].message).toBe(
      'No valid objects were found in the 1 JSON file(s) under config, so there is nothing to upload.',
    );
  });

  test('assembled size counts for the limit', async () => {
    await writeFiles(workspace, TREE);
    const { sizeBytes } = await load('config');

    const result = await load('config', sizeBytes - 1);

    expect(errorsOf(result)).toHaveLength(1);
    expect(errorsOf(result)[0].message).toContain(
      `The envelope assembled from config is ${sizeBytes} bytes`,
    );
    expect(errorsOf(result)[0].message).toContain('max-file-size');
    expect(result.json).toBeUndefined();
  });

  test('symlink escaping workspace is an error', async () => {
    const outside = await makeWorkspace();
    try {
      await writeFiles(outside, { 'secret.json': oneObjectText('ROLE', 'r9', 'Outside') });
      await writeFiles(workspace, TREE);
      await symlink(
        path.join(outside, 'secret.json'),
        path.join(workspace, 'config', 'linked.json'),
      );
      await symlink(outside, path.join(workspace, 'config', 'linked-folder'));

      const result = await load('config');
      const errors = errorsOf(result);

      expect(errors).toHaveLength(2);
      expect(errors.map((error) => error.file)).toEqual([
        'config/linked-folder',
        'config/linked.json',
      ]);
      for (const error of errors) {
        expect(error.message).toContain('outside the workspace');
      }
      expect(result.objects.map((object) => object.id)).not.toContain('r9');
    } finally {
      await removeWorkspace(outside);
    }
  });

  test('symlinks inside workspace are followed', async () => {
    await writeFiles(workspace, {
      ...TREE,
      'shared/tag.json': oneObjectText('TAG', 'g1', 'Shared'),
    });
    await symlink(path.join(workspace, 'shared'), path.join(workspace, 'config', 'shared'));
    await symlink(path.join(workspace, 'config'), path.join(workspace, 'config', 'loop'));

    const result = await load('config');

    expect(errorsOf(result)).toEqual([]);
    expect(result.objects.map((object) => object.file)).toContain('config/shared/tag.json');
    expect(warningsOf(result)).toHaveLength(1);
    expect(warningsOf(result)[0].message).toContain('already read');
  });

  test('exports of two tenants give a warning', async () => {
    const item = (id: string) =>
      JSON.stringify({ version: 1, self: { id, name: id, type: 'ROLE' }, object: { id } });
    await writeFiles(workspace, {
      'config/dev.json': envelopeText([item('r1')]),
      'config/test.json': envelopeText([item('r2')]).replace('"acme-dev"', '"acme-test"'),
    });

    const result = await load('config');

    expect(errorsOf(result)).toEqual([]);
    const warnings = warningsOf(result).map((finding) => finding.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('exports of 2 tenants (acme-dev, acme-test)');
    expect(warnings[0]).toContain('set source-tenant');
    expect(result.envelope?.tenant).toBe('acme-dev');
  });
});
