import { loadConfig } from '../../src/config-file/index.js';
import {
  LARGE_LIMIT,
  envelopeText,
  itemLine,
  makeWorkspace,
  removeWorkspace,
  writeFiles,
} from './helpers.js';

let workspace: string;

beforeEach(async () => {
  workspace = await makeWorkspace();
});

afterEach(async () => {
  await removeWorkspace(workspace);
});

async function loadText(content: string | Buffer) {
  await writeFiles(workspace, { 'export.json': content });
  return loadConfig('export.json', { workspace, maxFileSizeBytes: LARGE_LIMIT });
}

const VALID = envelopeText([itemLine('WORKFLOW', 'w1', 'Leaver'), itemLine('ROLE', 'r1', 'Admin')]);

describe('loadConfig encoding checks', () => {
  test('UTF-8 BOM is an error', async () => {
    const result = await loadText(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]),
    );

    expect(result.valid).toBe(false);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      severity: 'error',
      file: 'export.json',
      line: 1,
      column: 1,
    });
    expect(result.findings[0].message).toContain('byte-order mark');
    expect(result.findings[0].message).toContain('Save it as UTF-8 without BOM');
    // The rest of the file is still checked, with lines as an editor shows them.
    expect(result.objects.map((object) => object.line)).toEqual([4, 5]);
  });

  test('UTF-16 with BOM is an error', async () => {
    const result = await loadText(Buffer.from(`\ufeff${VALID}`, 'utf16le'));

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ severity: 'error', line: 1, column: 1 });
    expect(result.findings[0].message).toContain('UTF-16');
    expect(result.findings[0].message).toContain('Save it as UTF-8');
    expect(result.objects).toEqual([]);
  });

  test('UTF-16 big-endian BOM is an error', async () => {
    const littleEndian = Buffer.from(`\ufeff${VALID}`, 'utf16le');
    const result = await loadText(Buffer.from(littleEndian).swap16());

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).toContain('UTF-16');
  });

  test('NUL bytes suggest UTF-16', async () => {
    const result = await loadText(Buffer.from(VALID, 'utf16le'));

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).toContain('NUL byte at byte offset 1');
    expect(result.findings[0].message).toContain('Save it as UTF-8');
  });

  test('invalid UTF-8 points at the byte', async () => {
    // Replaces the "i" of the first "Admin" with the Latin-1 byte of "é".
    const cut = VALID.indexOf('Admin') + 3;
    const bytes = Buffer.concat([
      Buffer.from(VALID.slice(0, cut)),
      Buffer.from([0xe9]),
      Buffer.from(VALID.slice(cut + 1)),
    ]);
    const result = await loadText(bytes);

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ severity: 'error', line: 5 });
    expect(result.findings[0].column).toBe(
      5 + itemLine('ROLE', 'r1', 'Admin').indexOf('Admin') + 3,
    );
    expect(result.findings[0].message).toContain('not valid UTF-8');
  });
});

describe('loadConfig syntax errors', () => {
  test('trailing comma in objects', async () => {
    const item = itemLine('WORKFLOW', 'w1', 'Leaver');
    const result = await loadText(`{\n  "version": 1,\n  "objects": [\n    ${item},\n  ]\n}\n`);

    expect(result.findings).toEqual([
      {
        severity: 'error',
        file: 'export.json',
        line: 4,
        column: 5 + item.length,
        endLine: 4,
        endColumn: 6 + item.length,
        message:
          'Invalid JSON: trailing comma before the "]" that closes the array. Remove the comma, ' +
          'because strict JSON allows none after the last item.',
      },
    ]);
    expect(result.envelope).toBeUndefined();
  });

  test('trailing comma in object reported once', async () => {
    const result = await loadText('{\n  "version": 1,\n  "objects": [],\n}');

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ line: 3, column: 16 });
    expect(result.findings[0].message).toContain('trailing comma before the "}"');
  });

  test('truncated file', async () => {
    const result = await loadText('{\n  "version": 1,\n  "objects": [\n    {"version": 1');

    expect(result.findings.map((finding) => [finding.line, finding.column])).toEqual([
      [4, 18],
      [4, 18],
      [4, 18],
    ]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'Invalid JSON: the file ends before an object is closed (expected "}"). The file may be truncated.',
      'Invalid JSON: the file ends before an array is closed (expected "]"). The file may be truncated.',
      'Invalid JSON: the file ends before an object is closed (expected "}"). The file may be truncated.',
    ]);
  });

  test('missing comma', async () => {
    const result = await loadText('{\n  "version": 1\n  "objects": []\n}');

    expect(result.findings).toEqual([
      {
        severity: 'error',
        file: 'export.json',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 12,
        message: 'Invalid JSON: expected a comma, found `"objects"`.',
      },
    ]);
  });

  test('comment is an error', async () => {
    const result = await loadText('{\n  // exported by hand\n  "version": 1,\n  "objects": []\n}');

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ line: 2, column: 3, endLine: 2, endColumn: 22 });
    expect(result.findings[0].message).toBe(
      'Invalid JSON: comments are not allowed in JSON. Remove the comment.',
    );
  });

  test('several errors reported together', async () => {
    const result = await loadText('{\n  \'version\': 1,\n  "objects": [] x\n}');

    expect(result.findings.length).toBeGreaterThanOrEqual(2);
    expect(result.findings[0]).toMatchObject({ line: 2, column: 3 });
    expect(result.findings[0].message).toContain('double quotes, not single quotes');
    expect(result.findings.some((finding) => finding.line === 3 && finding.column === 17)).toBe(
      true,
    );
  });

  test('control character in string', async () => {
    const result = await loadText('{"objects": [], "description": "a\tb"}');

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ line: 1, column: 32 });
    expect(result.findings[0].message).toContain('control character');
  });

  test('empty file', async () => {
    const result = await loadText('  \n');

    expect(result.findings).toEqual([
      { severity: 'error', file: 'export.json', line: 1, column: 1, message: 'The file is empty.' },
    ]);
  });

  test('error list is capped', async () => {
    const result = await loadText(`[${'x,'.repeat(40)}1]`);

    expect(result.findings).toHaveLength(21);
    expect(result.findings[20].message).toMatch(/^\d+ more JSON syntax errors are not listed/);
  });
});
