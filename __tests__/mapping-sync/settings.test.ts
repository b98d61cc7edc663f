import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMappingSyncSettings } from '../../src/settings/mapping-sync-settings.js';
import { InputError } from '../../src/settings/parse.js';

let workspace: string;
let outside: string;
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'mapping-settings-'));
  outside = await mkdtemp(join(tmpdir(), 'mapping-outside-'));
  await mkdir(join(workspace, 'config'));
  await writeFile(join(workspace, 'config', 'mappings.yml'), 'mappings: []\n');
  await writeFile(join(outside, 'secret.yml'), 'mappings: []\n');
  await symlink(join(outside, 'secret.yml'), join(workspace, 'link.yml'));
  await mkdir(join(workspace, 'folder.yml'));
});

function read(inputs: Record<string, string>) {
  const values: Record<string, string> = { 'mappings-file': 'config/mappings.yml', ...inputs };
  return readMappingSyncSettings((name) => values[name] ?? '', workspace);
}

function errorOf(inputs: Record<string, string>): string {
  try {
    read(inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('readMappingSyncSettings', () => {
  it('applies the defaults', () => {
    expect(read({})).toEqual({
      mappingsFile: join(workspace, 'config', 'mappings.yml'),
      sourceOrg: undefined,
      prune: false,
      dryRun: false,
      maxDeletions: 0,
    });
  });

  it('reads every input', () => {
    const settings = read({
      'source-org': 'dev-tenant',
      prune: 'true',
      'dry-run': 'TRUE',
      'max-deletions': '12',
    });

    expect(settings.sourceOrg).toBe('dev-tenant');
    expect(settings.prune).toBe(true);
    expect(settings.dryRun).toBe(true);
    expect(settings.maxDeletions).toBe(12);
  });

  it('accepts default as source org', () => {
    expect(read({ 'source-org': 'default' }).sourceOrg).toBe('default');
  });

  it('requires mappings-file', () => {
    expect(errorOf({ 'mappings-file': '' })).toContain('Input mappings-file is required');
  });

  it('rejects another extension', () => {
    expect(errorOf({ 'mappings-file': 'config/mappings.toml' })).toContain(
      'which is not a .yml, .yaml or .json file',
    );
  });

  it('rejects a missing file', () => {
    expect(errorOf({ 'mappings-file': 'config/missing.yml' })).toContain('which was not found');
  });

  it('rejects a path outside the workspace', () => {
    expect(errorOf({ 'mappings-file': join(outside, 'secret.yml') })).toContain(
      'which is outside the workspace',
    );
    expect(errorOf({ 'mappings-file': '../x/secret.yml' })).toMatch(/not found|outside/);
  });

  it('rejects a link that leaves the workspace', () => {
    expect(errorOf({ 'mappings-file': 'link.yml' })).toContain('which is outside the workspace');
  });

  it('rejects a folder', () => {
    expect(errorOf({ 'mappings-file': 'folder.yml' })).toContain('which is not a file');
  });

  it.each([['../prod'], ['a/b'], ['dev.tenant'], ['..']])('rejects source-org %s', (value) => {
    expect(errorOf({ 'source-org': value })).toContain(`Input source-org is "${value}"`);
  });

  it('lists every invalid input at once', () => {
    const message = errorOf({
      'mappings-file': 'missing.yml',
      prune: 'yes',
      'dry-run': 'maybe',
      'max-deletions': '-1',
    });

    expect(message).toContain('mappings-file');
    expect(message).toContain('Input prune is "yes"');
    expect(message).toContain('Input dry-run is "maybe"');
    expect(message).toContain('Input max-deletions is "-1"');
  });
});
