import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';

import { BACKUP_OBJECT_TYPES, loadConfig } from '../../src/config-file/index.js';
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

async function load(relativePath: string, maxFileSizeBytes = LARGE_LIMIT) {
  return loadConfig(relativePath, { workspace, maxFileSizeBytes });
}

describe('loadConfig with a single file', () => {
  test('valid envelope loads as is', async () => {
    const text = envelopeText([
      itemLine('WORKFLOW', 'w1', 'Leaver'),
      itemLine('SOURCE', 's1', 'HR'),
      itemLine('WORKFLOW', 'w2', 'Joiner'),
    ]);
    await writeFiles(workspace, { 'export.json': text });

    const result = await load('export.json');

    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.isFolder).toBe(false);
    expect(result.json).toBeUndefined();
    expect(result.sourcePath).toBe(path.join(workspace, 'export.json'));
    expect(result.sizeBytes).toBe(Buffer.byteLength(text));
    expect(result.envelope?.tenant).toBe('acme-dev');
    expect(result.envelope?.objects.map((object) => object.self.id)).toEqual(['w1', 's1', 'w2']);
    expect(result.objects).toEqual([
      { type: 'WORKFLOW', id: 'w1', name: 'Leaver', file: 'export.json', line: 4 },
      { type: 'SOURCE', id: 's1', name: 'HR', file: 'export.json', line: 5 },
      { type: 'WORKFLOW', id: 'w2', name: 'Joiner', file: 'export.json', line: 6 },
    ]);
    expect(result.countsByType).toEqual({ WORKFLOW: 2, SOURCE: 1 });
  });

  test('signed rule is never reformatted', async () => {
    const text =
      '{"version":1,"objects":[{"version":1,"self":{"id":"r1","type":"RULE","name":"Build"},' +
      '"object":{"sourceCode":{"script":"return 1;"}},"jwsHeader":"eyJhbGciOiJSUzI1NiJ9",' +
      '"jwsSignature":"c2lnbmF0dXJl"}]}';
    await writeFiles(workspace, { 'rules.json': text });

    const result = await load('rules.json');

    expect(result.valid).toBe(true);
    expect(result.json).toBeUndefined();
    expect(result.envelope?.objects[0].jwsSignature).toBe('c2lnbmF0dXJl');
    expect(await readFile(path.join(workspace, 'rules.json'), 'utf8')).toBe(text);
  });

  test('missing path names checkout', async () => {
    const result = await load('config/export.json');

    expect(result.valid).toBe(false);
    expect(result.envelope).toBeUndefined();
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].severity).toBe('error');
    expect(result.findings[0].message).toContain('"config/export.json" was not found');
    expect(result.findings[0].message).toContain('actions/checkout');
    expect(result.findings[0].message).toContain('config-path');
  });

  test('path outside workspace is rejected', async () => {
    const outside = await makeWorkspace();
    try {
      await writeFiles(outside, { 'export.json': envelopeText([itemLine('ROLE', 'r1', 'R')]) });

      const result = await load(path.join(outside, 'export.json'));

      expect(result.valid).toBe(false);
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0].message).toContain(path.join(outside, 'export.json'));
      expect(result.findings[0].message).toContain('outside the workspace');
    } finally {
      await removeWorkspace(outside);
    }
  });

  test('symlink escaping workspace is rejected', async () => {
    const outside = await makeWorkspace();
    try {
      await writeFiles(outside, { 'export.json': envelopeText([itemLine('ROLE', 'r1', 'R')]) });
      await symlink(path.join(outside, 'export.json'), path.join(workspace, 'linked.json'));

      const result = await load('linked.json');

      expect(result.valid).toBe(false);
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0].message).toContain('"linked.json" resolves to');
      expect(result.findings[0].message).toContain(path.join(outside, 'export.json'));
    } finally {
      await removeWorkspace(outside);
    }
  });

  test('size over the limit is an error', async () => {
    const text = envelopeText([itemLine('ROLE', 'r1', 'R')]);
    const size = Buffer.byteLength(text);
    await writeFiles(workspace, { 'export.json': text });

    const atLimit = await load('export.json', size);
    const overLimit = await load('export.json', size - 1);

    expect(atLimit.findings).toEqual([]);
    expect(overLimit.valid).toBe(false);
    expect(overLimit.envelope).toBeUndefined();
    expect(overLimit.sizeBytes).toBe(size);
    expect(overLimit.findings).toHaveLength(1);
    expect(overLimit.findings[0].file).toBe('export.json');
    expect(overLimit.findings[0].message).toContain(`${size} bytes`);
    expect(overLimit.findings[0].message).toContain(`limit of ${size - 1} bytes`);
    expect(overLimit.findings[0].message).toContain('max-file-size');
  });

  test('empty objects array is an error', async () => {
    await writeFiles(workspace, { 'export.json': '{\n  "version": 1,\n  "objects": []\n}\n' });

    const result = await load('export.json');

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      severity: 'error',
      file: 'export.json',
      line: 3,
      column: 14,
    });
    expect(result.findings[0].message).toContain('nothing to upload');
  });

  test('item shape errors point at items', async () => {
    const valid = itemLine('ROLE', 'r9', 'Valid');
    const text = envelopeText([
      '"just a string"',
      '{"version": 1, "object": {}}',
      '{"self": {"id": "x"}, "object": {}}',
      '{"self": {"type": "ROLE"}, "object": {}}',
      '{"self": {"type": "ROLE", "id": "r"}}',
      '{"self": {"type": "ROLE", "id": "r2"}, "object": []}',
      '{"self": "ROLE", "object": {}}',
      '{"self": {"type": 7, "id": "r3"}, "object": {}}',
      '{"self": {"type": "ROLE", "id": ""}, "object": {}}',
      valid,
    ]);
    await writeFiles(workspace, { 'export.json': text });

    const result = await load('export.json');
    const errors = errorsOf(result);

    expect(errors.map((error) => [error.line, error.column])).toEqual([
      [4, 5],
      [5, 5],
      [6, 5],
      [7, 5],
      [8, 5],
      [9, 5],
      [10, 5],
      [11, 5],
      [12, 5],
    ]);
    expect(errors[0].message).toBe(
      'objects[0] is a string, but each item of "objects" must be an object with "self" and "object".',
    );
    expect(errors[1].message).toContain('objects[1] has no "self"');
    expect(errors[2].message).toContain('objects[2]: "self.type" is missing');
    expect(errors[3].message).toContain('objects[3] (ROLE): "self" has neither "id" nor "name"');
    expect(errors[4].message).toContain('objects[4] (ROLE "r") has no "object"');
    expect(errors[5].message).toContain('objects[5] (ROLE "r2"): "object" is an array');
    expect(errors[6].message).toContain('objects[6]: "self" is a string');
    expect(errors[7].message).toContain('objects[7]: "self.type" is 7');
    expect(errors[8].message).toContain('objects[8]: "self.id" is ""');
    expect(result.objects).toEqual([
      { type: 'ROLE', id: 'r9', name: 'Valid', file: 'export.json', line: 13 },
    ]);
    expect(result.envelope).toBeUndefined();
  });

  test('duplicates list both lines', async () => {
    const text = envelopeText([
      itemLine('WORKFLOW', 'w1', 'First'),
      itemLine('ROLE', 'w1', 'Same id, other type'),
      itemLine('WORKFLOW', 'w1', 'Second'),
      itemLine('TRANSFORM', undefined, 'Upper'),
      itemLine('TRANSFORM', undefined, 'Upper'),
      itemLine('TRANSFORM', 't1', 'Upper'),
    ]);
    await writeFiles(workspace, { 'export.json': text });

    const result = await load('export.json');
    const errors = errorsOf(result);

    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ file: 'export.json', line: 6 });
    expect(errors[0].message).toBe(
      'Duplicate WORKFLOW object with id "w1": it appears at export.json:4 and at export.json:6. ' +
        'Keep only one of them.',
    );
    expect(errors[1]).toMatchObject({ file: 'export.json', line: 8 });
    expect(errors[1].message).toContain('Duplicate TRANSFORM object with name "Upper"');
    expect(errors[1].message).toContain('export.json:7 and at export.json:8');
  });

  test('unsupported types warn once per type', async () => {
    const text = envelopeText([
      itemLine('CONNECTOR_RULE', 'c1', 'A'),
      itemLine('APPLICATION', 'a1', 'App'),
      itemLine('CONNECTOR_RULE', 'c2', 'B'),
      itemLine('WORKFLOW', 'w1', 'W'),
    ]);
    await writeFiles(workspace, { 'export.json': text });

    const result = await load('export.json');
    const warnings = warningsOf(result);

    expect(errorsOf(result)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.envelope).toBeDefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ file: 'export.json', line: 4 });
    expect(warnings[0].message).toContain('2 objects have type "CONNECTOR_RULE"');
    expect(warnings[1]).toMatchObject({ file: 'export.json', line: 5 });
    expect(warnings[1].message).toContain('1 object has type "APPLICATION"');
    for (const warning of warnings) {
      expect(warning.message).toContain(BACKUP_OBJECT_TYPES.join(', '));
    }
    expect(result.countsByType).toEqual({ CONNECTOR_RULE: 2, APPLICATION: 1, WORKFLOW: 1 });
  });

  test('top-level shape errors', async () => {
    await writeFiles(workspace, {
      'array.json': '[]',
      'no-objects.json': '{\n  "version": 1\n}',
      'objects-string.json': '{"objects": "none"}',
      'one-object.json': oneObjectText('ROLE', 'r1', 'R'),
    });

    const array = await load('array.json');
    const noObjects = await load('no-objects.json');
    const objectsString = await load('objects-string.json');
    const oneObject = await load('one-object.json');

    expect(array.findings).toEqual([
      {
        severity: 'error',
        file: 'array.json',
        line: 1,
        column: 1,
        message:
          'The top-level value is an array, but an sp-config export is an object with an "objects" array.',
      },
    ]);
    expect(noObjects.findings).toHaveLength(1);
    expect(noObjects.findings[0].message).toContain('has no "objects" array');
    expect(objectsString.findings).toHaveLength(1);
    expect(objectsString.findings[0].message).toBe(
      '"objects" is a string, but must be an array of objects.',
    );
    expect(oneObject.findings).toHaveLength(1);
    expect(oneObject.findings[0].message).toContain('It looks like a single object');
  });
});
