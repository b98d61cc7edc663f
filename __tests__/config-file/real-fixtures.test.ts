import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BACKUP_OBJECT_TYPES, loadConfig } from '../../src/config-file/index.js';
import { LARGE_LIMIT, errorsOf, warningsOf } from './helpers.js';

// Real Configuration Hub exports are kept next to the repository, not in it. Where that folder
// is absent (a fresh clone), these tests are skipped.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.resolve(projectRoot, '..', 'shared', 'fixtures', 'real');
const describeWithFixtures = existsSync(fixtures) ? describe : describe.skip;

describeWithFixtures('loadConfig on real exports', () => {
  const options = { workspace: fixtures, maxFileSizeBytes: LARGE_LIMIT };

  test('whole export is valid', async () => {
    const result = await loadConfig('emergency-termination.sp-config.json', options);

    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.json).toBeUndefined();
    expect(result.envelope?.tenant).toBe('acme-dev');
    expect(result.countsByType).toEqual({ FORM_DEFINITION: 3, WORKFLOW: 1 });
    expect(result.objects.map((object) => [object.type, object.name, object.line])).toEqual([
      ['FORM_DEFINITION', 'ET - Approval', 30],
      ['FORM_DEFINITION', 'ET - Instructions', 428],
      ['FORM_DEFINITION', 'ET - Select User', 525],
      ['WORKFLOW', 'Emergency Termination Request', 666],
    ]);
  });

  test('per-object tree assembles', async () => {
    const result = await loadConfig('per-object', options);

    expect(errorsOf(result)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.objects).toHaveLength(21);
    expect(result.countsByType).toEqual({
      ACCESS_PROFILE: 1,
      FORM_DEFINITION: 1,
      IDENTITY_PROFILE: 2,
      SOD_POLICY: 2,
      ROLE: 1,
      CONNECTOR_RULE: 2,
      SOURCE: 4,
      TRANSFORM: 3,
      WORKFLOW: 5,
    });
    expect(result.objects[0].file).toBe('per-object/access-profiles/Team_A_-_PingOne.json');

    const warnings = warningsOf(result);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file).toBe('per-object/rules/App_Testdata_CustomizationRule.json');
    expect(warnings[0].message).toContain('2 objects have type "CONNECTOR_RULE"');
    expect(BACKUP_OBJECT_TYPES).not.toContain('CONNECTOR_RULE');
  });

  test('per-object tree keeps file text', async () => {
    const result = await loadConfig('per-object', options);
    const again = await loadConfig('per-object', options);

    expect(again.json).toBe(result.json);
    expect(JSON.parse(result.json ?? '')).toEqual(result.envelope);
    for (const object of result.objects) {
      const text = await readFile(path.join(fixtures, object.file), 'utf8');
      expect(result.json).toContain(text.trim());
    }
  });
});
