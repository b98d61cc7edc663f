import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/action-runner.js';
import {
  closestName,
  loadMappingsFile,
  MAPPING_OBJECT_TYPES,
  parseMappings,
} from '../../src/mappings-file/index.js';

const FIXTURES = join(PROJECT_ROOT, '__tests__', 'fixtures', 'mapping-sync');

function parseYaml(text: string, defaultSourceOrg?: string) {
  return parseMappings(text, { file: 'mappings.yml', format: 'yaml', defaultSourceOrg });
}

/** Findings as "line:column message" for compact checks. */
function located(findings: { line?: number; column?: number; message: string }[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.message}`);
}

const ENTRY = [
  '  - objectType: ROLE',
  '    jsonPath: $.name',
  '    sourceValue: A',
  '    targetValue: B',
];

describe('loadMappingsFile', () => {
  it('reads the YAML fixture with defaults', async () => {
    const file = await loadMappingsFile(join(FIXTURES, 'valid.yml'), {
      workspace: PROJECT_ROOT,
      defaultSourceOrg: 'main-org',
    });

    expect(file.findings).toEqual([]);
    expect(file.valid).toBe(true);
    expect(file.entries).toEqual([
      {
        sourceOrg: 'dev-tenant',
        objectType: 'GOVERNANCE_GROUP',
        jsonPath: '$.name',
        sourceValue: 'Dev Approvers',
        targetValue: 'Prod Approvers',
        enabled: true,
        line: 3,
        column: 5,
      },
      {
        sourceOrg: 'main-org',
        objectType: 'SOURCE',
        jsonPath: '$.name',
        sourceValue: 'HR (dev)',
        targetValue: 'HR (prod)',
        enabled: true,
        line: 9,
        column: 5,
      },
      {
        sourceOrg: 'main-org',
        objectType: 'IDENTITY',
        jsonPath: '$.attributes.email',
        sourceValue: 'dev.admin@example.com',
        targetValue: 'prod.admin@example.com',
        enabled: false,
        line: 13,
        column: 5,
      },
    ]);
  });

  it('reads the JSON fixture', async () => {
    const file = await loadMappingsFile(join(FIXTURES, 'valid.json'), { workspace: PROJECT_ROOT });

    expect(file.valid).toBe(true);
    expect(file.entries.map((e) => [e.sourceOrg, e.objectType, e.enabled, e.line])).toEqual([
      ['dev-tenant', 'ROLE', true, 3],
      ['default', 'ENTITLEMENT', false, 10],
    ]);
  });

  it('reports every problem of the invalid fixture', async () => {
    const file = await loadMappingsFile(join(FIXTURES, 'invalid.yml'), { workspace: PROJECT_ROOT });

    expect(file.valid).toBe(false);
    expect(file.entries).toEqual([]);
    const messages = located(file.findings);
    expect(messages).toHaveLength(11);
    expect(messages[0]).toMatch(
      /^6:17 mappings\[1\]\.objectType "governance_group" is not an object type .* Did you mean GOVERNANCE_GROUP\?/,
    );
    expect(messages[1]).toMatch(/^7:15 mappings\[1\]\.jsonPath "name" does not start with "\$"/);
    expect(messages[2]).toBe(
      '8:18 mappings[1].sourceValue is the number 42, which is not a string: put the value in quotes.',
    );
    expect(messages[3]).toBe('9:18 mappings[1].targetValue is empty: give a value.');
    expect(messages[4]).toBe(
      '10:14 mappings[1].enabled is "true", which is not a boolean: use true or false without quotes.',
    );
    expect(messages[5]).toMatch(
      /^11:16 mappings\[1\]\.sourceOrg "\.\.\/prod" is not a tenant name/,
    );
    expect(messages[6]).toMatch(
      /^12:5 The mappings on lines 2 and 12 have the same sourceOrg, objectType, jsonPath and sourceValue/,
    );
    expect(messages[7]).toMatch(
      /^16:5 mappings\[2\] has an unknown key "targetvalue", probably a typo of targetValue\./,
    );
    expect(messages[8]).toBe('17:5 mappings[3] is missing objectType.');
    expect(messages[9]).toBe('17:5 mappings[3] is missing sourceValue.');
    expect(messages[10]).toBe('17:5 mappings[3] is missing targetValue.');
  });

  it('reports a JSON syntax error', async () => {
    const file = await loadMappingsFile(join(FIXTURES, 'invalid.json'), {
      workspace: PROJECT_ROOT,
    });

    expect(file.valid).toBe(false);
    expect(file.findings).toHaveLength(1);
    expect(file.findings[0].message).toMatch(/^JSON syntax error: .*"dev"/);
    expect(file.findings[0].line).toBe(3);
    expect(file.findings[0].file).toBe('__tests__/fixtures/mapping-sync/invalid.json');
  });

  it('rejects an unknown extension', async () => {
    const file = await loadMappingsFile(join(FIXTURES, 'valid.yml.txt'), {
      workspace: PROJECT_ROOT,
    });

    expect(file.valid).toBe(false);
    expect(file.findings[0].message).toContain('name it .yml, .yaml or .json');
  });

  it('rejects bytes that are not UTF-8', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mappings-file-'));
    const path = join(folder, 'latin1.yml');
    await writeFile(path, Buffer.from([0x6d, 0x3a, 0x20, 0xe9, 0x0a]));

    const file = await loadMappingsFile(path, { workspace: folder });

    expect(file.valid).toBe(false);
    expect(file.findings[0].message).toBe(
      'The mappings file latin1.yml is not valid UTF-8 text: save it as UTF-8.',
    );
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mappings-file-'));
    const path = join(folder, 'bom.yml');
    await writeFile(path, `\uFEFFmappings:\n${ENTRY.join('\n')}\n`);

    const file = await loadMappingsFile(path, { workspace: folder });

    expect(file.findings).toEqual([]);
    expect(file.entries).toHaveLength(1);
  });
});

describe('parseMappings', () => {
  it('accepts an empty mappings list', () => {
    expect(parseYaml('mappings: []\n')).toEqual({ entries: [], findings: [], valid: true });
    expect(parseYaml('mappings:\n').valid).toBe(true);
  });

  it('rejects an empty file', () => {
    const file = parseYaml('');

    expect(file.valid).toBe(false);
    expect(file.findings[0].message).toContain('is empty');
  });

  it('rejects a top level that is a list', () => {
    const file = parseYaml(ENTRY.join('\n'));

    expect(file.valid).toBe(false);
    expect(file.findings[0].message).toContain('must be a mapping with a "mappings" list');
  });

  it('suggests mappings for a misspelled top-level key', () => {
    const file = parseYaml(`mapings:\n${ENTRY.join('\n')}\n`);

    expect(located(file.findings)).toEqual([
      '1:1 The mappings file has an unknown top-level key "mapings", probably a typo of mappings. The only top-level key is "mappings".',
      '1:1 The mappings file has no "mappings" list: add mappings: followed by the list of mappings.',
    ]);
  });

  it('rejects mappings that is not a list', () => {
    const file = parseYaml('mappings:\n  objectType: ROLE\n');

    expect(file.findings[0].message).toContain('"mappings" must be a list');
    expect(file.findings[0].line).toBe(2);
  });

  it('reports a duplicate YAML key', () => {
    const file = parseYaml(`mappings:\n${ENTRY.join('\n')}\n    targetValue: C\n`);

    expect(file.valid).toBe(false);
    expect(file.findings).toHaveLength(1);
    expect(file.findings[0].message).toMatch(/^YAML syntax error: Map keys must be unique/);
    expect(file.findings[0].line).toBe(6);
  });

  it('keeps yes as a string', () => {
    const file = parseYaml(`mappings:\n${ENTRY.join('\n')}\n    enabled: yes\n`);

    expect(file.findings.map((f) => f.message)).toEqual([
      'mappings[0].enabled is "yes", which is not a boolean: use true or false without quotes.',
    ]);
  });

  it('rejects a list as a value', () => {
    const file = parseYaml(`mappings:\n${ENTRY.slice(0, 3).join('\n')}\n    targetValue: [B]\n`);

    expect(file.findings.map((f) => f.message)).toEqual([
      'mappings[0].targetValue is a list, which is not a string.',
    ]);
  });

  it('treats source orgs as separate identities', () => {
    const text = ['mappings:', ...ENTRY, ...ENTRY, '    sourceOrg: other-org', ''].join('\n');

    const file = parseYaml(text, 'dev-tenant');

    expect(file.findings).toEqual([]);
    expect(file.entries.map((e) => e.sourceOrg)).toEqual(['dev-tenant', 'other-org']);
  });

  it('finds a duplicate through the default org', () => {
    const text = ['mappings:', ...ENTRY, ...ENTRY, '    sourceOrg: dev-tenant', ''].join('\n');

    const file = parseYaml(text, 'dev-tenant');

    expect(located(file.findings)).toEqual([
      '6:5 The mappings on lines 2 and 6 have the same sourceOrg, objectType, jsonPath and sourceValue (dev-tenant, ROLE, $.name, "A"), so they would map one value twice: keep one of them.',
    ]);
  });

  it('compares source values with case', () => {
    const second = ENTRY.map((line) => line.replace('sourceValue: A', 'sourceValue: a'));

    const file = parseYaml(['mappings:', ...ENTRY, ...second, ''].join('\n'));

    expect(file.valid).toBe(true);
    expect(file.entries).toHaveLength(2);
  });

  it.each([['.'], ['..'], ['a/b'], ['dev tenant'], ['-dev'], ['x'.repeat(64)]])(
    'rejects source org %s',
    (sourceOrg) => {
      const file = parseYaml(
        ['mappings:', ...ENTRY, `    sourceOrg: "${sourceOrg}"`, ''].join('\n'),
      );

      expect(file.valid).toBe(false);
      expect(file.findings[0].message).toContain('is not a tenant name');
    },
  );

  it('accepts the default source org', () => {
    const file = parseYaml(['mappings:', ...ENTRY, '    sourceOrg: default', ''].join('\n'));

    expect(file.valid).toBe(true);
  });

  it('reports a syntax error with its position', () => {
    const file = parseYaml('mappings:\n  - objectType: [ROLE\n');

    expect(file.valid).toBe(false);
    expect(file.findings[0].message).toMatch(/^YAML syntax error: /);
    expect(file.findings[0].line).toBeGreaterThanOrEqual(2);
  });

  it('names the valid object types', () => {
    const file = parseYaml(`mappings:\n${ENTRY.join('\n').replace('ROLE', 'WIDGET')}\n`);

    expect(file.findings[0].message).not.toContain('Did you mean');
    for (const type of MAPPING_OBJECT_TYPES) {
      expect(file.findings[0].message).toContain(type);
    }
    expect(MAPPING_OBJECT_TYPES).toHaveLength(26);
  });
});

describe('closestName', () => {
  it('finds a near key', () => {
    expect(closestName('sourcevalue', ['sourceValue', 'targetValue'])).toBe('sourceValue');
    expect(closestName('jsonpth', ['jsonPath', 'enabled'])).toBe('jsonPath');
  });

  it('suggests nothing for a distant word', () => {
    expect(closestName('description', ['sourceValue', 'enabled'])).toBeUndefined();
  });
});
